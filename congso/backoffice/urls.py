from django.urls import path

from congso.backoffice import views

app_name = "backoffice"
urlpatterns = [
    path("", views.inbox_view, name="inbox"),
    path("tiep-nhan/", views.intake_view, name="intake"),
    path("hang-loat/", views.bulk_view, name="bulk"),
    path("ho-so/<str:code>/", views.dossier_view, name="dossier"),
    path("ho-so/<str:code>/thao-tac/", views.action_view, name="act"),
    path("ho-so/<str:code>/phieu/<slug:form>.pdf", views.print_view, name="print"),
]
