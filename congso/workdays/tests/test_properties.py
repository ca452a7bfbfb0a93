"""Properties of the deadline arithmetic for any moment of 2025–2027 (hypothesis).

Semantics pinned here: whole working days land inside office hours (a window is half-open, so never on
17:00); hours and fractions land inside office hours or exactly on the end of a window ("by 11:30").
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from congso.core.clock import VN_TZ
from congso.workdays.tests.conftest import NATIONAL as cal

DAY = cal.regular_day_length  # 8 h with the default windows

moments = st.datetimes(
    min_value=datetime(2025, 1, 1),
    max_value=datetime(2027, 12, 31, 23, 59, 59),
    timezones=st.sampled_from([VN_TZ, UTC, timezone(timedelta(hours=-5))]),
)
whole_days = st.integers(min_value=0, max_value=60)
fractions = st.integers(min_value=0, max_value=240).map(lambda quarters: quarters / 4)


def on_window_end(moment: datetime) -> bool:
    day = moment.astimezone(VN_TZ).date()
    return any(moment == end for _start, end in cal.office_windows(day))


def reference_add_days(received: datetime, n: int) -> datetime:
    """Day-by-day oracle: snap, then step over the calendar one date at a time."""
    start = cal.snap(received).astimezone(VN_TZ)
    day, count = start.date(), 0
    while count < n:
        day += timedelta(days=1)
        count += cal.is_working_day(day)
    return start.replace(year=day.year, month=day.month, day=day.day)


@given(moments, whole_days)
def test_whole_days_land_in_office_hours_after_received(received, n):
    deadline = cal.add_working_days(received, n)
    assert cal.is_working_time(deadline.due)
    assert deadline.due >= deadline.start >= received
    assert deadline.due.tzinfo is VN_TZ


@given(moments, whole_days)
def test_whole_days_are_exactly_n_days_of_office_time(received, n):
    deadline = cal.add_working_days(received, n)
    assert cal.working_time_between(cal.snap(received), deadline.due) == n * DAY
    assert cal.working_days_between(deadline.start.date(), deadline.due.date()) == n


@given(moments, whole_days)
def test_whole_days_match_the_day_by_day_oracle(received, n):
    assert cal.add_working_days(received, n).due == reference_add_days(received, n)


@given(moments, moments, whole_days)
def test_monotonic_in_received(first, second, n):
    first, second = sorted([first, second])
    assert cal.add_working_days(first, n).due <= cal.add_working_days(second, n).due


@given(moments, fractions, fractions)
def test_monotonic_in_days(received, a, b):
    a, b = sorted([a, b])
    assert cal.add_working_days(received, a).due <= cal.add_working_days(received, b).due


@given(moments, whole_days, whole_days)
def test_adding_twice_is_adding_the_sum(received, a, b):
    once = cal.add_working_days(received, a)
    assert cal.add_working_days(once.due, b).due == cal.add_working_days(received, a + b).due


@given(moments, fractions)
def test_fractions_land_in_office_hours_or_on_a_window_end(received, days):
    deadline = cal.add_working_days(received, days)
    assert cal.is_working_time(deadline.due) or on_window_end(deadline.due)
    assert cal.working_time_between(deadline.start, deadline.due) == days * DAY


@given(moments, st.integers(min_value=0, max_value=24 * 60).map(lambda minutes: minutes / 60))
def test_hours_add_exactly_that_much_office_time(received, hours):
    deadline = cal.add_working_hours(received, hours)
    assert cal.is_working_time(deadline.due) or on_window_end(deadline.due)
    assert cal.working_time_between(deadline.start, deadline.due) == timedelta(hours=hours)
    assert deadline.due >= received


@given(moments)
def test_snap_is_idempotent_and_lands_in_office_hours(moment):
    snapped = cal.snap(moment)
    assert snapped >= moment
    assert cal.is_working_time(snapped)
    assert cal.snap(snapped) == snapped
    # Nothing of office time is jumped over.
    assert cal.working_time_between(moment, snapped) == timedelta(0)


@given(moments, moments, moments)
def test_pause_mode_moves_the_due_moment_by_the_office_time_paused(due, paused_at, resumed_at):
    paused_at, resumed_at = sorted([paused_at, resumed_at])
    due = cal.snap(due)
    deadline = cal.resume_after_pause(
        due=due, paused_at=paused_at, resumed_at=resumed_at, full_days=5, mode="pause"
    )
    assert cal.working_time_between(due, deadline.due) == cal.working_time_between(paused_at, resumed_at)


@given(moments, st.integers(min_value=0, max_value=60), st.booleans())
def test_calendar_days_end_on_a_working_day_not_before_n_days(received, n, skip):
    deadline = cal.add_calendar_days(received, n, skip_holidays=skip)
    due = deadline.due.astimezone(VN_TZ)
    assert cal.is_working_day(due.date())
    assert due.date() - deadline.start.astimezone(VN_TZ).date() >= timedelta(days=n)
    assert cal.is_working_time(due) or on_window_end(due)


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)))
def test_a_day_is_working_exactly_when_it_has_no_reason(day):
    assert cal.is_working_day(day) == (cal.why_not_working(day) is None)
    assert bool(cal.office_windows(day)) == cal.is_working_day(day)
