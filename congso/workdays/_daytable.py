"""The per-day index behind WorkCalendar (internal to congso.workdays).

Days are ordinals (date.toordinal()); a position in time is (ordinal, µs since Vietnamese midnight).
The index covers whole years and holds, per day, its office windows in µs, its kind, the office time
before it (prefix sums) and the number of working days before it, so that adding N days or N hours is
a look-up and a bisection, not a walk.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from datetime import date, datetime, time, timedelta

from congso.core.clock import VN_TZ
from congso.workdays.deadline import SNAP_AFTER_CLOSING, SNAP_BEFORE_OPENING, SNAP_BREAK, SNAP_DAY_OFF

Windows = tuple[tuple[int, int], ...]  # (start, end) µs since midnight, ordered
DayEntry = tuple[Windows, int, str | None]  # (windows in µs, kind, reason)

US = 1_000_000
US_PER_HOUR = 3_600 * US
ONE_DAY = timedelta(days=1)

# Day kinds in the index.
WORKING = 0
REST = 1  # weekly rest day (no office hours on that weekday)
HOLIDAY = 2  # listed day off: holiday, make-up, swapped weekday, province decision


class OutOfRange(Exception):
    """The index does not reach far enough; the caller extends it and retries."""


class Index:
    """Per-day arrays over whole years [y0, y1]; `i` below is `ordinal - lo`."""

    __slots__ = ("cum", "hi", "kind", "lo", "off", "off_pairs", "rank", "wins", "work", "y0", "y1")

    def __init__(self, y0: int, y1: int, days: list[DayEntry]):
        self.y0, self.y1 = y0, y1
        self.lo = date(y0, 1, 1).toordinal()
        self.hi = self.lo + len(days)  # first ordinal not covered
        self.wins = [wins for wins, _kind, _reason in days]
        self.kind = bytes(kind for _wins, kind, _reason in days)
        cum = array("q", [0]) * (len(days) + 1)  # office time (µs) before day i
        rank = array("q", [0]) * (len(days) + 1)  # working days before day i
        work: list[int] = []  # ordinals of working days
        off: list[int] = []  # ordinals of days off and rest days
        off_pairs: list[tuple[date, str]] = []
        total = 0
        for i, (wins, kind, reason) in enumerate(days):
            ordinal = self.lo + i
            if kind == WORKING:
                work.append(ordinal)
                total += sum(end - start for start, end in wins)
            else:
                off.append(ordinal)
                off_pairs.append((date.fromordinal(ordinal), reason or ""))
            cum[i + 1] = total
            rank[i + 1] = len(work)
        self.cum, self.rank, self.work, self.off, self.off_pairs = cum, rank, work, off, off_pairs


# -- index arithmetic (module functions: they sit on the hot path) -----------------------------------


def snap(ix: Index, o: int, us: int) -> tuple[int, int, str]:
    i = o - ix.lo
    wins = ix.wins[i]
    for start, end in wins:
        if us < start:
            return o, start, SNAP_BEFORE_OPENING if start == wins[0][0] else SNAP_BREAK
        if us < end:
            return o, us, ""
    nxt = next_working(ix, i)
    return nxt, ix.wins[nxt - ix.lo][0][0], SNAP_AFTER_CLOSING if wins else SNAP_DAY_OFF


def next_working(ix: Index, i: int) -> int:
    r = ix.rank[i + 1]
    if r >= len(ix.work):
        raise OutOfRange
    return ix.work[r]


def elapsed(wins: Windows, us: int) -> int:
    """Office time of the day before `us`."""
    total = 0
    for start, end in wins:
        if us <= start:
            break
        total += (end if us > end else us) - start
    return total


def at_offset(wins: Windows, offset: int, *, latest: bool) -> int:
    """The time of day at which `offset` of office time has passed. At a break the earliest answer is
    the end of the morning (hours: "done by 11:30"), the latest the start of the afternoon (whole days:
    received 13:30 → due 13:30). Past the day's office time: the closing time."""
    for start, end in wins:
        length = end - start
        if offset < length or (offset == length and not latest):
            return start + offset
        offset -= length
    return wins[-1][1]


def cumulative(ix: Index, o: int, us: int) -> int:
    i = o - ix.lo
    return ix.cum[i] + elapsed(ix.wins[i], us)


def add_us(ix: Index, o: int, us: int, amount: int) -> tuple[int, int]:
    """The earliest position at which `amount` µs of office time has passed since (o, us)."""
    target = cumulative(ix, o, us) + amount
    if target > ix.cum[-1]:
        raise OutOfRange
    k = bisect_left(ix.cum, target) - 1
    return ix.lo + k, at_offset(ix.wins[k], target - ix.cum[k], latest=False)


def off_pairs(ix: Index, first: int, end: int) -> list[tuple[date, str]]:
    return ix.off_pairs[bisect_left(ix.off, first) : bisect_left(ix.off, end)]


# -- conversions ---------------------------------------------------------------------------------------


def position(moment: datetime) -> tuple[int, int]:
    """(ordinal of the Vietnamese day, µs since its midnight). Naive moments are refused."""
    if not isinstance(moment, datetime):
        raise TypeError(f"expected an aware datetime, got {type(moment).__name__}")
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("naive datetime: every moment in congso carries its time zone")
    loc = moment.astimezone(VN_TZ)
    return loc.toordinal(), (loc.hour * 3600 + loc.minute * 60 + loc.second) * US + loc.microsecond


def moment(o: int, us: int) -> datetime:
    day = date.fromordinal(o)
    return datetime(day.year, day.month, day.day, tzinfo=VN_TZ) + timedelta(microseconds=us)


def ordinal(day: date) -> int:
    if isinstance(day, datetime):
        return position(day)[0]
    return day.toordinal()


def year_of(ordinal: int) -> int:
    return date.fromordinal(max(1, min(ordinal, date.max.toordinal()))).year


def time_us(value: time) -> int:
    return (value.hour * 3600 + value.minute * 60 + value.second) * US + value.microsecond
