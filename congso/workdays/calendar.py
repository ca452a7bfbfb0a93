"""The working-day calendar and deadline arithmetic: pure Python, no database, no clock.

domain.md §5 is the specification. In short:
- a day is a working day when its weekday has office hours (Mon–Fri by default: the 40-hour week of
  Decision 188/1999/QĐ-TTg), unless it is a day off (Labour Code 2019 art. 112 holidays, art. 111(3)
  make-up days, the yearly notice's swaps); an extra working day (a swapped Saturday) counts like a
  Monday and uses the Monday windows;
- moments are snapped into office hours, then working days are added keeping the working-time offset
  from the day's opening (Mon 10:00 + 3 = Thu 10:00), and hours add working minutes inside windows.

Windows are half-open: 07:00 is working time, 11:30 and 17:00 are not. A due moment computed from whole
days always lies inside a window; one computed from hours may be the end of a window (17:00 = "by the
end of the day"), never a moment outside office hours.

Performance: the dossier generator computes millions of due dates. A calendar keeps a per-day index
(windows, cumulative working time, working-day rank) over the years it has been asked about, extended
a year at a time, so adding N days is a couple of array look-ups whatever N is.
"""

from __future__ import annotations

import math
import threading
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from types import MappingProxyType
from typing import NamedTuple

from congso.core.errors import InvalidInput
from congso.core.text import format_date, format_moment
from congso.workdays import _daytable as dt
from congso.workdays.deadline import (
    WEEKDAY_NAMES,
    Deadline,
    format_duration,
    format_number,
)

Window = tuple[time, time]

# domain.md §5.1: 07:00–11:30 and 13:30–17:00, Monday to Friday. Note: that is 8 h of office time a day
# (4 h 30 + 3 h 30), not the 7.5 h some provinces keep (07:30–11:30, 13:30–17:00).
DEFAULT_WINDOWS: tuple[Window, ...] = ((time(7, 0), time(11, 30)), (time(13, 30), time(17, 0)))
DEFAULT_OFFICE_HOURS: Mapping[int, tuple[Window, ...]] = MappingProxyType(
    {weekday: DEFAULT_WINDOWS for weekday in range(5)}
)
# domain.md §5.2 point 3: "1 day = 8 h" is how a fraction of a day turns into working time.
DEFAULT_HOURS_PER_DAY = 8.0
# domain.md §5.2 point 5 (unverified practice): received before 15:00 → result at 17:00 the same day.
DEFAULT_CUTOFF = time(15, 0)

PAUSE_RESTART = "restart"
PAUSE_PAUSE = "pause"


class YearDays(NamedTuple):
    """What a statutory source says about one year: days off and extra working days, with reasons."""

    days_off: Mapping[date, str]
    working_days: Mapping[date, str]


StatutorySource = Callable[[int], YearDays]


class SpecialDay(NamedTuple):
    """A day that does not follow the weekly pattern (or a holiday that falls on a rest day)."""

    day: date
    working: bool
    reason: str


