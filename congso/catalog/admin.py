"""Catalogue admin (Vietnamese). Published content is read-only here: it changes only by import or through
`services.record_limits`, which creates a new version instead of editing one (Decree 63/2010 art. 8(2)
content is what dossiers were received under)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from congso.catalog import services
from congso.catalog.choices import Level
from congso.catalog.forms import OfferingForm, RecordLimitsForm
from congso.catalog.models import (
    AgencyProcedure,
    FeeLine,
    Field,
    OfferingChange,
    Procedure,
    ProcedureVersion,
    RequiredDocument,
)
from congso.core.errors import DomainError
from congso.core.text import vn_fold


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class LevelFilter(admin.SimpleListFilter):
    title = "cấp thực hiện"
    parameter_name = "level"

    def lookups(self, request, model_admin):
        return Level.choices

    def queryset(self, request, queryset):
        if self.value() in Level.values:
            # JSON text contains '"xa"': works on SQLite and PostgreSQL alike (no JSON containment on SQLite).
            return queryset.filter(current_version__levels__icontains=f'"{self.value()}"')
        return queryset


def time_limit_text(version: ProcedureVersion | None) -> str:
    if version is None or (version.days_direct is None and version.days_online is None):
        return "—"
    if version.same_day:
        return "Trong ngày"
    unit = version.get_time_unit_display().lower()
    parts = []
    for label, value in (("trực tiếp", version.days_direct), ("trực tuyến", version.days_online)):
        if value is not None:
            parts.append(f"{label} {value.normalize():f}")
    return f"{', '.join(parts)} {unit}"


class VersionInline(ReadOnlyInline):
    model = ProcedureVersion
    fk_name = "procedure"
    fields = ["number", "name", "limit", "limits_source", "short_hash", "imported_at"]
    readonly_fields = fields
    show_change_link = True
    ordering = ["-number"]
    verbose_name_plural = "các phiên bản (không sửa được; thay đổi tạo phiên bản mới)"

    @admin.display(description="thời hạn")
    def limit(self, obj: ProcedureVersion) -> str:
        return time_limit_text(obj)

    @admin.display(description="mã băm")
    def short_hash(self, obj: ProcedureVersion) -> str:
        return obj.content_hash[:12]


@admin.register(Procedure)
class ProcedureAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "field_name", "levels", "limit", "needs_review", "active", "fix_link"]
    list_filter = ["needs_review", "review_code", LevelFilter, "current_version__field", "active"]
    search_fields = ["code", "current_version__name"]
    list_select_related = ["current_version", "current_version__field"]
    readonly_fields = [
        "code",
        "active",
        "needs_review",
        "review_code",
        "review_reason",
        "current_version",
        "fix_link",
    ]
    fields = readonly_fields
    inlines = [VersionInline]
    list_per_page = 50

    def has_add_permission(self, request) -> bool:
        return False  # procedures come from the national catalogue import

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # view only; limits are fixed through the "Ghi thời hạn" page

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # dossiers point at versions: never delete, deactivate

    def get_search_results(self, request, queryset, search_term):
        results, distinct = super().get_search_results(request, queryset, search_term)
        folded = vn_fold(search_term)
        if folded:
            # Citizens and officers type without tones: match the folded shadow text too.
            results = results | queryset.filter(current_version__search_text__contains=folded)
        return results, distinct

    @admin.display(description="tên thủ tục")
    def name(self, obj: Procedure) -> str:
        return obj.current_version.name[:120] if obj.current_version else ""

    @admin.display(description="lĩnh vực")
    def field_name(self, obj: Procedure) -> str:
        version = obj.current_version
        return version.field.name if version and version.field else ""

    @admin.display(description="cấp")
    def levels(self, obj: Procedure) -> str:
        labels = dict(Level.choices)
        return ", ".join(
            labels.get(v, v) for v in (obj.current_version.levels if obj.current_version else [])
        )

    @admin.display(description="thời hạn")
    def limit(self, obj: Procedure) -> str:
        return time_limit_text(obj.current_version)

    @admin.display(description="sửa thời hạn")
    def fix_link(self, obj: Procedure) -> str:
        url = reverse("admin:catalog_procedure_record_limits", args=[obj.pk])
        return format_html('<a href="{}">Ghi thời hạn</a>', url)

    def get_urls(self):
        view = self.admin_site.admin_view(self.record_limits_view)
        return [
            path("<int:pk>/ghi-thoi-han/", view, name="catalog_procedure_record_limits"),
            *super().get_urls(),
        ]

    def record_limits_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.has_perm("catalog.change_procedure"):
            raise PermissionDenied
        procedure = get_object_or_404(Procedure.objects.select_related("current_version"), pk=pk)
        form = RecordLimitsForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                version = services.record_limits(procedure=procedure, actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form.add_error(None, exc.message)
                for name, problem in exc.fields.items():
                    if name in form.fields:
                        form.add_error(name, problem)
            else:
                self.message_user(
                    request,
                    f"Đã ghi thời hạn cho thủ tục {procedure.code} (phiên bản {version.number}).",
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(reverse("admin:catalog_procedure_change", args=[procedure.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Ghi thời hạn giải quyết — {procedure.code}",
            "procedure": procedure,
            "version": procedure.current_version,
            "form": form,
        }
        return TemplateResponse(request, "admin/catalog/procedure/record_limits.html", context)

    actions = ["record_limits_action"]

    def has_record_limits_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("catalog.change_procedure")

    @admin.action(description="Ghi thời hạn cho thủ tục đã chọn (chọn một)", permissions=["record_limits"])
    def record_limits_action(self, request: HttpRequest, queryset: QuerySet[Procedure]):
        if queryset.count() != 1:
            self.message_user(request, "Hãy chọn đúng một thủ tục.", messages.WARNING)
            return None
        return HttpResponseRedirect(
            reverse("admin:catalog_procedure_record_limits", args=[queryset.get().pk])
        )


class DocumentInline(ReadOnlyInline):
    model = RequiredDocument
    fields = ["order", "group", "name", "copies", "mandatory"]
    readonly_fields = fields


class FeeInline(ReadOnlyInline):
    model = FeeLine
    fields = ["order", "channel", "kind", "description", "amount_vnd", "exempt"]
    readonly_fields = fields


@admin.register(ProcedureVersion)
class ProcedureVersionAdmin(admin.ModelAdmin):
    list_display = ["procedure", "number", "name", "time_unit", "limits_source", "imported_at"]
    list_filter = ["time_unit", "limits_source"]
    search_fields = ["procedure__code", "name"]
    list_select_related = ["procedure"]
    exclude = ["raw", "search_text"]
    inlines = [DocumentInline, FeeInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in ProcedureVersion._meta.concrete_fields if f.name not in self.exclude]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name", "name_folded"]
    readonly_fields = ["name", "name_folded"]

    def has_add_permission(self, request) -> bool:
        return False  # fields come with the catalogue import

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class OfferingChangeInline(ReadOnlyInline):
    model = OfferingChange
    fields = ["changed_at", "muc_do_before", "muc_do_after", "active_before", "active_after", "note"]
    readonly_fields = fields


@admin.register(AgencyProcedure)
class AgencyProcedureAdmin(admin.ModelAdmin):
    form = OfferingForm
    list_display = ["agency", "procedure", "muc_do", "active"]
    list_filter = ["muc_do", "active", "agency"]
    search_fields = ["procedure__code", "agency__name", "agency__code"]
    list_select_related = ["agency", "procedure"]
    raw_id_fields = ["agency", "procedure"]
    inlines = [OfferingChangeInline]

    def get_readonly_fields(self, request, obj=None):
        return ["agency", "procedure"] if obj else []

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # stop offering instead (active = False): the change log keeps the history

    def save_model(self, request, obj: AgencyProcedure, form, change) -> None:
        # The form has already checked what the service would refuse, so a refusal here is a race: let it raise.
        saved = services.set_offering(
            agency=obj.agency,
            procedure=obj.procedure,
            muc_do=obj.muc_do,
            active=obj.active,
            note="Quản trị viên",
        )
        obj.pk = saved.pk
        obj._state.adding = False
