from __future__ import annotations

import time

from congso.dossiers.generator import Generator, make_applicants, offerings_for
from congso.dossiers.models import DossierEvent

N = 20_000


def run() -> None:
    applicants = make_applicants(2000, seed=3)
    offerings = offerings_for("56")
    before = DossierEvent.objects.count()
    started = time.perf_counter()
    Generator(province_code="56", offerings=offerings, applicants=applicants, seed=3).run(N)
    elapsed = time.perf_counter() - started
    events = DossierEvent.objects.count() - before
    print(f"Sinh hồ sơ hàng loạt: {N / elapsed:,.0f} hồ sơ/giây ({events / N:.1f} sự kiện/hồ sơ, kèm outbox)")
    print(f"Ước tính 1.000.000 hồ sơ: {1_000_000 / (N / elapsed) / 60:.0f} phút")
