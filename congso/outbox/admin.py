from django.contrib import admin

from congso.outbox.models import OutboxEvent


@admin.register(OutboxEvent)
class OutboxEventAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "topic",
        "aggregate_type",
        "aggregate_id",
        "occurred_at",
        "dispatched_at",
        "attempts",
    ]
    list_filter = ["topic", "aggregate_type"]
    search_fields = ["aggregate_id"]
    readonly_fields = [f.name for f in OutboxEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
