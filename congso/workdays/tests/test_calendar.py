"""Worked examples of domain.md §5.2 on the national calendar (package + 2025/2026 notices), no database."""

from __future__ import annotations

from datetime import UTC, date, time, timedelta

import pytest

from congso.core.clock import vn
from congso.core.errors import InvalidInput
from congso.workdays.calendar import DEFAULT_WINDOWS, WorkCalendar


def test_monday_ten_plus_three_days_is_thursday_ten(cal):
    assert cal.add_working_days(vn(2026, 3, 2, 10), 3).due == vn(2026, 3, 5, 10)


def test_tet_2026_example_received_friday_before_tet(cal):
    # Fri 13/02 09:00 is working time. Not counted: Sat 14, Sun 15, Tết Mon 16 – Fri 20, Sat 21, Sun 22.
    # Counted: Mon 23, Tue 24, Wed 25, Thu 26, Fri 27 → due Fri 27/02/2026 09:00.
    deadline = cal.add_working_days(vn(2026, 2, 13, 9), 5)
    assert deadline.start == vn(2026, 2, 13, 9)
    assert deadline.due == vn(2026, 2, 27, 9)
    assert [day for day, _ in deadline.skipped] == [date(2026, 2, d) for d in range(14, 23)]
    reasons = dict(deadline.skipped)
    assert reasons[date(2026, 2, 14)] == "Thứ Bảy"
    assert reasons[date(2026, 2, 15)] == "Chủ nhật"
    assert all("Tết Nguyên Đán" in reasons[date(2026, 2, d)] for d in range(16, 21))
    lines = deadline.explain()
    assert lines[0] == "Tiếp nhận: 09:00 13/02/2026 (Thứ Sáu)."
    assert "Không tính 16/02/2026 (Thứ Hai): Tết Nguyên Đán." in lines
    assert lines[-1] == "Hạn: 09:00 27/02/2026 (Thứ Sáu)."


def test_received_on_saturday_starts_monday_opening(cal):
    deadline = cal.add_working_days(vn(2026, 3, 7, 10), 1)
    assert deadline.start == vn(2026, 3, 9, 7)
    assert deadline.due == vn(2026, 3, 10, 7)
    assert "vì nhận vào ngày nghỉ (Thứ Bảy)" in deadline.explain()[1]


def test_received_at_lunch_snaps_to_afternoon_and_keeps_it(cal):
    deadline = cal.add_working_days(vn(2026, 3, 2, 12, 15), 2)
    assert deadline.start == vn(2026, 3, 2, 13, 30)
    # Whole days keep the position: 13:30 two working days later, not 11:30.
    assert deadline.due == vn(2026, 3, 4, 13, 30)
    assert "giờ nghỉ trưa" in deadline.explain()[1]


def test_received_before_opening(cal):
    deadline = cal.add_working_days(vn(2026, 3, 2, 6, 10), 1)
    assert deadline.start == vn(2026, 3, 2, 7)
    assert deadline.due == vn(2026, 3, 3, 7)
    assert "trước giờ làm việc" in deadline.explain()[1]


def test_friday_late_afternoon_and_after_closing(cal):
    assert cal.add_working_days(vn(2026, 3, 6, 16, 30), 1).due == vn(2026, 3, 9, 16, 30)
    after = cal.add_working_days(vn(2026, 3, 6, 17, 30), 1)
    assert after.start == vn(2026, 3, 9, 7)
    assert after.due == vn(2026, 3, 10, 7)
    # 17:00 itself is closed: windows are half-open.
    assert cal.snap(vn(2026, 3, 6, 17)) == vn(2026, 3, 9, 7)
    assert cal.snap(vn(2026, 3, 6, 11, 30)) == vn(2026, 3, 6, 13, 30)
    assert cal.snap(vn(2026, 3, 6, 7)) == vn(2026, 3, 6, 7)


