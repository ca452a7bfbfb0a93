# ruff: noqa: F811 — pytest fixtures imported from other test modules are redefined as parameters
"""Citizen accounts: register with a checked personal id, sign in and out, profile with a commune of the
province; a known applicant is linked only when the phone matches; officers keep their own login."""

from __future__ import annotations

import pytest

from congso.dossiers.tests.conftest import applicant, world  # noqa: F401
from congso.dossiers.tests.test_citizen import ID, PASSWORD, citizen_user, var_dir  # noqa: F401
from congso.identity.choices import Role
from congso.identity.models import Applicant, User
from congso.places.models import Commune

FORM = {
    "full_name": "  Nguyễn   Văn An ",
    "id_number": "056 090 001 234",
    "phone": "0905 123 456",
    "email": "an@example.vn",
    "password": PASSWORD,
    "password_again": PASSWORD,
}


def test_register_signs_in_and_links_the_applicant(client, db):
    response = client.post("/tai-khoan/dang-ky/", FORM)
    assert response.status_code == 302 and response.url == "/tai-khoan/"
    user = User.objects.get(username=ID)
    applicant = Applicant.objects.get(user=user)
    assert applicant.full_name == "Nguyễn Văn An" and applicant.phone == "0905123456"
    profile = client.get("/tai-khoan/")
    assert profile.status_code == 200 and ID in profile.text and "Hồ sơ của tôi" in profile.text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("id_number", "12345", "Số định danh cá nhân phải gồm đúng 12 chữ số."),
        ("id_number", "999090001234", "mã tỉnh nơi đăng ký khai sinh"),
        ("phone", "12ab", "Số điện thoại di động gồm 10 chữ số"),
        ("email", "khong-phai-email", "Địa chỉ thư điện tử không hợp lệ."),
        ("password_again", "khac", "Hai lần nhập mật khẩu không giống nhau."),
        ("password", "123", "Mật khẩu"),
    ],
)
def test_junk_registration_values_get_a_message_on_the_field(client, db, field, value, message):
    data = {**FORM, field: value}
    if field == "password":
        data["password_again"] = value
    response = client.post("/tai-khoan/dang-ky/", data)
    assert response.status_code == 400 and not User.objects.exists()
    assert f'id="id_{field}-loi"' in response.text and 'aria-invalid="true"' in response.text
    if field != "password":
        assert message in response.text


def test_a_known_applicant_is_linked_only_with_the_same_phone(client, applicant):
    wrong = client.post("/tai-khoan/dang-ky/", {**FORM, "phone": "0909999999"})
    assert wrong.status_code == 400 and "Không thể đăng ký tài khoản" in wrong.text
    assert not User.objects.filter(username=ID).exists()
    right = client.post("/tai-khoan/dang-ky/", FORM)
    assert right.status_code == 302
    applicant.refresh_from_db()
    assert applicant.user.username == ID
    again = client.post("/tai-khoan/dang-ky/", FORM)  # the same id twice
    assert again.status_code in (302, 400)
    assert User.objects.filter(username=ID).count() == 1


def test_sign_in_out_and_throttling(client, citizen_user):
    bad = client.post("/tai-khoan/dang-nhap/", {"id_number": ID, "password": "sai"})
    assert bad.status_code == 400 and "không đúng" in bad.text
    good = client.post("/tai-khoan/dang-nhap/?next=/ho-so-cua-toi/", {"id_number": ID, "password": PASSWORD})
    assert good.status_code == 302 and good.url == "/ho-so-cua-toi/"
    assert client.get("/ho-so-cua-toi/").status_code == 200
    assert client.post("/tai-khoan/dang-xuat/").status_code == 302
    assert client.get("/ho-so-cua-toi/").url.startswith("/tai-khoan/dang-nhap/?next=")
    evil = client.post(
        "/tai-khoan/dang-nhap/?next=https://evil.example/", {"id_number": ID, "password": PASSWORD}
    )
    assert evil.url == "/tai-khoan/"
    client.post("/tai-khoan/dang-xuat/")
    for _ in range(10):
        client.post("/tai-khoan/dang-nhap/", {"id_number": ID, "password": "sai"})
    locked = client.post("/tai-khoan/dang-nhap/", {"id_number": ID, "password": PASSWORD})
    assert locked.status_code == 400 and "quá nhiều lần" in locked.text


def test_officers_use_their_own_login(client, world):
    officer = world.officers[Role.RECEIVING_OFFICER].user
    response = client.post(
        "/tai-khoan/dang-nhap/", {"id_number": officer.username, "password": "x-Strong-Pass-1"}
    )
    assert response.status_code == 400
    client.force_login(officer)
    assert client.get("/ho-so-cua-toi/").status_code == 403


def test_profile_update_with_a_commune_of_the_province(client, world, citizen_user):
    nha_trang = Commune.objects.create(
        era="current",
        code="22333",
        name="Phường Nha Trang",
        short_name="Nha Trang",
        kind="phuong",
        province=world.province,
    )
    elsewhere = Commune.objects.create(
        era="current", code="99999", name="Xã Khác", short_name="Khác", kind="xa", province=world.other_province_agency.province,
    )  # fmt: skip
    client.force_login(citizen_user)
    page = client.get("/tai-khoan/")
    assert "Phường Nha Trang" in page.text and "Xã Khác" not in page.text
    junk = client.post("/tai-khoan/", {"phone": "0905123456", "commune": elsewhere.pk})
    assert junk.status_code == 400 and "Vui lòng chọn xã, phường trong danh sách." in junk.text
    saved = client.post(
        "/tai-khoan/",
        {"phone": "0912 345 678", "email": "", "address": "12 Trần Phú", "commune": nha_trang.pk},
    )
    assert saved.status_code == 200 and "Đã lưu" in saved.text
    row = citizen_user.applicants.get()
    assert (row.phone, row.address, row.commune) == ("0912345678", "12 Trần Phú", nha_trang)
