from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from congso.identity.models import Agency, Applicant, Officer, RoleGrant, User


@admin.register(User)
class CongsoUserAdmin(UserAdmin):
    fieldsets = (*UserAdmin.fieldsets, ("Thông tin thêm", {"fields": ("full_name", "phone")}))
    list_display = ["username", "full_name", "email", "is_staff", "is_active"]
    search_fields = ["username", "full_name", "email", "phone"]


class ChildAgencyInline(admin.TabularInline):
    model = Agency
    fk_name = "parent"
    fields = ["code", "name", "kind", "active"]
    extra = 0
    show_change_link = True


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "province", "imported", "active"]
    list_filter = ["kind", "imported", "active", "province"]
    search_fields = ["code", "name", "short_name"]
    list_select_related = ["parent", "province"]
    autocomplete_fields = ["parent"]
    raw_id_fields = ["commune"]
    inlines = [ChildAgencyInline]


class RoleGrantInline(admin.TabularInline):
    model = RoleGrant
    extra = 1
    autocomplete_fields = ["agency"]


@admin.register(Officer)
class OfficerAdmin(admin.ModelAdmin):
    list_display = ["user", "agency", "title", "division"]
    list_filter = ["agency__kind"]
    search_fields = ["user__username", "user__full_name", "agency__name"]
    list_select_related = ["user", "agency"]
    autocomplete_fields = ["agency"]
    raw_id_fields = ["user"]
    inlines = [RoleGrantInline]


@admin.register(Applicant)
class ApplicantAdmin(admin.ModelAdmin):
    list_display = ["full_name", "kind", "id_number", "phone"]
    list_filter = ["kind", "id_kind"]
    search_fields = ["full_name", "id_number", "phone"]
    raw_id_fields = ["commune", "user"]
