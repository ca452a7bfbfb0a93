"""Admin for the calendar rows. Dates and kinds are fixed once saved and rows are never deleted: to change
a day, deactivate its row and add a new one, so past due dates can be recomputed (models.py)."""

from __future__ import annotations

from django.contrib import admin, messages

from congso.workdays import services
from congso.workdays.models import CalendarDay, OfficeHours

_HISTORY_FIELDS = ["active", "created_at", "deactivated_at", "updated_at"]


@admin.action(description="Ngừng áp dụng các dòng đã chọn")
def deactivate_rows(modeladmin, request, queryset) -> None:  # type: ignore[no-untyped-def]
    count = 0
    for row in queryset.filter(active=True):
        services.deactivate(row)  # one save per row, so the calendar cache is invalidated
        count += 1
    modeladmin.message_user(request, f"Đã ngừng áp dụng {count} dòng.", messages.SUCCESS)


class _VersionedAdmin(admin.ModelAdmin):
    actions = [deactivate_rows]
    frozen_fields: list[str] = []

    def get_readonly_fields(self, request, obj=None):  # type: ignore[no-untyped-def]
        history = ["created_at", "deactivated_at", "updated_at"]
        if obj is None:
            return history
        # A saved row only changes its wording or goes out of force (see module docstring).
        frozen = [*self.frozen_fields, *history]
        return [*frozen, "active"] if not obj.active else frozen

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(CalendarDay)
class CalendarDayAdmin(_VersionedAdmin):
    list_display = ["date", "kind", "reason", "province_code", "source", "legal_reference", "active"]
    list_filter = ["kind", "source", "active", "province_code"]
    search_fields = ["reason", "legal_reference", "province_code"]
    date_hierarchy = "date"
    ordering = ["-date", "province_code"]
    frozen_fields = ["date", "kind", "province_code", "source"]
    fields = ["date", "kind", "reason", "legal_reference", "province_code", "source", *_HISTORY_FIELDS]


@admin.register(OfficeHours)
class OfficeHoursAdmin(_VersionedAdmin):
    list_display = [
        "weekday",
        "province_code",
        "morning_start",
        "morning_end",
        "afternoon_start",
        "afternoon_end",
        "active",
    ]
    list_filter = ["weekday", "active", "province_code"]
    search_fields = ["province_code"]
    frozen_fields = [
        "province_code",
        "weekday",
        "morning_start",
        "morning_end",
        "afternoon_start",
        "afternoon_end",
    ]
    fields = [
        "province_code",
        "weekday",
        "morning_start",
        "morning_end",
        "afternoon_start",
        "afternoon_end",
        *_HISTORY_FIELDS,
    ]
