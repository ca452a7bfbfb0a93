"""The public verification page a signed result's QR code opens: anyone, no login, Vietnamese."""

from __future__ import annotations

import hashlib
import html
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from congso.documents import services
from congso.documents.models import SignatureLog, SignedDocument
from congso.documents.signing import MAX_PDF_BYTES
from congso.portal.tests.conftest import append_update, flip_byte, result_pdf, stored_path

VALID = "Chữ ký số hợp lệ"
UNCHANGED = "Văn bản không bị thay đổi kể từ khi được ký."
CHANGED = "Văn bản đã bị thay đổi sau khi ký."
BAD_SIGNATURE = "Chữ ký số không hợp lệ"
NOT_A_PDF = "Tệp bạn chọn không phải là tệp PDF hợp lệ."


def page_url(document) -> str:
    return f"/xac-thuc/{document.public_id}/"


def text(response) -> str:
    """The page's visible text, tags stripped and whitespace folded, for plain assertions."""
    body = re.sub(r"<style.*?</style>|<[^>]+>", " ", response.content.decode())
    return re.sub(r"\s+", " ", html.unescape(body))


def upload(client, document, name: str, data: bytes, content_type="application/pdf"):
    return client.post(page_url(document), {"tep": SimpleUploadedFile(name, data, content_type=content_type)})


def assert_nothing_new_stored(var_dir):
    assert SignedDocument.objects.count() == 1 and SignatureLog.objects.count() == 1
    assert [p.name for p in (var_dir / "files").rglob("*") if p.is_file()] == [
        p.name for p in (var_dir / "files").rglob("*.pdf")
    ]
    assert len(list((var_dir / "files").rglob("*.pdf"))) == 1


def test_anyone_sees_a_valid_signature_with_signer_time_title_and_hash(client, signed):
    response = client.get(page_url(signed))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    shown = text(response)
    for expected in [
        "Xác thực văn bản điện tử",
        VALID,
        UNCHANGED,
        "Người ký Lê Văn Bình",
        "Cơ quan Sở Tư pháp tỉnh Khánh Hòa",
        "Thời điểm ký 10/03/2026 14:30 (giờ Việt Nam)",
        "Tên văn bản Phiếu từ chối tiếp nhận hồ sơ 000.00.16.H56-260302-0001",
        f"Mã băm SHA-256 {signed.sha256}",
        "Chứng thư số Cấp cho Lê Văn Bình, Sở Tư pháp tỉnh Khánh Hòa",
        "Tổ chức cấp: congso Demo CA — KHÔNG dùng cho văn bản thật",
        "chứng thư số thử nghiệm",  # honest about the demo CA
        "Tải văn bản đã ký (PDF)",
        "Đối chiếu tệp bạn đang có",
    ]:
        assert expected in shown, expected
    assert CHANGED not in shown and BAD_SIGNATURE not in shown
    assert f'href="/xac-thuc/{signed.public_id}/tai-ve.pdf"' in response.content.decode()


def test_the_qr_link_reaches_the_page(client, signed):
    url = services.qr_url(signed.public_id)
    path = url.removeprefix("https://dichvucong.khanhhoa.example")
    assert path == f"/xac-thuc/{signed.public_id}"
    response = client.get(path, follow=True)
    assert response.status_code == 200 and VALID in text(response)


