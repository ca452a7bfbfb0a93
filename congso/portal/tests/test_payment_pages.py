"""Citizen payment pages: proof of ownership, online payment through the fake platform and its
CONFIRM endpoint, VietQR, receipts; junk never gives a 500."""

from __future__ import annotations

import hashlib
import io
from urllib.parse import parse_qsl, urlparse

import pytest
import time_machine
from django.core.cache import cache
from pypdf import PdfReader

from congso.catalog.models import FeeLine
from congso.core.clock import vn
from congso.dossiers import services
from congso.identity.choices import Role
from congso.payments import vietqr
from congso.payments.choices import FeeState, Outcome
from congso.payments.models import FeeObligation, PaymentTransaction, Receipt
from congso.portal.payment import payment_adapter

PHONE = "0905123456"


def reply_verifies(reply: dict) -> bool:
    # Independent of the adapter: SHA-256 of MaLoi|MaDoiTac|MaThamChieu|secret (domain.md §8).
    text = "|".join([reply["MaLoi"], reply["MaDoiTac"], reply["MaThamChieu"], "demo-secret"])
    return hashlib.sha256(text.encode()).hexdigest() == reply["MaXacThuc"]


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def dossier(world, applicant):
    version = world.procedure.current_version
    FeeLine.objects.create(
        version=version, order=1, kind="phi", description="Phí thẩm định", amount_vnd=1200000
    )
    FeeLine.objects.create(
        version=version, order=2, kind="le_phi", description="Lệ phí cấp", amount_vnd=50000
    )
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        return services.receive_at_counter(
            actor=world.officers[Role.RECEIVING_OFFICER].user,
            agency=world.justice,
            procedure_code="1.001622",
            applicant=applicant,
        )


def proven(client, dossier):
    page = client.post(f"/thanh-toan/{dossier.code}/", {"secret": PHONE})
    assert page.status_code == 302
    return client


def test_fees_need_the_phone_or_id(client, dossier):
    page = client.get(f"/thanh-toan/{dossier.code}/")
    assert page.status_code == 200 and "số điện thoại" in page.text and "1.200.000 đ" not in page.text
    wrong = client.post(f"/thanh-toan/{dossier.code}/", {"secret": "0909999999"})
    assert "không khớp" in wrong.text and "1.200.000 đ" not in wrong.text
    proven(client, dossier)
    page = client.get(f"/thanh-toan/{dossier.code}/")
    assert (
        "1.200.000 đ" in page.text
        and "Thanh toán trực tuyến" in page.text
        and "Chuyển khoản VietQR" in page.text
    )
    assert client.get(f"/danh-gia/{dossier.code}/").status_code == 200  # the proof covers rating too


