from django.urls import path

from congso.portal import accounts, lookup, mine, payment, procedures, rating, search, submit, verify, views

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
    path("tai-khoan/", accounts.profile_view, name="account"),
    path("tai-khoan/dang-ky/", accounts.register_view, name="register"),
    path("tai-khoan/dang-nhap/", accounts.sign_in_view, name="sign_in"),
    path("tai-khoan/dang-xuat/", accounts.sign_out_view, name="sign_out"),
    path("nop-ho-so/<str:code>/", submit.submit_view, name="submit"),
    path("ho-so-cua-toi/", mine.my_list, name="my_list"),
    path("ho-so-cua-toi/<str:code>/", mine.my_dossier, name="my_dossier"),
    path("ho-so-cua-toi/<str:code>/da-nop/", mine.submitted, name="submitted"),
    path("ho-so-cua-toi/<str:code>/bo-sung/", mine.answer_supplement, name="answer_supplement"),
    path("ho-so-cua-toi/<str:code>/giay-xac-nhan.pdf", mine.receipt_pdf, name="receipt_pdf"),
    path("tep/<str:public_id>/", mine.file_view, name="file"),
]