def test_zero_days_is_the_snapped_start(cal):
    deadline = cal.add_working_days(vn(2026, 3, 7, 10), 0)
    assert deadline.due == deadline.start == vn(2026, 3, 9, 7)


def test_moments_in_other_zones_are_read_on_vietnamese_time(cal):
    utc = vn(2026, 3, 2, 10).astimezone(UTC)  # 03:00 UTC
    assert cal.add_working_days(utc, 3).due == vn(2026, 3, 5, 10)


def test_naive_moments_are_refused(cal):
    from datetime import datetime

    with pytest.raises(ValueError, match="naive"):
        cal.add_working_days(datetime(2026, 3, 2, 10), 1)
    with pytest.raises(ValueError, match="naive"):
        cal.is_working_time(datetime(2026, 3, 2, 10))


def test_negative_or_nonsense_limits_are_domain_errors(cal):
    with pytest.raises(InvalidInput) as error:
        cal.add_working_days(vn(2026, 3, 2, 10), -1)
    assert "không âm" in error.value.message
    with pytest.raises(InvalidInput):
        cal.add_working_hours(vn(2026, 3, 2, 10), float("nan"))
    with pytest.raises(InvalidInput):
        cal.add_calendar_days(vn(2026, 3, 2, 10), 1.5)


def test_fractional_days_use_the_hours_convention(cal):
    # 0.5 day = 4 h of office time (8 h convention): from 10:00, 1 h 30 to 11:30, 2 h 30 after 13:30.
    assert cal.add_working_days(vn(2026, 3, 2, 10), 0.5).due == vn(2026, 3, 2, 16)
    # 1.5 days: Tue 10:00, then 4 h more → Tue 16:00.
    assert cal.add_working_days(vn(2026, 3, 2, 10), 1.5).due == vn(2026, 3, 3, 16)
    # With a 7.5 h convention half a day is 3 h 45.
    short = WorkCalendar(hours_per_day=7.5)
    assert short.add_working_days(vn(2026, 3, 2, 10), 0.5).due == vn(2026, 3, 2, 15, 45)


def test_default_windows_are_eight_hours(cal):
    # domain.md calls them "7.5-h windows", but 07:00–11:30 + 13:30–17:00 is 4 h 30 + 3 h 30 = 8 h.
    assert cal.regular_day_length == timedelta(hours=8)
    assert cal.hours_per_day == 8.0


def test_working_hours_overflow_inside_windows(cal):
    assert cal.add_working_hours(vn(2026, 3, 2, 7), 4.5).due == vn(2026, 3, 2, 11, 30)  # end of morning
    assert cal.add_working_hours(vn(2026, 3, 2, 7), 5).due == vn(2026, 3, 2, 14)
    assert cal.add_working_hours(vn(2026, 3, 2, 16), 2).due == vn(2026, 3, 3, 8)  # overflow to morning
    assert cal.add_working_hours(vn(2026, 3, 2, 7), 8).due == vn(2026, 3, 2, 17)  # the whole day
    # Online acceptance within 8 working hours (domain.md §4.2), submitted Friday evening before Tết 2026.
    deadline = cal.add_working_hours(vn(2026, 2, 13, 18), 8)
    assert deadline.start == vn(2026, 2, 23, 7)
    assert deadline.due == vn(2026, 2, 23, 17)


def test_gio_to_2026_make_up_monday(cal):
    assert not cal.is_working_day(date(2026, 4, 26))
    assert not cal.is_working_day(date(2026, 4, 27))
    assert cal.why_not_working(date(2026, 4, 27)).startswith("Nghỉ bù Giỗ Tổ Hùng Vương")
    # Fri 24/04 10:00 + 1: Mon 27 make-up, Tue 28 → due Tue 28/04 10:00.
    assert cal.add_working_days(vn(2026, 4, 24, 10), 1).due == vn(2026, 4, 28, 10)
    # 30/4 and 1/5/2026 (Thu, Fri) without swap: Wed 29/04 + 1 = Mon 04/05.
    assert cal.add_working_days(vn(2026, 4, 29, 10), 1).due == vn(2026, 5, 4, 10)


