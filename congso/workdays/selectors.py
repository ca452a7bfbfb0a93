"""`calendar_for()`: the working calendar of a province, as it is now or as it was known at a moment.

It merges, date by date, the `holidays` package (computed lazily per year), the national rows of
CalendarDay (province_code "") and the province's own rows; office hours likewise (defaults, national
rows, province rows). The result is cached in the process, because the dossier code calls this for every
dossier:

- rows are loaded once per province; each distinct set of rows in force (now, or at an `as_of` moment)
  gets one WorkCalendar, found again by bisecting the moments at which rows changed;
- saving or deleting a row clears the cache (receivers.py); rows written by another process are picked
  up after RELOAD_SECONDS, when the rows are re-read and the cache dropped only if they changed;
- a write inside a transaction that is later rolled back would leave a calendar built from rows that
  never existed: while such a write is pending we bypass the cache, and clear it when we see the
  transaction gone without its commit hook having run.
"""

from __future__ import annotations

import threading
import time as _time
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.conf import settings
from django.db import transaction

from congso.core.clock import local
from congso.workdays.calendar import DEFAULT_OFFICE_HOURS, WorkCalendar
from congso.workdays.choices import DayKind
from congso.workdays.holidays_vn import statutory_year
from congso.workdays.models import CalendarDay, OfficeHours

RELOAD_SECONDS = 60.0

_CURRENT = -1  # version key of "the rows in force now"


@dataclass(frozen=True, slots=True)
class _DayRow:
    day: date
    working: bool
    reason: str
    national: bool
    active: bool
    created_at: datetime
    deactivated_at: datetime | None


@dataclass(frozen=True, slots=True)
class _HoursRow:
    weekday: int
    windows: tuple[tuple[time, time], ...]
    national: bool
    active: bool
    created_at: datetime
    deactivated_at: datetime | None


@dataclass(slots=True)
class _Province:
    days: tuple[_DayRow, ...]
    hours: tuple[_HoursRow, ...]
    changes: list[datetime]  # sorted moments at which the rows in force changed
    loaded_at: float
    calendars: dict[tuple[int, float], WorkCalendar] = field(default_factory=dict)


_lock = threading.RLock()
_provinces: dict[str, _Province] = {}
_pending = threading.local()  # .write: this thread wrote rows in a transaction not yet committed


def calendar_for(province_code: str | None = None, *, as_of: datetime | None = None) -> WorkCalendar:
    """The working calendar of a province.

    province_code  None: the province this deployment runs (settings.CONGSO_PROVINCE_CODE);
                   "": the national calendar only; "56": national rows plus Khánh Hòa's own.
    as_of          None: the rows in force now; a moment: the rows in force at that moment (created at or
                   before it, not yet deactivated), to explain or recompute an old due date unchanged.
    """
    code = settings.CONGSO_PROVINCE_CODE if province_code is None else province_code
    hours_per_day = float(settings.CONGSO_DAY_HOURS)
    if as_of is not None:
        local(as_of)  # refuses naive moments
    if getattr(_pending, "write", False):
        if transaction.get_connection().in_atomic_block:
            # Our own uncommitted rows may still be rolled back: use them, but do not cache them.
            return _build(_load(code), as_of, hours_per_day)
        clear_cache()  # the transaction ended and its commit hook never ran: it was rolled back
    with _lock:
        entry = _provinces.get(code)
        if entry is None or _time.monotonic() - entry.loaded_at > RELOAD_SECONDS:
            entry = _refresh(code, entry)
        version = _CURRENT if as_of is None else bisect_right(entry.changes, as_of)
        key = (version, hours_per_day)
        calendar = entry.calendars.get(key)
        if calendar is None:
            calendar = entry.calendars[key] = _build(entry, as_of, hours_per_day)
        return calendar


def clear_cache() -> None:
    """Forget every cached calendar (tests call it after rolling back their rows)."""
    with _lock:
        _provinces.clear()
    _pending.write = False


def rows_changed() -> None:
    """A CalendarDay or OfficeHours row was written: drop the cache now and again at commit."""
    with _lock:
        _provinces.clear()
    if transaction.get_connection().in_atomic_block:
        # Per thread: other threads' connections do not see these rows until the commit.
        _pending.write = True
        transaction.on_commit(clear_cache)


def _refresh(code: str, previous: _Province | None) -> _Province:
    fresh = _load(code)
    if previous is not None and (previous.days, previous.hours) == (fresh.days, fresh.hours):
        previous.loaded_at = fresh.loaded_at
        return previous
    _provinces[code] = fresh
    return fresh


def _load(code: str) -> _Province:
    scopes = ["", code] if code else [""]
    days = tuple(
        _DayRow(
            day=row.date,
            working=row.kind == DayKind.WORKING_DAY,
            reason=row.reason,
            national=row.province_code == "",
            active=row.active,
            created_at=row.created_at,
            deactivated_at=row.deactivated_at,
        )
        for row in CalendarDay.objects.filter(province_code__in=scopes).order_by("date", "created_at", "pk")
    )
    hours = tuple(
        _HoursRow(
            weekday=row.weekday,
            windows=tuple(row.windows()),
            national=row.province_code == "",
            active=row.active,
            created_at=row.created_at,
            deactivated_at=row.deactivated_at,
        )
        for row in OfficeHours.objects.filter(province_code__in=scopes).order_by(
            "weekday", "created_at", "pk"
        )
    )
    moments = {row.created_at for row in (*days, *hours)}
    moments |= {row.deactivated_at for row in (*days, *hours) if row.deactivated_at is not None}
    return _Province(days=days, hours=hours, changes=sorted(moments), loaded_at=_time.monotonic())


def _in_force(row: _DayRow | _HoursRow, as_of: datetime | None) -> bool:
    if as_of is None:
        return row.active
    return row.created_at <= as_of and (row.deactivated_at is None or as_of < row.deactivated_at)


def _build(entry: _Province, as_of: datetime | None, hours_per_day: float) -> WorkCalendar:
    days_off: dict[date, str] = {}
    working: dict[date, str] = {}
    # National rows first, then the province's: the more local rule wins on the same date.
    for national in (True, False):
        for row in entry.days:
            if row.national is national and _in_force(row, as_of):
                days_off.pop(row.day, None)
                working.pop(row.day, None)
                (working if row.working else days_off)[row.day] = row.reason
    office_hours = dict(DEFAULT_OFFICE_HOURS)
    for national in (True, False):
        for row in entry.hours:
            if row.national is national and _in_force(row, as_of):
                office_hours[row.weekday] = row.windows
    return WorkCalendar(
        days_off=days_off,
        working_days=working,
        office_hours=office_hours,
        hours_per_day=hours_per_day,
        statutory=statutory_year,
    )
