from django.urls import path

from congso.portal import lookup, payment, procedures, rating, search, verify, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("tim-kiem/", search.search_page, name="search"),
    path("tra-cuu/", lookup.lookup, name="lookup"),
    path("tra-cuu/<str:code>/", lookup.lookup, name="lookup_code"),
    path("thu-tuc/<str:code>/", procedures.procedure_page, name="procedure"),
    path("xac-thuc/<str:public_id>/", verify.page, name="verify"),
    path("xac-thuc/<str:public_id>/tai-ve.pdf", verify.download, name="verify_download"),
    path("thanh-toan/ket-qua/", payment.confirm_endpoint, name="payment_confirm"),
    path("thanh-toan/gia-lap/<str:ref>/", payment.fake_gateway_page, name="payment_fake"),
    path("thanh-toan/<str:code>/", payment.fees_page, name="payment"),
    path("thanh-toan/<str:code>/vietqr/", payment.vietqr_page, name="payment_vietqr"),
    path("thanh-toan/<str:code>/bien-lai/<str:number>.pdf", payment.receipt_download, name="payment_receipt"),
    path("danh-gia/<str:code>/", rating.rating_page, name="rating"),
]
