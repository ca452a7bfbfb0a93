from __future__ import annotations

import random
import time
from datetime import timedelta

from congso.core.clock import vn
from congso.workdays.selectors import calendar_for

N = 100_000


def run() -> None:
    cal = calendar_for("56")
    rng = random.Random(7)
    base = vn(2025, 1, 1, 0, 0)
    moments = [base + timedelta(minutes=rng.randrange(0, 2 * 365 * 24 * 60)) for _ in range(N)]
    days = [rng.randint(1, 30) for _ in range(N)]
    cal.add_working_days(moments[0], days[0])  # warm the year tables
    started = time.perf_counter()
    for moment, n in zip(moments, days, strict=True):
        cal.add_working_days(moment, n)
    elapsed = time.perf_counter() - started
    print(f"Tính hạn (cộng N ngày làm việc): {N / elapsed:,.0f} phép tính/giây")