def test_2026_national_day_swap(cal):
    assert cal.is_working_day(date(2026, 8, 22))  # Saturday worked
    assert cal.why_not_working(date(2026, 8, 22)) is None
    assert not cal.is_working_day(date(2026, 8, 31))
    assert "22/08/2026" in cal.why_not_working(date(2026, 8, 31))
    assert cal.is_working_time(vn(2026, 8, 22, 8))  # Monday-to-Friday hours on the worked Saturday
    assert not cal.is_working_time(vn(2026, 8, 22, 12))
    # Fri 21/08 10:00 + 1 = Sat 22/08 10:00. Fri 28/08 + 1: Sat, Sun, Mon 31, Tue 01, Wed 02 off → Thu 03/09.
    assert cal.add_working_days(vn(2026, 8, 21, 10), 1).due == vn(2026, 8, 22, 10)
    assert cal.add_working_days(vn(2026, 8, 28, 10), 1).due == vn(2026, 9, 3, 10)
    assert cal.working_days_between(date(2026, 8, 17), date(2026, 8, 24)) == 6


def test_2025_swap_saturday_26_04_worked_friday_02_05_off(cal):
    assert cal.is_working_day(date(2025, 4, 26))
    assert not cal.is_working_day(date(2025, 5, 2))
    assert not cal.is_working_day(date(2025, 4, 30))
    assert not cal.is_working_day(date(2025, 5, 1))
    # Tue 29/04 10:00 + 1: Wed 30/04, Thu 01/05, Fri 02/05 off, weekend → Mon 05/05 10:00.
    assert cal.add_working_days(vn(2025, 4, 29, 10), 1).due == vn(2025, 5, 5, 10)
    assert cal.add_working_days(vn(2025, 4, 25, 10), 1).due == vn(2025, 4, 26, 10)


def test_2025_tet_and_national_day(cal):
    assert [cal.is_working_day(date(2025, 1, d)) for d in range(24, 32)] == [
        True, False, False, False, False, False, False, False,  # Fri 24, then Sat 25 … Fri 31 off
    ]  # fmt: skip
    assert cal.is_working_day(date(2025, 2, 3))
    assert not cal.is_working_day(date(2025, 9, 1))
    assert not cal.is_working_day(date(2025, 9, 2))
    assert cal.is_working_day(date(2025, 9, 3))


def test_culture_day_24_11_2026_off(cal):
    assert cal.why_not_working(date(2026, 11, 24)) == "Ngày Văn hóa Việt Nam"
    assert cal.add_working_days(vn(2026, 11, 23, 9), 1).due == vn(2026, 11, 25, 9)
    assert cal.is_working_day(date(2025, 11, 24))  # Monday 24/11/2025: not yet a holiday


def test_tet_2030_is_saturday_02_02_on_the_vietnamese_calendar(cal):
    assert cal.why_not_working(date(2030, 2, 2)) == "Tết Nguyên Đán (Mùng một)"
    assert cal.why_not_working(date(2030, 2, 3)) == "Tết Nguyên Đán (Mùng hai)"
    # Five weekdays off around it: Thu 31/01, Fri 01/02, Mon 04, Tue 05, Wed 06/02.
    off = [d for d in (date(2030, 1, 31) + timedelta(n) for n in range(7)) if not cal.is_working_day(d)]
    assert len(off) == 7
    assert cal.add_working_days(vn(2030, 1, 30, 9), 1).due == vn(2030, 2, 7, 9)


