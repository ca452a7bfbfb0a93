from django.urls import path

from congso.portal import lookup, procedures, search, verify, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", search.search_page, name="search"),
    path("tra-cuu/", lookup.lookup, name="lookup"),
    path("tra-cuu/<str:code>/", lookup.lookup, name="lookup_code"),
    path("thu-tuc/<str:code>/", procedures.procedure_page, name="procedure"),
    path("xac-thuc/<str:public_id>/", verify.page, name="verify"),
    path("xac-thuc/<str:public_id>/tai-ve.pdf", verify.download, name="verify_download"),
]
