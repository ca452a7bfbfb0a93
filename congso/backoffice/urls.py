from django.urls import path

from congso.backoffice import statistics_views, views

app_name = "backoffice"
urlpatterns = [
    path("", views.inbox_view, name="inbox"),
    path("tiep-nhan/", views.intake_view, name="intake"),
    path("hang-loat/", views.bulk_view, name="bulk"),
    path("ho-so/<str:code>/", views.dossier_view, name="dossier"),
    path("ho-so/<str:code>/thao-tac/", views.action_view, name="act"),
    path("ho-so/<str:code>/phieu/<slug:form>.pdf", views.print_view, name="print"),
    path("thong-ke/", statistics_views.statistics_view, name="statistics"),
    path("thong-ke/bieu-06.<str:fmt>", statistics_views.statistics_export_view, name="statistics_export"),
    path("thong-ke/ho-so/", statistics_views.statistics_cell_view, name="statistics_cell"),
]
