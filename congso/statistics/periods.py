"""Reporting periods: whole calendar days on Vietnamese time (Asia/Ho_Chi_Minh, UTC+7, no DST).

Form 06 (Circular 01/2020/TT-VPCP) runs from From 00:00:00 to To 23:59:59 (domain.md §9.1); Decision
766/QĐ-TTg reports by month, quarter or year (domain.md §9.2). A period is stored as its two dates;
`start` and `end` are the moments [start, end) the queries compare event times with.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cached_property

from congso.core.clock import VN_TZ
from congso.core.errors import InvalidInput


@dataclass(frozen=True)
class Period:
    first: date  # From (inclusive)
    last: date  # To (inclusive, up to 23:59:59)

    def __post_init__(self) -> None:
        if self.first > self.last:
            raise InvalidInput(
                "period_reversed",
                f"Ngày bắt đầu ({self.first:%d/%m/%Y}) phải trước hoặc bằng ngày kết thúc ({self.last:%d/%m/%Y}).",
            )

    # Cached: the pure rules read these once per dossier (a million times for a province-year).
    @cached_property
    def start(self) -> datetime:
        """From 00:00:00 on Vietnamese time."""
        return datetime(self.first.year, self.first.month, self.first.day, tzinfo=VN_TZ)

    @cached_property
    def end(self) -> datetime:
        """The moment just after To 23:59:59 (exclusive bound)."""
        nxt = self.last + timedelta(days=1)
        return datetime(nxt.year, nxt.month, nxt.day, tzinfo=VN_TZ)

    @cached_property
    def last_moment(self) -> datetime:
        """To 23:59:59, the moment open dossiers are judged at (domain.md §9.2 rule 2.1)."""
        return self.end - timedelta(seconds=1)

    @property
    def kind(self) -> str:
        """month / quarter / year when the dates cover exactly one, otherwise custom."""
        f, t = self.first, self.last
        if f.day != 1 or t != _month_end(t.year, t.month) or f.year != t.year:
            return "custom"
        months = t.month - f.month + 1
        if months == 1:
            return "month"
        if months == 3 and f.month % 3 == 1:
            return "quarter"
        if months == 12:
            return "year"
        return "custom"

    @property
    def label(self) -> str:
        kind = self.kind
        if kind == "month":
            return f"Tháng {self.first:%m/%Y}"
        if kind == "quarter":
            return f"Quý {(self.first.month - 1) // 3 + 1}/{self.first.year}"
        if kind == "year":
            return f"Năm {self.first.year}"
        return f"Từ {self.first:%d/%m/%Y} đến {self.last:%d/%m/%Y}"

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(date(year, month, 1), _month_end(year, month))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if quarter not in (1, 2, 3, 4):
            raise InvalidInput("invalid_quarter", "Quý phải là 1, 2, 3 hoặc 4.")
        first_month = 3 * (quarter - 1) + 1
        return cls(date(year, first_month, 1), _month_end(year, first_month + 2))

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31))


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_VN = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


def parse_day(text: str | None, option: str) -> date:
    """A calendar date as 2026-01-31 or 31/01/2026; anything else is a Vietnamese input error."""
    value = (text or "").strip()
    iso, vn = _ISO.match(value), _VN.match(value)
    try:
        if iso:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        if vn:
            return date(int(vn[3]), int(vn[2]), int(vn[1]))
    except ValueError:
        pass
    if not value:
        raise InvalidInput(
            "date_required", f"Thiếu {option}: hãy nhập ngày dạng YYYY-MM-DD, ví dụ 2026-01-31."
        )
    raise InvalidInput(
        "invalid_date",
        f"{option} “{value}” không phải ngày hợp lệ; hãy nhập dạng YYYY-MM-DD, ví dụ 2026-01-31.",
    )
