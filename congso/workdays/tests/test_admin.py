"""The admin is where yearly swaps are entered: a row added there changes the calendar at once."""

from __future__ import annotations

from datetime import date

import pytest

from congso.workdays.models import CalendarDay, OfficeHours
from congso.workdays.selectors import calendar_for

pytestmark = pytest.mark.django_db


def test_changelists_render(admin_client):
    for model in ("calendarday", "officehours"):
        response = admin_client.get(f"/admin/workdays/{model}/", {"q": "Tết"})
        assert response.status_code == 200
    assert admin_client.get("/admin/workdays/calendarday/", {"kind__exact": "working_day"}).status_code == 200


def test_admin_adds_a_province_day_off(admin_client):
    assert calendar_for("56").is_working_day(date(2026, 3, 4))
    response = admin_client.post(
        "/admin/workdays/calendarday/add/",
        {
            "date": "2026-03-04",
            "kind": "day_off",
            "reason": "Nghỉ theo quyết định của UBND tỉnh",
            "legal_reference": "Quyết định 123/QĐ-UBND",
            "province_code": "56",
            "source": "admin",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert calendar_for("56").why_not_working(date(2026, 3, 4)) == "Nghỉ theo quyết định của UBND tỉnh"


def test_admin_refuses_a_second_row_in_force_for_the_same_day(admin_client):
    response = admin_client.post(
        "/admin/workdays/calendarday/add/",
        {"date": "2026-09-02", "kind": "working_day", "reason": "x", "province_code": "", "source": "admin",
         "active": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "đang áp dụng" in response.content.decode()
    assert CalendarDay.objects.filter(date=date(2026, 9, 2)).count() == 1


def test_admin_action_deactivates_and_the_calendar_follows(admin_client):
    row = CalendarDay.objects.get(date=date(2026, 11, 24), province_code="")
    response = admin_client.post(
        "/admin/workdays/calendarday/",
        {"action": "deactivate_rows", "_selected_action": [row.pk]},
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert not row.active and row.deactivated_at is not None
    # The package still says 24/11/2026 is a holiday: deactivating a row falls back to the law; a
    # working_day row is how an administrator would cancel a holiday.
    assert calendar_for("").why_not_working(date(2026, 11, 24)) == "Ngày Văn hóa Việt Nam"
    assert admin_client.post(f"/admin/workdays/calendarday/{row.pk}/delete/").status_code == 403


def test_admin_office_hours_validation(admin_client):
    response = admin_client.post(
        "/admin/workdays/officehours/add/",
        {
            "province_code": "56",
            "weekday": "0",
            "morning_start": "11:30",
            "morning_end": "07:00",
            "active": "on",
        },
    )
    assert response.status_code == 200
    assert not OfficeHours.objects.exists()