def test_online_payment_round_trip(client, dossier):
    proven(client, dossier)
    start = client.post(f"/thanh-toan/{dossier.code}/", {"method": "truc-tuyen"})
    assert start.status_code == 302 and start.url.startswith("/thanh-toan/gia-lap/")
    fake_page = client.get(start.url)
    assert "1.250.000 đ" in fake_page.text and dossier.code in fake_page.text and "Thất bại" in fake_page.text
    back = client.post(start.url, {"choice": "success"})
    assert back.status_code == 302 and back.url.startswith("/thanh-toan/ket-qua/?")
    result = client.get(back.url)
    assert result.status_code == 200 and "thành công" in result.text
    obligation = FeeObligation.objects.get()
    assert obligation.state == FeeState.PAID and Receipt.objects.count() == 2
    # The platform's server-to-server CONFIRM arriving after the browser: a duplicate, signed reply.
    confirm = dict(parse_qsl(urlparse(back.url).query))
    reply = client.post("/thanh-toan/ket-qua/", confirm)
    assert reply.json()["MaLoi"] == "00" and reply_verifies(reply.json())
    assert PaymentTransaction.objects.filter(kind="duplicate").count() == 1
    page = client.get(f"/thanh-toan/{dossier.code}/")
    assert "Đã thanh toán" in page.text and "Thanh toán trực tuyến" not in page.text
    receipt = Receipt.objects.get(kind="le_phi")
    pdf = client.get(f"/thanh-toan/{dossier.code}/bien-lai/{receipt.number}.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert "50.000 đ" in PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()


def test_cancel_leaves_it_payable(client, dossier):
    proven(client, dossier)
    start = client.post(f"/thanh-toan/{dossier.code}/", {"method": "truc-tuyen"})
    result = client.get(client.post(start.url, {"choice": "cancelled"}).url)
    assert "hủy thanh toán" in result.text
    assert FeeObligation.objects.get().state == FeeState.UNPAID
    assert "Thanh toán trực tuyến" in client.get(f"/thanh-toan/{dossier.code}/").text


def test_tampered_confirm_is_refused_with_a_vietnamese_message(client, dossier):
    proven(client, dossier)
    start = client.post(f"/thanh-toan/{dossier.code}/", {"method": "truc-tuyen"})
    ref = start.url.rstrip("/").rsplit("/", 1)[-1]
    forged = {**payment_adapter().get_gateway().complete(ref, "success"), "SoTien": "1000"}
    reply = client.post("/thanh-toan/ket-qua/", forged).json()
    assert reply["MaLoi"] == "01" and reply_verifies(reply)
    page = client.get("/thanh-toan/ket-qua/", forged)
    assert page.status_code == 200 and "không hợp lệ" in page.text
    assert FeeObligation.objects.get().state == FeeState.AWAITING
    assert PaymentTransaction.objects.filter(kind=Outcome.TAMPERED).count() == 2


def test_vietqr_page_shows_a_valid_payload(client, dossier):
    proven(client, dossier)
    go = client.post(f"/thanh-toan/{dossier.code}/", {"method": "vietqr"})
    assert go.status_code == 302 and go.url.endswith("/vietqr/")
    page = client.get(go.url)
    assert page.status_code == 200 and "<svg" in page.text and "1.250.000 đ" in page.text
    payload = page.context["payload"]
    fields = vietqr.parse(payload)
    assert fields["54"] == "1250000" and dossier.code in fields["62"]


def test_receipts_and_pages_are_private(client, dossier):
    assert client.get(f"/thanh-toan/{dossier.code}/vietqr/").status_code == 302
    assert client.get(f"/thanh-toan/{dossier.code}/bien-lai/LP-2026-0000001.pdf").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/thanh-toan/%F0%9F%98%80/",
        "/thanh-toan/%00/",
        "/danh-gia/%00/",
        "/thanh-toan/gia-lap/%00/",
        "/thanh-toan/%00/bien-lai/%00.pdf",
        "/thanh-toan/" + "x" * 3000 + "/",
        "/thanh-toan/gia-lap/khong-co/",
        "/thanh-toan/ket-qua/",
        "/thanh-toan/ket-qua/?MaThamChieu=%00&SoTien=abc&MaXacThuc=zz",
        "/thanh-toan/X/bien-lai/..%2F..%2Fetc.pdf",
        "/danh-gia/KHONG-CO/",
    ],
)
def test_junk_never_errors(client, db, path):
    assert client.get(path).status_code in (200, 302, 400, 404)  # 400: NUL characters are refused at the door
    assert client.post(
        path, {"secret": "😀" * 30, "method": "x", "choice": "y", "MaLoi": "00"}
    ).status_code in (200, 302, 400, 404)


def test_junk_methods_once_proven(client, dossier):
    proven(client, dossier)
    for data in ({"method": "bitcoin"}, {}, {"method": "truc-tuyen" * 50}):
        page = client.post(f"/thanh-toan/{dossier.code}/", data)
        assert page.status_code == 200 and "Vui lòng chọn hình thức thanh toán" in page.text
