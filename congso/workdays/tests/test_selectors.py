"""calendar_for(): database rows over the package, province over nation, versions, cache invalidation."""

from __future__ import annotations

from datetime import date, time, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from congso.core.clock import vn
from congso.core.errors import Conflict
from congso.workdays import services
from congso.workdays.choices import DayKind, DaySource
from congso.workdays.holidays_vn import NOTICE_DAYS, national_calendar
from congso.workdays.models import CalendarDay
from congso.workdays.selectors import calendar_for

pytestmark = pytest.mark.django_db

PROVINCE_DAY = date(2026, 3, 4)  # an ordinary Wednesday


def test_migration_preloaded_the_2025_2026_rows():
    rows = CalendarDay.objects.filter(province_code="", active=True, date__year__in=[2025, 2026])
    assert rows.count() == len(NOTICE_DAYS)
    saturday = rows.get(date=date(2026, 8, 22))
    assert saturday.kind == DayKind.WORKING_DAY
    assert saturday.legal_reference == "Thông báo 9441/TB-BNV"
    assert rows.filter(source=DaySource.NOTICE).exists()


def test_database_calendar_equals_the_pure_national_one():
    national = national_calendar()
    db_calendar = calendar_for("")
    for year in (2025, 2026, 2027):
        assert db_calendar.special_days(year) == national.special_days(year)
    assert db_calendar.add_working_days(vn(2026, 2, 13, 9), 5).due == vn(2026, 2, 27, 9)


def test_calendar_is_cached_and_reused():
    assert calendar_for("56") is calendar_for("56")
    assert calendar_for("56") is not calendar_for("80")


def test_admin_day_off_for_a_province_changes_only_that_province():
    before = calendar_for("56")
    assert before.is_working_day(PROVINCE_DAY)
    services.set_calendar_day(
        day=PROVINCE_DAY, kind=DayKind.DAY_OFF, reason="Ngày giải phóng tỉnh", province_code="56"
    )
    after = calendar_for("56")
    assert after is not before
    assert after.why_not_working(PROVINCE_DAY) == "Ngày giải phóng tỉnh"
    assert after.add_working_days(vn(2026, 3, 3, 10), 1).due == vn(2026, 3, 5, 10)
    assert calendar_for("80").is_working_day(PROVINCE_DAY)
    assert calendar_for("").is_working_day(PROVINCE_DAY)


def test_a_plain_orm_write_also_invalidates_the_cache():
    assert calendar_for("").is_working_day(PROVINCE_DAY)
    CalendarDay.objects.create(date=PROVINCE_DAY, kind=DayKind.DAY_OFF, reason="Nghỉ đột xuất")
    assert not calendar_for("").is_working_day(PROVINCE_DAY)
    assert not calendar_for("56").is_working_day(PROVINCE_DAY)


def test_a_working_day_row_cancels_a_statutory_holiday_and_province_beats_nation():
    services.set_calendar_day(
        day=date(2027, 9, 3), kind=DayKind.WORKING_DAY, reason="Không nghỉ ngày liền kề (ví dụ)"
    )
    assert calendar_for("").is_working_day(date(2027, 9, 3))
    services.set_calendar_day(
        day=date(2027, 9, 3), kind=DayKind.DAY_OFF, reason="Tỉnh cho nghỉ", province_code="56"
    )
    assert calendar_for("56").why_not_working(date(2027, 9, 3)) == "Tỉnh cho nghỉ"
    assert calendar_for("80").is_working_day(date(2027, 9, 3))


def test_default_province_and_hours_convention_come_from_settings(settings):
    settings.CONGSO_PROVINCE_CODE = "56"
    services.set_calendar_day(day=PROVINCE_DAY, kind=DayKind.DAY_OFF, reason="Lễ hội", province_code="56")
    assert not calendar_for().is_working_day(PROVINCE_DAY)
    settings.CONGSO_DAY_HOURS = 7.5
    assert calendar_for().hours_per_day == 7.5