def test_same_day_cutoff_both_sides(cal):
    before = cal.same_day_cutoff(vn(2026, 3, 6, 14, 59))
    assert before.due == vn(2026, 3, 6, 17)
    at = cal.same_day_cutoff(vn(2026, 3, 6, 15))
    assert at.due == vn(2026, 3, 9, 17)  # Friday 15:00 → Monday 17:00
    assert cal.same_day_cutoff(vn(2026, 3, 6, 6, 30)).due == vn(2026, 3, 6, 17)
    assert cal.same_day_cutoff(vn(2026, 3, 7, 9)).due == vn(2026, 3, 9, 17)  # Saturday
    assert cal.same_day_cutoff(vn(2026, 2, 13, 16)).due == vn(2026, 2, 23, 17)  # Tết in between
    assert cal.same_day_cutoff(vn(2026, 3, 6, 10), cutoff=time(9)).due == vn(2026, 3, 9, 17)


def test_calendar_days_roll_forward_to_closing_of_next_working_day(cal):
    # Mon 02/03/2026 10:00 + 5 days = Sat 07/03 → rolls to Mon 09/03 at 17:00 (Civil Code 2015, art. 148).
    rolled = cal.add_calendar_days(vn(2026, 3, 2, 10), 5)
    assert rolled.due == vn(2026, 3, 9, 17)
    assert [d for d, _ in rolled.skipped] == [date(2026, 3, 7), date(2026, 3, 8)]
    assert any("Điều 148" in line for line in rolled.explain())
    # A due day that is a working day keeps the time of day; weekends inside count.
    assert cal.add_calendar_days(vn(2026, 3, 2, 10), 7).due == vn(2026, 3, 9, 10)
    # Holidays inside count too unless skip_holidays: 10/02/2026 + 10 days = 20/02 (Tết) → Mon 23 17:00.
    assert cal.add_calendar_days(vn(2026, 2, 10, 10), 10).due == vn(2026, 2, 23, 17)
    # Skipping the five Tết days: 10/02 + 10 counted days = Wed 25/02 10:00.
    skipping = cal.add_calendar_days(vn(2026, 2, 10, 10), 10, skip_holidays=True)
    assert skipping.due == vn(2026, 2, 25, 10)
    assert [d for d, _ in skipping.skipped] == [date(2026, 2, d) for d in range(16, 21)]
    # Received after hours: the count starts from the snapped start.
    assert cal.add_calendar_days(vn(2026, 3, 2, 18), 1).due == vn(2026, 3, 4, 7)
    assert cal.add_calendar_days(vn(2026, 3, 2, 10), 0).due == vn(2026, 3, 2, 10)


def test_working_time_between(cal):
    assert cal.working_time_between(vn(2026, 3, 2, 10), vn(2026, 3, 2, 15)) == timedelta(hours=3)
    assert cal.working_time_between(vn(2026, 3, 6, 16), vn(2026, 3, 9, 8)) == timedelta(hours=2)
    assert cal.working_time_between(vn(2026, 3, 9, 8), vn(2026, 3, 6, 16)) == timedelta(0)
    assert cal.working_time_between(vn(2026, 2, 13, 17), vn(2026, 2, 23, 7)) == timedelta(0)
    # 2026: 261 weekdays − 13 weekdays off + Saturday 22/08 worked = 249 working days of 8 h.
    assert cal.working_time_between(vn(2026, 1, 1), vn(2027, 1, 1)) == timedelta(hours=8 * 249)
    assert cal.working_days_between(date(2026, 1, 1), date(2027, 1, 1)) == 249


def test_working_days_between(cal):
    assert cal.working_days_between(date(2026, 3, 2), date(2026, 3, 9)) == 5
    assert cal.working_days_between(date(2026, 3, 9), date(2026, 3, 2)) == -5
    assert cal.working_days_between(date(2026, 2, 13), date(2026, 2, 27)) == 5
    assert cal.next_working_day(date(2026, 2, 13)) == date(2026, 2, 23)


