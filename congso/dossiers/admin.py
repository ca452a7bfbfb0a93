"""Read-only admin views of dossiers: every change goes through the services and the back office."""

from django.contrib import admin

from congso.dossiers.models import Apology, Dossier, DossierEvent, Pause


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class EventInline(ReadOnlyInline):
    model = DossierEvent
    fields = [
        "seq",
        "at",
        "action",
        "from_status",
        "to_status",
        "from_step",
        "to_step",
        "actor_name",
        "reason",
    ]
    readonly_fields = fields


class PauseInline(ReadOnlyInline):
    model = Pause
    fields = ["kind", "requested_at", "resumed_at", "due_before", "due_after", "content"]
    readonly_fields = fields


class ApologyInline(ReadOnlyInline):
    model = Apology
    fields = ["created_at", "reason", "due_at", "new_due_at", "sent_in_time"]
    readonly_fields = fields


@admin.register(Dossier)
class DossierAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "procedure_code",
        "agency",
        "status",
        "channel",
        "received_at",
        "due_at",
        "outcome",
    ]
    list_filter = ["status", "channel", "outcome", "agency"]
    search_fields = ["code", "search_text"]
    list_select_related = ["agency"]
    inlines = [EventInline, PauseInline, ApologyInline]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
