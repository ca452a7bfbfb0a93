"""The sources of days: what `holidays.VN` says, checked against domain.md §5.1, and the notice data."""

from __future__ import annotations

import importlib
from datetime import date

import holidays
import pytest

from congso.workdays import holidays_vn
from congso.workdays.choices import DayKind, DaySource
from congso.workdays.holidays_vn import NOTICE_DAYS, statutory_year, vietnamese_reason

# domain.md §5.1: Tết (1/1 lunar) and Giỗ Tổ (10/3 lunar) on the Vietnamese calendar (UTC+7).
LUNAR = {
    2025: (date(2025, 1, 29), date(2025, 4, 7)),
    2026: (date(2026, 2, 17), date(2026, 4, 26)),
    2027: (date(2027, 2, 6), date(2027, 4, 16)),
    2028: (date(2028, 1, 26), date(2028, 4, 4)),
    2029: (date(2029, 2, 13), date(2029, 4, 23)),
    2030: (date(2030, 2, 2), date(2030, 4, 12)),
}


@pytest.mark.parametrize("year", sorted(LUNAR))
def test_package_lunar_dates_match_domain_table(year):
    by_name = {name: day for day, name in holidays.VN(years=year, language="vi").items()}
    tet, gio_to = LUNAR[year]
    assert by_name["Tết Nguyên Đán"] == tet
    assert by_name["Ngày Giỗ Tổ Hùng Vương"] == gio_to


def test_2030_tet_differs_between_vietnamese_and_chinese_calendars():
    # The pitfall of domain.md §5.1: new moon of 2030 falls before midnight at UTC+7, after it at UTC+8.
    spring = sorted(
        day for day, name in holidays.CN(years=2030, language="en_US").items() if "Spring" in name
    )
    assert spring[0] == date(2030, 2, 3)
    assert statutory_year(2030).days_off[date(2030, 2, 2)] == "Tết Nguyên Đán (Mùng một)"


def _weekdays_off(year: int) -> set[date]:
    return {day for day in statutory_year(year).days_off if day.weekday() < 5}


@pytest.mark.parametrize("year", [2025, 2026])
def test_notice_data_and_package_agree_on_every_weekday(year):
    notice_off = {row.day for row in NOTICE_DAYS if row.day.year == year and row.kind == DayKind.DAY_OFF}
    notice_worked = {
        row.day for row in NOTICE_DAYS if row.day.year == year and row.kind == DayKind.WORKING_DAY
    }
    assert notice_off == _weekdays_off(year)
    # The package lists only the weekday off of a swap; the Saturday comes from its swap table.
    assert notice_worked == set(statutory_year(year).working_days)


def test_swaps_and_make_ups_as_the_notices_say():
    assert statutory_year(2025).working_days == {date(2025, 4, 26): "Làm bù cho ngày nghỉ 02/05/2025"}
    assert statutory_year(2026).working_days == {date(2026, 8, 22): "Làm bù cho ngày nghỉ 31/08/2026"}
    assert date(2024, 5, 4) in statutory_year(2024).working_days  # 2024's 30/4 swap, from the package
    off_2026 = statutory_year(2026).days_off
    assert off_2026[date(2026, 4, 27)] == "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)"  # art. 111(3)
    assert off_2026[date(2026, 8, 31)] == "Nghỉ hoán đổi (làm bù ngày 22/08/2026)"
    assert off_2026[date(2026, 11, 24)] == "Ngày Văn hóa Việt Nam"
    assert date(2025, 11, 24) not in statutory_year(2025).days_off
    assert {date(2026, 2, d) for d in range(16, 21)} <= set(off_2026)
    assert {date(2025, 1, d) for d in range(27, 32)} <= set(statutory_year(2025).days_off)


def test_every_year_has_the_statutory_count_of_weekdays_off():
    # Labour Code 2019 art. 112: 11 days (12 from 2026). On weekdays, after make-ups and swaps, a year
    # has at least that many days off, and Tết always takes five weekdays.
    for year in range(2027, 2031):
        assert len(_weekdays_off(year)) >= 12, year


def test_reasons_read_well():
    assert vietnamese_reason("Giao thừa Tết Nguyên Đán") == "Tết Nguyên Đán (Giao thừa)"
    assert vietnamese_reason("29 Tết") == "Tết Nguyên Đán (29 Tết)"
    assert vietnamese_reason("Quốc khánh (nghỉ bù)") == "Nghỉ bù Quốc khánh"
    assert (
        vietnamese_reason("Ngày nghỉ (thay cho ngày 04/05/2024)") == "Nghỉ hoán đổi (làm bù ngày 04/05/2024)"
    )


def test_plain_values_match_the_choices():
    assert {holidays_vn.DAY_OFF, holidays_vn.WORKING_DAY} == set(DayKind.values)
    assert {holidays_vn.STATUTORY, holidays_vn.NOTICE} < set(DaySource.values)
    assert {row.kind for row in NOTICE_DAYS} <= set(DayKind.values)
    assert {row.source for row in NOTICE_DAYS} <= set(DaySource.values)


def test_data_migration_carries_the_same_rows():
    migration = importlib.import_module("congso.workdays.migrations.0002_preload_2025_2026")
    frozen = [(date.fromisoformat(d), k, r, ref, s) for d, k, r, ref, s in migration.ROWS]
    assert frozen == [(row.day, row.kind, row.reason, row.legal_reference, row.source) for row in NOTICE_DAYS]