class WorkCalendar:
    """An immutable working-day calendar.

    days_off      date → reason (Vietnamese) of days not worked (holidays, make-ups, swapped weekdays);
    working_days  date → reason of extra working days (a Saturday worked in a swap);
    office_hours  weekday (0 = Monday) → windows; a weekday absent or empty is a weekly rest day;
    hours_per_day working hours in one day when a fraction of a day is added (domain.md §5.2 point 3):
                  0.5 day = 4 h of office time with the default 8. Whole days are never converted (they
                  step from day to day), and hour limits are literal office time. Keep it equal to the
                  office time of a day (8 h by default) or below: above it, 0.99 day would end later
                  than 1 day (the "30-min daily drift" of domain.md);
    statutory     optional source of per-year days (holidays_vn.statutory_year: the `holidays` package),
                  asked lazily for each year the calendar touches; `days_off` / `working_days` override
                  it date by date.

    Internal caches grow as years are touched, but no answer ever changes: the calendar is a value.
    """

    def __init__(
        self,
        *,
        days_off: Mapping[date, str] | None = None,
        working_days: Mapping[date, str] | None = None,
        office_hours: Mapping[int, Sequence[Window]] | None = None,
        hours_per_day: float = DEFAULT_HOURS_PER_DAY,
        statutory: StatutorySource | None = None,
    ) -> None:
        self._days_off = MappingProxyType(dict(days_off or {}))
        self._working_days = MappingProxyType(dict(working_days or {}))
        both = self._days_off.keys() & self._working_days.keys()
        if both:
            raise ValueError(f"a day cannot be both off and working: {sorted(both)}")
        hours = DEFAULT_OFFICE_HOURS if office_hours is None else office_hours
        self._office_hours = MappingProxyType({wd: tuple(hours.get(wd, ())) for wd in range(7)})
        self._weekly = tuple(_windows_us(wd, self._office_hours[wd]) for wd in range(7))
        # Extra working days on a rest day take the Monday hours (the Monday-to-Friday hours).
        self._regular = self._weekly[0] or next((w for w in self._weekly if w), ())
        if not self._regular:
            raise ValueError("a calendar needs office hours on at least one weekday")
        if math.isnan(float(hours_per_day)) or not 0 < float(hours_per_day) <= 24:
            raise ValueError("hours_per_day must be in (0, 24]")
        self.hours_per_day = float(hours_per_day)
        self._day_us = round(self.hours_per_day * dt.US_PER_HOUR)
        self._statutory = statutory
        self._years: dict[int, list[dt.DayEntry]] = {}
        self._index: dt.Index | None = None
        self._lock = threading.Lock()

    # -- configuration ---------------------------------------------------------------------------

    @property
    def office_hours(self) -> Mapping[int, tuple[Window, ...]]:
        return self._office_hours

    @property
    def regular_day_length(self) -> timedelta:
        """Office time of a regular (Monday) day: 8 h with the default windows."""
        return timedelta(microseconds=sum(end - start for start, end in self._regular))

    # -- days ------------------------------------------------------------------------------------

    def is_working_day(self, day: date) -> bool:
        o = dt.ordinal(day)
        ix = self._ix(o, o)
        return ix.kind[o - ix.lo] == dt.WORKING

    def why_not_working(self, day: date) -> str | None:
        """None for a working day, else the reason in Vietnamese ("Chủ nhật", "Tết Nguyên Đán (Mùng một)")."""
        o = dt.ordinal(day)
        ix = self._ix(o, o)
        if ix.kind[o - ix.lo] == dt.WORKING:
            return None
        return ix.off_pairs[bisect_left(ix.off, o)][1]

    def next_working_day(self, day: date) -> date:
        """The first working day strictly after `day`."""
        o = dt.ordinal(day)
        return date.fromordinal(self._retry(o, o + 45, lambda ix: dt.next_working(ix, o - ix.lo)))

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in [start, end): the number of working days one advances from `start` to reach
        `end`; negative when `end` is before `start`. Handy for "late by N working days"."""
        a, b = dt.ordinal(start), dt.ordinal(end)
        ix = self._ix(min(a, b), max(a, b))
        return ix.rank[b - ix.lo] - ix.rank[a - ix.lo]

    def office_windows(self, day: date) -> list[tuple[datetime, datetime]]:
        """The office windows of a day as aware moments (empty on a day off)."""
        o = dt.ordinal(day)
        ix = self._ix(o, o)
        return [(dt.moment(o, start), dt.moment(o, end)) for start, end in ix.wins[o - ix.lo]]

    def special_days(self, year: int) -> list[SpecialDay]:
        """Every weekday off, every worked rest day, and every holiday falling on a rest day, in order."""
        first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
        ix = self._ix(first, last)
        result = []
        for o in range(first, last + 1):
            day = date.fromordinal(o)
            kind = ix.kind[o - ix.lo]
            rest_weekday = not self._weekly[day.weekday()]
            if kind == dt.WORKING and rest_weekday:
                result.append(SpecialDay(day, True, self._working_reason(day)))
            elif kind == dt.HOLIDAY:
                result.append(SpecialDay(day, False, ix.off_pairs[bisect_left(ix.off, o)][1]))
        return result

    # -- moments ---------------------------------------------------------------------------------

    def is_working_time(self, moment: datetime) -> bool:
        o, us = dt.position(moment)
        ix = self._ix(o, o)
        return any(start <= us < end for start, end in ix.wins[o - ix.lo])

    def snap(self, moment: datetime) -> datetime:
        """domain.md §5.2 point 2: before opening → opening; break → next window; after closing or on a
        day off → opening of the next working day. A moment in working time is returned as is."""
        o, us = dt.position(moment)
        o, us, _because = self._retry(o, o + 45, lambda ix: dt.snap(ix, o, us))
        return dt.moment(o, us)

    def working_time_between(self, start: datetime, end: datetime) -> timedelta:
        """Office time on working days between two moments; zero if `end` is not after `start`."""
        oa, ua = dt.position(start)
        ob, ub = dt.position(end)
        if (ob, ub) <= (oa, ua):
            return timedelta(0)
        ix = self._ix(oa, ob)
        return timedelta(microseconds=dt.cumulative(ix, ob, ub) - dt.cumulative(ix, oa, ua))

    # -- deadlines -------------------------------------------------------------------------------

    def add_working_days(self, received: datetime, days: float) -> Deadline:
        """domain.md §5.2 point 3: snap, then advance `days` working days keeping the working-time offset
        from the day's opening; a fraction of a day adds `fraction × hours_per_day` of working time.

        Mon 10:00 + 3 = Thu 10:00; Fri 16:30 + 1 = Mon 16:30; Fri 17:30 → Mon 07:00, + 1 = Tue 07:00.
        """
        value = _non_negative(days, "days", "Số ngày")
        whole = int(value)
        extra_us = round((value - whole) * self._day_us)
        o, us = dt.position(received)

        def compute(ix: dt.Index) -> tuple[int, int, int, int, str]:
            o0, us0, because = dt.snap(ix, o, us)
            i0 = o0 - ix.lo
            target = ix.rank[i0] + whole
            if target >= len(ix.work):
                raise dt.OutOfRange
            od = ix.work[target]
            ud = dt.at_offset(ix.wins[od - ix.lo], dt.elapsed(ix.wins[i0], us0), latest=True)
            if extra_us:
                od, ud = dt.add_us(ix, od, ud, extra_us)
            return o0, us0, od, ud, because

        o0, us0, od, ud, because = self._retry(o, o + 2 * whole + 45, compute)
        return Deadline(
            received=received,
            start=dt.moment(o0, us0),
            due=dt.moment(od, ud),
            skipped=self._skipped(o, od),
            limit=f"{format_number(value)} ngày làm việc",
            snapped_because=because,
        )

    def add_working_hours(self, start: datetime, hours: float) -> Deadline:
        """Working minutes inside the windows, overflowing to the next window or morning; the due moment
        is the earliest one at which that much office time has passed (so 07:00 + 4.5 h = 11:30)."""
        value = _non_negative(hours, "hours", "Số giờ")
        amount = round(value * dt.US_PER_HOUR)
        o, us = dt.position(start)

        def compute(ix: dt.Index) -> tuple[int, int, int, int, str]:
            o0, us0, because = dt.snap(ix, o, us)
            od, ud = dt.add_us(ix, o0, us0, amount) if amount else (o0, us0)
            return o0, us0, od, ud, because

        slack = 2 * int(value // max(self.hours_per_day, 1)) + 45
        o0, us0, od, ud, because = self._retry(o, o + slack, compute)
        return Deadline(
            received=start,
            start=dt.moment(o0, us0),
            due=dt.moment(od, ud),
            skipped=self._skipped(o, od),
            limit=f"{format_number(value)} giờ làm việc",
            snapped_because=because,
        )

    def add_calendar_days(self, received: datetime, days: int, *, skip_holidays: bool = False) -> Deadline:
        """domain.md §5.2 point 4: snap, add `days` calendar days keeping the time of day; with
        `skip_holidays`, listed days off inside the period (not ordinary weekends) do not count.

        A due day that is not a working day rolls forward to the *end of office hours* of the next working
        day, as the Civil Code 2015 (art. 148) ends a period whose last day is a day off at the end of the
        next working day; in an office that end is the closing time (17:00), not midnight.
        """
        value = _non_negative(days, "days", "Số ngày")
        if not float(value).is_integer():
            raise InvalidInput("calendar_days_fraction", "Số ngày (lịch) phải là số nguyên.")
        n = int(value)
        o, us = dt.position(received)

        def compute(ix: dt.Index) -> tuple[int, int, int, int, str, list[tuple[date, str]], date | None]:
            o0, us0, because = dt.snap(ix, o, us)
            skipped = list(dt.off_pairs(ix, o, o0))
            od = o0
            if skip_holidays:
                counted = 0
                while counted < n:
                    od += 1
                    if od >= ix.hi:
                        raise dt.OutOfRange
                    if ix.kind[od - ix.lo] == dt.HOLIDAY:
                        skipped.append(ix.off_pairs[bisect_left(ix.off, od)])
                    else:
                        counted += 1
            else:
                od = o0 + n
                if od >= ix.hi:
                    raise dt.OutOfRange
            rolled_from = None
            if ix.kind[od - ix.lo] != dt.WORKING:
                rolled_from = date.fromordinal(od)
                nxt = dt.next_working(ix, od - ix.lo)
                skipped.extend(dt.off_pairs(ix, od, nxt))
                od, ud = nxt, ix.wins[nxt - ix.lo][-1][1]
            else:
                wins = ix.wins[od - ix.lo]
                ud = min(max(us0, wins[0][0]), wins[-1][1])
            return o0, us0, od, ud, because, skipped, rolled_from

        o0, us0, od, ud, because, skipped, rolled_from = self._retry(o, o + 2 * n + 60, compute)
        notes: tuple[str, ...] = ()
        if rolled_from is not None:
            notes = (
                f"Ngày cuối của thời hạn ({format_date(rolled_from)}) là ngày nghỉ nên hạn chuyển đến hết "
                f"giờ làm việc của ngày làm việc tiếp theo (Bộ luật Dân sự 2015, Điều 148).",
            )
        limit = f"{n} ngày (tính cả ngày nghỉ hằng tuần" + (
            ", không tính ngày lễ, Tết)" if skip_holidays else ", ngày lễ, Tết)"
        )
        return Deadline(
            received=received,
            start=dt.moment(o0, us0),
            due=dt.moment(od, ud),
            skipped=tuple(dict.fromkeys(skipped)),
            limit=limit,
            notes=notes,
            snapped_because=because,
        )

    def same_day_cutoff(self, received: datetime, cutoff: time = DEFAULT_CUTOFF) -> Deadline:
        """domain.md §5.2 point 5: received on a working day before `cutoff` → the end of office hours that
        day; otherwise (later, or on a day off) → the end of office hours of the next working day."""
        o, us = dt.position(received)
        cut = dt.time_us(cutoff)

        def compute(ix: dt.Index) -> tuple[int, int, int, int, str]:
            o0, us0, because = dt.snap(ix, o, us)
            i = o - ix.lo
            same_day = ix.kind[i] == dt.WORKING and us < cut and us < ix.wins[i][-1][1]
            od = o if same_day else dt.next_working(ix, i)
            return o0, us0, od, ix.wins[od - ix.lo][-1][1], because

        o0, us0, od, ud, because = self._retry(o, o + 45, compute)
        return Deadline(
            received=received,
            start=dt.moment(o0, us0),
            due=dt.moment(od, ud),
            skipped=self._skipped(o, od),
            limit=f"trả trong ngày nếu nhận trước {cutoff:%H:%M}, sau đó trả ngày làm việc tiếp theo",
            snapped_because=because,
        )

    def resume_after_pause(
        self,
        *,
        due: datetime,
        paused_at: datetime,
        resumed_at: datetime,
        full_days: float,
        mode: str,
    ) -> Deadline:
        """domain.md §5.2 point 7, after a pause (supplement 5, financial obligation 6, stop 8).

        mode "restart": the whole limit starts again at resumption: add_working_days(resumed_at, full_days);
        mode "pause":   the old due moment moves by the exact office time paused
                        (working_time_between(paused_at, resumed_at)), added as working minutes;
                        `full_days` is not used.
        """
        dt.position(due)
        if dt.position(resumed_at) < dt.position(paused_at):
            raise InvalidInput("pause_order", "Thời điểm tiếp tục giải quyết phải sau thời điểm tạm dừng.")
        period = f"Tạm dừng từ {format_moment(paused_at)} đến {format_moment(resumed_at)}"
        mode = str(mode)
        if mode == PAUSE_RESTART:
            deadline = self.add_working_days(resumed_at, full_days)
            note = f"{period}: tính lại toàn bộ thời hạn từ khi tiếp tục giải quyết."
            return replace(deadline, event="Tiếp tục giải quyết", notes=(note,))
        if mode != PAUSE_PAUSE:
            raise InvalidInput(
                "pause_mode", f"Cách tính hạn sau tạm dừng không hợp lệ: {mode!r} (restart hoặc pause)."
            )
        paused = self.working_time_between(paused_at, resumed_at)
        o, us = dt.position(due)
        paused_us = paused // timedelta(microseconds=1)
        od, ud = (
            self._retry(o, o + 2 * paused.days + 60, lambda ix: dt.add_us(ix, o, us, paused_us))
            if paused_us
            else (o, us)
        )
        notes = (
            f"Hạn trước khi tạm dừng: {format_moment(due)}.",
            f"{period}: {format_duration(paused.total_seconds())} làm việc, cộng thêm vào hạn.",
        )
        ro, rus = dt.position(resumed_at)
        o0, us0, because = self._retry(ro, ro + 45, lambda ix: dt.snap(ix, ro, rus))
        return Deadline(
            received=resumed_at,
            start=dt.moment(o0, us0),
            due=dt.moment(od, ud),
            skipped=self._skipped(o, od),
            limit=f"giữ thời hạn cũ, cộng thời gian tạm dừng ({format_duration(paused.total_seconds())})",
            notes=notes,
            event="Tiếp tục giải quyết",
            snapped_because=because,
        )

    # -- internals -------------------------------------------------------------------------------

    def _skipped(self, first: int, end: int) -> tuple[tuple[date, str], ...]:
        """Non-working days with ordinal in [first, end)."""
        return tuple(dt.off_pairs(self._ix(first, end), first, end))

    def _working_reason(self, day: date) -> str:
        if day in self._working_days:
            return self._working_days[day]
        if self._statutory is not None:
            return self._statutory(day.year).working_days.get(day, "")
        return ""

    def _retry[T](self, first: int, last: int, compute: Callable[[dt.Index], T]) -> T:
        """Run `compute` on an index covering [first, last], extending it when it was not far enough."""
        for _attempt in range(12):
            try:
                return compute(self._ix(first, last))
            except dt.OutOfRange:
                last += 366 * (_attempt + 1)
        raise InvalidInput("calendar_out_of_range", "Thời hạn vượt quá phạm vi lịch được hỗ trợ.")

    def _ix(self, first: int, last: int) -> dt.Index:
        ix = self._index
        if ix is not None and ix.lo <= first and last < ix.hi:
            return ix
        return self._extend(first, last)

    def _extend(self, first: int, last: int) -> dt.Index:
        with self._lock:
            ix = self._index
            y_first = dt.year_of(first)
            # One spare year ahead: "next working day" of 31 December must not rebuild the index.
            y_last = min(dt.year_of(last) + 1, 9999)
            if ix is not None:
                y_first, y_last = min(ix.y0, y_first), max(ix.y1, y_last)
            days: list[dt.DayEntry] = []
            for year in range(y_first, y_last + 1):
                days.extend(self._year(year))
            self._index = dt.Index(y_first, y_last, days)
            return self._index

    def _year(self, year: int) -> list[dt.DayEntry]:
        cached = self._years.get(year)
        if cached is not None:
            return cached
        source = self._statutory(year) if self._statutory is not None else YearDays({}, {})
        out = []
        day = date(year, 1, 1)
        while day.year == year:
            out.append(self._classify(day, source))
            day += dt.ONE_DAY
        self._years[year] = out
        return out

    def _classify(self, day: date, source: YearDays) -> dt.DayEntry:
        weekday = day.weekday()
        # Explicit rows (the database) win over the statutory source, date by date.
        if day in self._working_days:
            return self._weekly[weekday] or self._regular, dt.WORKING, self._working_days[day]
        if day in self._days_off:
            return (), dt.HOLIDAY, self._days_off[day]
        if day in source.working_days:
            return self._weekly[weekday] or self._regular, dt.WORKING, source.working_days[day]
        if day in source.days_off:
            return (), dt.HOLIDAY, source.days_off[day]
        if self._weekly[weekday]:
            return self._weekly[weekday], dt.WORKING, None
        reason = WEEKDAY_NAMES[weekday] if weekday >= 5 else f"Ngày nghỉ hằng tuần ({WEEKDAY_NAMES[weekday]})"
        return (), dt.REST, reason


def _windows_us(weekday: int, windows: Iterable[Window]) -> dt.Windows:
    result = tuple((dt.time_us(start), dt.time_us(end)) for start, end in windows)
    previous_end = -1
    for start, end in result:
        if not start < end or start < previous_end:
            raise ValueError(f"office hours of weekday {weekday} must be ordered, non-overlapping windows")
        previous_end = end
    return result


def _non_negative(value: float, name: str, label: str) -> float:
    if isinstance(value, bool) or (not isinstance(value, int | float) and not hasattr(value, "__float__")):
        raise InvalidInput(f"invalid_{name}", f"{label} phải là một số.", fields={name: "không phải số"})
    number = float(value)
    if math.isnan(number) or math.isinf(number) or number < 0:
        raise InvalidInput(
            f"invalid_{name}", f"{label} phải là số không âm (nhận được {value}).", fields={name: "phải ≥ 0"}
        )
    return number