def test_pause_then_restart(cal):
    # Due Fri 13/03 10:00; supplement requested Tue 03/03 09:00, completed Thu 05/03 14:00.
    deadline = cal.resume_after_pause(
        due=vn(2026, 3, 13, 10),
        paused_at=vn(2026, 3, 3, 9),
        resumed_at=vn(2026, 3, 5, 14),
        full_days=10,
        mode="restart",
    )
    assert deadline.due == vn(2026, 3, 19, 14)  # Thu 05/03 14:00 + 10 working days
    lines = deadline.explain()
    assert lines[0].startswith("Tiếp tục giải quyết: 14:00 05/03/2026")
    assert any("tính lại toàn bộ" in line for line in lines)


def test_pause_then_resume_adds_the_exact_working_time(cal):
    # Paused Tue 09:00 → Thu 14:00: Tue 6 h (2 h 30 + 3 h 30), Wed 8 h, Thu 5 h (4 h 30 + 30 min) = 19 h.
    deadline = cal.resume_after_pause(
        due=vn(2026, 3, 13, 10),
        paused_at=vn(2026, 3, 3, 9),
        resumed_at=vn(2026, 3, 5, 14),
        full_days=10,
        mode="pause",
    )
    # Fri 13/03 10:00 + 19 h: Fri 5 h (1 h 30 + 3 h 30), Mon 8 h, Tue 6 h → 07:00–11:30, 13:30–15:00.
    assert deadline.due == vn(2026, 3, 17, 15)
    assert cal.working_time_between(vn(2026, 3, 13, 10), deadline.due) == timedelta(hours=19)
    assert any("19 giờ làm việc" in line for line in deadline.explain())
    # A pause entirely outside office hours changes nothing.
    same = cal.resume_after_pause(
        due=vn(2026, 3, 13, 10),
        paused_at=vn(2026, 3, 6, 17, 30),
        resumed_at=vn(2026, 3, 8, 20),
        full_days=10,
        mode="pause",
    )
    assert same.due == vn(2026, 3, 13, 10)


def test_pause_arguments_are_checked(cal):
    with pytest.raises(InvalidInput):
        cal.resume_after_pause(
            due=vn(2026, 3, 13, 10),
            paused_at=vn(2026, 3, 5),
            resumed_at=vn(2026, 3, 3),
            full_days=1,
            mode="pause",
        )
    with pytest.raises(InvalidInput):
        cal.resume_after_pause(
            due=vn(2026, 3, 13, 10),
            paused_at=vn(2026, 3, 3),
            resumed_at=vn(2026, 3, 5),
            full_days=1,
            mode="x",
        )


def test_custom_office_hours_and_overrides():
    # A province open on Saturday mornings, with its own day off.
    calendar = WorkCalendar(
        office_hours={**{wd: DEFAULT_WINDOWS for wd in range(5)}, 5: ((time(7, 30), time(11, 30)),)},
        days_off={date(2026, 3, 4): "Ngày truyền thống của tỉnh"},
    )
    assert calendar.is_working_day(date(2026, 3, 7))
    assert calendar.snap(vn(2026, 3, 7, 12)) == vn(2026, 3, 9, 7)
    assert calendar.why_not_working(date(2026, 3, 4)) == "Ngày truyền thống của tỉnh"
    assert calendar.add_working_days(vn(2026, 3, 3, 10), 1).due == vn(2026, 3, 5, 10)
    # No statutory source here: 01/01 is an ordinary Thursday.
    assert calendar.is_working_day(date(2026, 1, 1))
    with pytest.raises(ValueError):
        WorkCalendar(days_off={date(2026, 1, 1): "x"}, working_days={date(2026, 1, 1): "y"})
    with pytest.raises(ValueError):
        WorkCalendar(office_hours={0: ((time(11), time(9)),)})


def test_years_outside_the_supported_range_are_a_clear_error(cal):
    with pytest.raises(InvalidInput) as error:
        cal.is_working_day(date(2150, 1, 1))
    assert "1995" in error.value.message
