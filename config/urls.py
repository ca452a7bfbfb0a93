from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from config.api import api

admin.site.site_header = "congso — Quản trị hệ thống"
admin.site.site_title = "congso"
admin.site.index_title = "Danh mục và cấu hình"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("dang-nhap/", auth_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(next_page="/"), name="logout"),
    path("mot-cua/", include("congso.backoffice.urls")),
    path("dieu-hanh/", include("congso.backoffice.dashboard_urls")),
    path("api/v1/", api.urls),
    path("", include("congso.portal.urls")),
]
