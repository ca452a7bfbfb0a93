"""Cache invalidation only (no business flow, architecture.md principle 7): a calendar row written or
deleted makes every cached WorkCalendar of this process stale."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from congso.workdays import selectors
from congso.workdays.models import CalendarDay, OfficeHours


@receiver(post_save, sender=CalendarDay, dispatch_uid="workdays_day_saved")
@receiver(post_delete, sender=CalendarDay, dispatch_uid="workdays_day_deleted")
@receiver(post_save, sender=OfficeHours, dispatch_uid="workdays_hours_saved")
@receiver(post_delete, sender=OfficeHours, dispatch_uid="workdays_hours_deleted")
def calendar_rows_changed(sender, **kwargs) -> None:  # type: ignore[no-untyped-def]
    selectors.rows_changed()
