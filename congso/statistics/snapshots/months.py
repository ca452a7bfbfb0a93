"""Calendar months on Vietnamese time as integers (year × 12 + month − 1), so SQL can bucket moments and
Python can walk ranges without date arithmetic."""

from __future__ import annotations

from datetime import date

from congso.core import clock
from congso.core.errors import InvalidInput
from congso.statistics.periods import Period


def index(day: date) -> int:
    return day.year * 12 + day.month - 1


def first_day(k: int) -> date:
    return date(k // 12, k % 12 + 1, 1)


def period(k: int) -> Period:
    return Period.month(k // 12, k % 12 + 1)


def current() -> int:
    """The running month: not closed, so never snapshotted (its figures are replayed live)."""
    return index(clock.local(clock.now()).date())


def label(k: int) -> str:
    return f"{k % 12 + 1:02d}/{k // 12}"


def parse(text: str | None, option: str) -> int:
    """yyyy-mm (2026-01) or mm/yyyy (01/2026); anything else is a Vietnamese input error."""
    value = (text or "").strip()
    for sep, year_first in (("-", True), ("/", False)):
        parts = value.split(sep)
        if len(parts) == 2 and all(p.isdigit() for p in parts):
            year, month = (int(parts[0]), int(parts[1])) if year_first else (int(parts[1]), int(parts[0]))
            if 1 <= month <= 12 and 1900 < year < 3000:
                return year * 12 + month - 1
    raise InvalidInput(
        "invalid_month", f"{option} “{value}” không phải tháng hợp lệ; hãy nhập dạng YYYY-MM, ví dụ 2026-01."
    )
