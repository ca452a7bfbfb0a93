"""Inbox and search latency for the busiest agency (issue 5: p95 under 50 ms at 1,000,000 dossiers).

Run against a populated database:  DATABASE_URL=postgres://…/congso_million .venv/bin/python -m bench.inbox
(`make bench` also runs it on its own smaller database.)
"""

from __future__ import annotations

import os
import statistics
import time


def _percentiles(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return statistics.median(ordered), p95


def _time(fn, runs: int = 40) -> tuple[float, float]:
    fn()  # warm
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    return _percentiles(samples)


def run() -> None:
    from django.db.models import Count

    from congso.dossiers import inbox
    from congso.dossiers.models import Dossier
    from congso.identity import services as identity
    from congso.identity.choices import Role
    from congso.identity.models import Agency, User

    busiest = Dossier.objects.values("agency").annotate(n=Count("id")).order_by("-n").first()
    if busiest is None:
        print("Hộp hồ sơ: chưa có hồ sơ để đo.")
        return
    agency = Agency.objects.get(pk=busiest["agency"])
    login = f"bench_inbox_{agency.pk}"
    user = User.objects.filter(username=login).first()
    if user is None:
        user = identity.create_officer(
            actor=None,
            agency=agency,
            username=login,
            full_name="Đo hiệu năng",
            roles=[Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.LEADER],
            password=None,
        ).user
    total = Dossier.objects.count()
    sample = Dossier.objects.filter(agency=agency).select_related("applicant").order_by("-id").first()

    def page(queue, filters=None):
        return lambda: list(inbox.dossiers_in(user, queue, filters or inbox.Filters())[:25])

    cases = [
        ("đếm 7 hàng đợi", lambda: inbox.counts(user)),
        ("trang 1 'tất cả'", page("tat_ca")),
        ("trang 1 'của tôi'", page("cua_toi")),
        ("trang 1 'quá hạn'", page("qua_han")),
        ("tìm theo mã", page("tat_ca", inbox.Filters(q=sample.code))),
        ("tìm theo tên không dấu", page("tat_ca", inbox.Filters(q="nguyen van"))),
        ("tìm theo số định danh", page("tat_ca", inbox.Filters(q=sample.applicant.id_number))),
    ]
    print(
        f"Hộp hồ sơ — {total:,} hồ sơ; cơ quan bận nhất: {agency.name} ({busiest['n']:,} hồ sơ)".replace(
            ",", "."
        )
    )
    for name, fn in cases:
        p50, p95 = _time(fn)
        print(f"  {name:<28} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    run()