def test_the_download_streams_the_signed_file(client, signed):
    response = client.get(f"/xac-thuc/{signed.public_id}/tai-ve.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="tu-choi.pdf"'
    data = b"".join(response.streaming_content)
    assert hashlib.sha256(data).hexdigest() == signed.sha256


def test_a_flipped_byte_on_the_server_shows_as_changed_and_is_not_served(client, signed, var_dir):
    path = stored_path(var_dir, signed)
    data = path.read_bytes()
    path.write_bytes(flip_byte(data, len(data) // 2))
    response = client.get(page_url(signed))
    shown = text(response)
    assert response.status_code == 200
    assert CHANGED in shown and BAD_SIGNATURE in shown and VALID not in shown.replace(BAD_SIGNATURE, "")
    assert "Tải văn bản đã ký" not in shown
    assert "tổ chức tin cậy" not in shown  # a broken signature is not a trust problem
    download = client.get(f"/xac-thuc/{signed.public_id}/tai-ve.pdf")
    assert download.status_code == 409 and "đã bị thay đổi" in text(download)


def test_an_appended_update_shows_as_changed(client, signed, var_dir):
    path = stored_path(var_dir, signed)
    path.write_bytes(append_update(path.read_bytes()))
    shown = text(client.get(page_url(signed)))
    assert CHANGED in shown and "Cảnh báo: văn bản không hợp lệ" in shown


def test_a_certificate_from_an_untrusted_ca_is_named_as_such(client, signed, var_dir):
    for trusted in (var_dir / "pki" / "trust").iterdir():
        trusted.unlink()
    shown = text(client.get(page_url(signed)))
    assert UNCHANGED not in shown and "Văn bản đã bị thay đổi" not in shown
    assert "Chữ ký số không hợp lệ (chứng thư số không do tổ chức tin cậy cấp hoặc đã hết hiệu lực)." in shown


def test_uploading_the_same_file_matches_and_another_does_not(client, signed, var_dir):
    original = services.read_signed(signed.public_id)
    same = upload(client, signed, "ket-qua.pdf", original)
    assert same.status_code == 200 and "Tệp bạn tải lên trùng khớp với văn bản đã ký." in text(same)
    other = upload(client, signed, "khac.pdf", result_pdf())
    assert other.status_code == 200 and "không trùng khớp" in text(other)
    forged = upload(client, signed, "sua.pdf", append_update(original))
    assert "không trùng khớp" in text(forged) and VALID in text(forged)  # the stored original is fine
    assert_nothing_new_stored(var_dir)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 200


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("anh.pdf", PNG, NOT_A_PDF),
        ("ngau-nhien.pdf", bytes(range(256)) * 40, NOT_A_PDF),
        ("rong.pdf", b"", NOT_A_PDF),
        ("lon.pdf", b"%PDF-1.7\n" + b"0" * MAX_PDF_BYTES, "vượt quá dung lượng cho phép"),
    ],
    ids=["png-renamed", "random", "empty", "oversized"],
)
def test_a_bad_upload_gets_a_clear_message_and_nothing_is_stored(
    client, signed, var_dir, name, data, message
):
    response = upload(client, signed, name, data)
    assert response.status_code == 400
    shown = text(response)
    assert message in shown
    assert VALID in shown  # the document's own verdict is still shown
    assert "trùng khớp" not in shown
    assert_nothing_new_stored(var_dir)


def test_posting_without_a_file_asks_for_one(client, signed):
    response = client.post(page_url(signed), {})
    assert response.status_code == 400 and "Vui lòng chọn tệp PDF cần đối chiếu." in text(response)


def test_the_form_works_with_csrf_checks_on(signed):
    client = Client(enforce_csrf_checks=True)
    page = client.get(page_url(signed))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    original = services.read_signed(signed.public_id)
    response = client.post(
        page_url(signed),
        {"csrfmiddlewaretoken": token, "tep": SimpleUploadedFile("a.pdf", original, "application/pdf")},
    )
    assert response.status_code == 200 and "trùng khớp" in text(response)


@pytest.mark.parametrize("public_id", ["A" * 22, "abc.def", "x" * 300, "%2E%2E", "tai-ve.pdf"])
def test_an_unknown_id_is_a_plain_vietnamese_404(client, var_dir, db, public_id):
    for url in (f"/xac-thuc/{public_id}/", f"/xac-thuc/{public_id}/tai-ve.pdf"):
        response = client.get(url)
        assert response.status_code == 404, url
        shown = text(response)
        assert "Không tìm thấy văn bản với mã xác thực này." in shown
        for leak in ("Traceback", "DoesNotExist", "Page not found", "urlpatterns", "SignedDocument"):
            assert leak not in response.content.decode()
