from django.contrib import admin
from django.urls import include, path

from config.api import api

admin.site.site_header = "congso — Quản trị hệ thống"
admin.site.site_title = "congso"
admin.site.index_title = "Danh mục và cấu hình"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("", include("congso.portal.urls")),
]
