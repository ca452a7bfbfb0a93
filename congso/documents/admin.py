"""Read-only admin views: signed documents and the signature log are written by the services only."""

from django.contrib import admin

from congso.documents.models import SignatureLog, SignedDocument


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SignedDocument)
class SignedDocumentAdmin(ReadOnlyAdmin):
    list_display = ["title", "signer_name", "agency_name", "signed_at", "public_id"]
    list_filter = ["province_code"]
    search_fields = ["public_id", "title", "signer_name", "sha256"]
    date_hierarchy = "signed_at"


@admin.register(SignatureLog)
class SignatureLogAdmin(ReadOnlyAdmin):
    list_display = ["at", "signer_name", "agency_name", "title", "ok", "document"]
    list_filter = ["ok", "province_code"]
    search_fields = ["signer_name", "title", "sha256", "cert_serial"]
    date_hierarchy = "at"
    list_select_related = ["document"]