def test_a_day_has_one_row_in_force_per_scope():
    with pytest.raises(Conflict):
        services.set_calendar_day(day=date(2026, 9, 2), kind=DayKind.DAY_OFF, reason="Trùng")
    with pytest.raises(IntegrityError), transaction.atomic():
        CalendarDay.objects.create(date=date(2026, 9, 2), kind=DayKind.DAY_OFF, reason="Trùng")
    replaced = services.set_calendar_day(
        day=date(2026, 9, 2), kind=DayKind.DAY_OFF, reason="Quốc khánh 2/9", replace=True
    )
    assert CalendarDay.objects.filter(date=date(2026, 9, 2)).count() == 2
    old = CalendarDay.objects.get(date=date(2026, 9, 2), active=False)
    assert old.deactivated_at is not None
    assert calendar_for("").why_not_working(date(2026, 9, 2)) == replaced.reason


def test_a_deactivated_row_cannot_be_switched_back_on():
    row = CalendarDay.objects.get(date=date(2026, 11, 24), province_code="")
    services.deactivate(row)
    row.active = True
    with pytest.raises(ValidationError):
        row.full_clean()


def test_as_of_rebuilds_the_calendar_known_at_that_moment():
    day = date(2027, 3, 10)
    with time_machine.travel(vn(2027, 1, 5, 9), tick=False):
        row = services.set_calendar_day(day=day, kind=DayKind.DAY_OFF, reason="Nghỉ theo quyết định của tỉnh")
    with time_machine.travel(vn(2027, 2, 1, 9), tick=False):
        services.deactivate(row)
    received = vn(2027, 3, 9, 10)
    # Before the row existed, during its life, after it was withdrawn, and now.
    assert calendar_for("", as_of=vn(2027, 1, 1)).add_working_days(received, 1).due == vn(2027, 3, 10, 10)
    during = calendar_for("", as_of=vn(2027, 1, 20))
    assert during.add_working_days(received, 1).due == vn(2027, 3, 11, 10)
    assert calendar_for("", as_of=vn(2027, 1, 5, 9)).is_working_day(day) is False  # created_at inclusive
    assert calendar_for("", as_of=vn(2027, 2, 1, 9)).is_working_day(day) is True  # deactivated_at exclusive
    assert calendar_for("").is_working_day(day)
    # The 2025/2026 law is known to every past moment the system can hold.
    assert calendar_for("", as_of=vn(2024, 6, 1)).is_working_day(date(2026, 8, 22))


def test_as_of_calendars_are_shared_between_moments_with_the_same_rows():
    assert calendar_for("", as_of=vn(2026, 1, 1)) is calendar_for("", as_of=vn(2026, 6, 1))


def test_rolled_back_rows_do_not_survive_in_the_cache():
    with pytest.raises(RuntimeError), transaction.atomic():
        services.set_calendar_day(day=PROVINCE_DAY, kind=DayKind.DAY_OFF, reason="Tạm")
        assert not calendar_for("").is_working_day(PROVINCE_DAY)
        raise RuntimeError
    assert calendar_for("").is_working_day(PROVINCE_DAY)


def test_office_hours_rows_replace_the_default_windows():
    # A province keeping 07:30–11:30 on Mondays: 7.5 h that day.
    services.set_office_hours(
        weekday=0, morning=(time(7, 30), time(11, 30)), afternoon=(time(13, 30), time(17)), province_code="56"
    )
    calendar = calendar_for("56")
    assert not calendar.is_working_time(vn(2026, 3, 2, 7, 15))
    assert calendar.snap(vn(2026, 3, 2, 7, 15)) == vn(2026, 3, 2, 7, 30)
    assert calendar.regular_day_length == timedelta(hours=7, minutes=30)
    assert calendar_for("").is_working_time(vn(2026, 3, 2, 7, 15))
    # Replacing keeps history: one row in force, one deactivated.
    services.set_office_hours(weekday=0, morning=(time(7), time(11)), province_code="56")
    assert not calendar_for("56").is_working_time(vn(2026, 3, 2, 14))
