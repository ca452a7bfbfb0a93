"""Administrative units in the Django admin: view and search only.

The tables mirror the packaged data set and `manage.py load_places` rewrites any hand edit, so the
admin offers no add, change or delete; a correction belongs in the data set (or a new loader step).
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from congso.places.models import Commune, CommuneSuccession, District, Province, search_key


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


def _place(commune: Commune) -> str:
    where = ", ".join(str(unit) for unit in (commune.district, commune.province) if unit)
    return f"{commune.name} ({commune.code}), {where}"


class ReadOnlyInline(admin.TabularInline):
    model = CommuneSuccession
    extra = 0
    can_delete = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[CommuneSuccession]:
        return (
            super()
            .get_queryset(request)
            .select_related("old__province", "old__district", "new__province", "new__district")
        )

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Province)
class ProvinceAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "era", "successor"]
    list_display_links = ["code", "name"]
    list_filter = ["era", "kind"]
    search_fields = ["code", "name", "short_name"]
    list_select_related = ["successor"]
    list_per_page = 100


@admin.register(District)
class DistrictAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "province", "successor"]
    list_display_links = ["code", "name"]
    list_filter = ["kind", ("province", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["code", "name"]
    list_select_related = ["province", "successor"]


class SuccessorInline(ReadOnlyInline):
    fk_name = "old"
    verbose_name = "xã mới kế thừa"
    verbose_name_plural = "sáp nhập vào (từ 01/07/2025)"
    fields = readonly_fields = ["new_unit", "is_default"]

    @admin.display(description="xã mới")
    def new_unit(self, row: CommuneSuccession) -> str:
        return _place(row.new)


class PredecessorInline(ReadOnlyInline):
    fk_name = "new"
    verbose_name = "xã cũ"
    verbose_name_plural = "hình thành từ (trước 01/07/2025)"
    fields = readonly_fields = ["old_unit", "is_default"]

    @admin.display(description="xã cũ")
    def old_unit(self, row: CommuneSuccession) -> str:
        return _place(row.old)


@admin.register(Commune)
class CommuneAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "district", "province", "era"]
    list_display_links = ["code", "name"]
    list_filter = ["era", "kind", "province"]
    # The search box matches the tone-less shadow name, so "nha trang" and "Nha Trang" both work.
    search_fields = ["code", "search_name"]
    search_help_text = "Tìm theo mã hoặc tên, gõ có dấu hay không dấu đều được."
    list_select_related = ["province", "district"]
    inlines = [SuccessorInline, PredecessorInline]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Commune], search_term: str
    ) -> tuple[QuerySet[Commune], bool]:
        folded = search_term if search_term.strip().isdigit() else search_key(search_term)
        return super().get_search_results(request, queryset, folded)


@admin.register(CommuneSuccession)
class CommuneSuccessionAdmin(ReadOnlyAdmin):
    list_display = ["old", "old_province", "new", "new_province", "is_default"]
    list_filter = ["is_default", ("new__province", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["old__code", "old__search_name", "new__code", "new__search_name"]
    list_select_related = ["old__province", "new__province"]

    @admin.display(description="tỉnh cũ", ordering="old__province__code")
    def old_province(self, row: CommuneSuccession) -> str:
        return row.old.province.short_name

    @admin.display(description="tỉnh mới", ordering="new__province__code")
    def new_province(self, row: CommuneSuccession) -> str:
        return row.new.province.short_name

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[CommuneSuccession], search_term: str
    ) -> tuple[QuerySet[CommuneSuccession], bool]:
        folded = search_term if search_term.strip().isdigit() else search_key(search_term)
        return super().get_search_results(request, queryset, folded)
