"""Reporting periods on Vietnamese calendar days and the dates the shell accepts."""

from __future__ import annotations

from datetime import date

import pytest

from congso.core.clock import vn
from congso.core.errors import InvalidInput
from congso.statistics.periods import Period, parse_day


def test_bounds_are_vietnamese_midnights():
    p = Period(date(2026, 1, 1), date(2026, 3, 31))
    assert p.start == vn(2026, 1, 1) and p.end == vn(2026, 4, 1)
    assert p.last_moment == vn(2026, 3, 31, 23, 59, 59)
    assert p.start.utcoffset().total_seconds() == 7 * 3600


@pytest.mark.parametrize(
    "period,kind,label",
    [
        (Period.month(2026, 2), "month", "Tháng 02/2026"),
        (Period.quarter(2026, 4), "quarter", "Quý 4/2026"),
        (Period.year(2025), "year", "Năm 2025"),
        (Period(date(2026, 3, 9), date(2026, 3, 13)), "custom", "Từ 09/03/2026 đến 13/03/2026"),
        (Period(date(2026, 2, 1), date(2026, 4, 30)), "custom", "Từ 01/02/2026 đến 30/04/2026"),
    ],
)
def test_kinds_and_labels(period, kind, label):
    assert (period.kind, period.label) == (kind, label)


def test_leap_february_and_bad_quarter():
    assert Period.month(2028, 2).last == date(2028, 2, 29)
    with pytest.raises(InvalidInput):
        Period.quarter(2026, 5)


def test_parse_day():
    assert parse_day("2026-01-31", "--from") == date(2026, 1, 31)
    assert parse_day(" 31/01/2026 ", "--from") == date(2026, 1, 31)
    for bad in ("2026-02-30", "31-01-2026", "tomorrow", "2026/01/31"):
        with pytest.raises(InvalidInput, match="không phải ngày hợp lệ"):
            parse_day(bad, "--from")
    with pytest.raises(InvalidInput, match="Thiếu --to"):
        parse_day(None, "--to")


def test_from_after_to_is_refused():
    with pytest.raises(InvalidInput, match="phải trước hoặc bằng"):
        Period(date(2026, 3, 2), date(2026, 3, 1))
