"""Writes to the calendar tables. A change never edits a row in place: the old row is deactivated and a new
one added, so `calendar_for(as_of=...)` can rebuild any past calendar (see models.py)."""

from __future__ import annotations

from datetime import date, time

from django.db import transaction

from congso.core.errors import Conflict, InvalidInput
from congso.workdays.choices import DayKind, DaySource
from congso.workdays.models import CalendarDay, OfficeHours


@transaction.atomic
def set_calendar_day(
    *,
    day: date,
    kind: str,
    reason: str,
    legal_reference: str = "",
    province_code: str = "",
    source: str = DaySource.ADMIN,
    replace: bool = False,
) -> CalendarDay:
    """Declare `day` a day off or an extra working day, for the country ("") or one province.

    With `replace`, a row already in force for that day and scope is deactivated first; without it,
    such a row is a conflict (the officer should look at what is there before overriding it).
    """
    if kind not in DayKind.values:
        raise InvalidInput("day_kind", "Loại ngày không hợp lệ.", fields={"kind": "day_off hoặc working_day"})
    if not reason.strip():
        raise InvalidInput(
            "day_reason", "Cần ghi lý do của ngày nghỉ/ngày làm bù.", fields={"reason": "bắt buộc"}
        )
    current = CalendarDay.objects.select_for_update().filter(
        date=day, province_code=province_code, active=True
    )
    existing = list(current)
    if existing and not replace:
        raise Conflict(
            "day_exists", f"Ngày {day:%d/%m/%Y} đã có một dòng đang áp dụng: {existing[0].reason}."
        )
    for row in existing:
        deactivate(row)
    return CalendarDay.objects.create(
        date=day,
        kind=kind,
        reason=reason.strip(),
        legal_reference=legal_reference.strip(),
        province_code=province_code,
        source=source,
    )


@transaction.atomic
def set_office_hours(
    *,
    weekday: int,
    morning: tuple[time, time],
    afternoon: tuple[time, time] | None = None,
    province_code: str = "",
) -> OfficeHours:
    """Replace the office windows of a weekday (the previous row is kept, deactivated)."""
    if not 0 <= weekday <= 6:
        raise InvalidInput("weekday", "Thứ trong tuần phải từ 0 (Thứ Hai) đến 6 (Chủ nhật).")
    windows = [morning, *([afternoon] if afternoon else [])]
    previous_end = None
    for start, end in windows:
        if not start < end or (previous_end is not None and start < previous_end):
            raise InvalidInput("office_hours", "Các khung giờ phải theo thứ tự và không chồng nhau.")
        previous_end = end
    for row in OfficeHours.objects.select_for_update().filter(
        province_code=province_code, weekday=weekday, active=True
    ):
        deactivate(row)
    return OfficeHours.objects.create(
        province_code=province_code,
        weekday=weekday,
        morning_start=morning[0],
        morning_end=morning[1],
        afternoon_start=afternoon[0] if afternoon else None,
        afternoon_end=afternoon[1] if afternoon else None,
    )


def deactivate(row: CalendarDay | OfficeHours) -> None:
    """Stop applying a row from now on; it stays in the table for `as_of` recomputations."""
    if not row.active:
        return
    row.active = False
    row.save(update_fields=["active", "deactivated_at", "updated_at"])
