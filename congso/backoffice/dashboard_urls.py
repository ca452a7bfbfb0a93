"""/dieu-hanh/: the operations dashboard (IOC), outside the one-stop shop's /mot-cua/ pages."""

from django.urls import path

from congso.backoffice import dashboard_views

app_name = "dashboard"
urlpatterns = [
    path("", dashboard_views.dashboard_view, name="page"),
    path("khoi/", dashboard_views.panels_view, name="panels"),
]
