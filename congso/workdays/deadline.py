"""The result of every deadline computation, with its explanation in Vietnamese.

An officer (or a citizen reading the appointment slip) must be able to see why the due moment is what
it is: when the clock started, which days were not counted and why. `explain()` gives those lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from congso.core.clock import local
from congso.core.text import format_date, format_moment

WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def weekday_name(value: date | datetime) -> str:
    if isinstance(value, datetime):
        value = local(value)
    return WEEKDAY_NAMES[value.weekday()]


def format_number(value: float) -> str:
    """5 → "5", 0.5 → "0,5" (Vietnamese decimal comma)."""
    if float(value).is_integer():
        return str(int(value))
    return f"{float(value):g}".replace(".", ",")


def format_duration(seconds: float) -> str:
    """Working time as "3 giờ 30 phút"."""
    minutes = round(seconds / 60)
    hours, minutes = divmod(minutes, 60)
    if hours and minutes:
        return f"{hours} giờ {minutes} phút"
    if hours:
        return f"{hours} giờ"
    return f"{minutes} phút"


@dataclass(frozen=True, slots=True)
class Deadline:
    """A computed due moment.

    received  the moment the clock was asked to start (valid receipt, resumption, step start);
    start     `received` snapped into office hours (domain.md §5.2 point 2);
    due       the due moment, aware, on Vietnamese time;
    skipped   the non-working days (date, reason) from the received day up to the due day, in order;
              a tuple so the value stays immutable;
    limit     the limit in words ("5 ngày làm việc");
    notes     extra explanation lines (pause, roll-forward), placed before the due line;
    event     the word for `received` in the explanation ("Tiếp nhận", "Tiếp tục giải quyết");
    snapped_because  why `start` is later than `received` (one of the SNAP_* phrases), empty if it is not.
    """

    received: datetime
    start: datetime
    due: datetime
    skipped: tuple[tuple[date, str], ...]
    limit: str
    notes: tuple[str, ...] = ()
    event: str = "Tiếp nhận"
    snapped_because: str = ""

    def explain(self) -> list[str]:
        received = local(self.received)
        start = local(self.start)
        lines = [f"{self.event}: {_moment(received)}."]
        if start == received:
            lines.append("Bắt đầu tính ngay từ lúc này (trong giờ làm việc).")
        else:
            because = self.snapped_because or "nhận ngoài giờ làm việc"
            if because == SNAP_DAY_OFF:
                reason = next((r for d, r in self.skipped if d == received.date()), "")
                because = f"{because} ({reason})" if reason else because
            lines.append(f"Bắt đầu tính từ {_moment(start)} vì {because}.")
        lines.append(f"Thời hạn: {self.limit}.")
        for day, reason in self.skipped:
            name = WEEKDAY_NAMES[day.weekday()]
            label = format_date(day) if reason == name else f"{format_date(day)} ({name})"
            lines.append(f"Không tính {label}: {reason}.")
        lines.extend(self.notes)
        lines.append(f"Hạn: {_moment(local(self.due))}.")
        return lines


# Why `start` differs from `received` (domain.md §5.2 point 2); constants so building a Deadline stays cheap.
SNAP_BEFORE_OPENING = "nhận trước giờ làm việc"
SNAP_BREAK = "nhận trong giờ nghỉ trưa"
SNAP_AFTER_CLOSING = "nhận sau giờ làm việc"
SNAP_DAY_OFF = "nhận vào ngày nghỉ"


def _moment(value: datetime) -> str:
    return f"{format_moment(value)} ({WEEKDAY_NAMES[value.weekday()]})"
