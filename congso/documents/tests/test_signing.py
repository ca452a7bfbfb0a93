"""Signing a result: a real form, stamped and signed as PAdES, stored outside the web root, verified.

Every test points VAR_DIR at its own temporary directory: the PKI and the file store never touch var/.
"""

from __future__ import annotations

import hashlib
import io
import stat

import pytest
import time_machine
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from congso.core.clock import vn
from congso.core.errors import Conflict, InvalidInput, NotFound
from congso.documents import forms, services
from congso.documents.models import SignatureLog, SignedDocument
from congso.documents.services import SigningUnavailable
from congso.documents.signing import FIELD_NAME, LocalCertificateSigner, Signer, SigningFailed, pki
from congso.documents.tests import pdfcheck, samples
from congso.identity.models import User

SIGNED_AT = vn(2026, 3, 10, 14, 30)
PUBLIC_URL = "https://dichvucong.khanhhoa.example"


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    settings.CONGSO_PUBLIC_URL = PUBLIC_URL
    return tmp_path


@pytest.fixture
def leader(db):
    return User.objects.create(username="lanhdao_stp", full_name="Lê Văn Bình")


def result_pdf() -> bytes:
    return forms.render_refusal(samples.refusal())


def sign(leader, pdf: bytes | None = None, **changes) -> SignedDocument:
    arguments = {
        "pdf": result_pdf() if pdf is None else pdf,
        "title": "Phiếu từ chối tiếp nhận hồ sơ 000.00.16.H56-260302-0001",
        "filename": "tu-choi.pdf",
        "signer_user": leader,
        "signer_name": "Lê Văn Bình",
        "agency_name": "Sở Tư pháp tỉnh Khánh Hòa",
        "reason": "Ký duyệt kết quả giải quyết thủ tục hành chính",
    } | changes
    with time_machine.travel(SIGNED_AT, tick=False):
        return services.sign_and_store(**arguments)


def stored_path(var_dir, document):
    return var_dir / "files" / document.file_path


def demo_root() -> ValidationContext:
    """Trust exactly the demo root, at the signing moment."""
    der = pki.ensure_root().certificate().public_bytes(serialization.Encoding.DER)
    return ValidationContext(trust_roots=[asn1_x509.Certificate.load(der)], moment=SIGNED_AT)


def append_update(pdf: bytes) -> bytes:
    """An incremental update that paints a red box over page 1: what a forger would append."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    box = writer.add_object(generic.StreamObject(stream_data=b"q 1 0 0 rg 40 40 200 60 re f Q"))
    writer.add_stream_to_page(0, box)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def flip_byte(pdf: bytes, at: int) -> bytes:
    return pdf[:at] + bytes([pdf[at] ^ 0x01]) + pdf[at + 1 :]


# --- signing -----------------------------------------------------------------------------------------


def test_a_signed_result_is_pades_and_validates_against_the_demo_root(var_dir, leader):
    document = sign(leader)
    signed = services.read_signed(document.public_id)
    reader = PdfFileReader(io.BytesIO(signed))
    [embedded] = reader.embedded_signatures
    assert embedded.field_name == FIELD_NAME
    assert embedded.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    # The chain travels with the signature: the verifier needs only the root it trusts.
    assert len(embedded.signed_data["certificates"]) == 2
    status = validate_pdf_signature(embedded, demo_root())
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    assert status.bottom_line
    assert embedded.signer_cert.subject.native["common_name"] == "Lê Văn Bình"
    assert embedded.signer_cert.subject.native["organization_name"] == "Sở Tư pháp tỉnh Khánh Hòa"


def test_the_record_describes_the_stored_file(var_dir, leader):
    document = sign(leader)
    path = stored_path(var_dir, document)
    data = path.read_bytes()
    assert path.is_relative_to(var_dir / "files" / "signed" / "2026" / "03")
    assert stat.S_IMODE(path.stat().st_mode) & 0o007 == 0  # not world-readable
    assert document.sha256 == hashlib.sha256(data).hexdigest() and document.size == len(data)
    assert len(document.public_id) >= 20 and document.public_id.replace("-", "").replace("_", "").isalnum()
    assert document.signed_at == SIGNED_AT
    assert document.province_code == "56"
    assert document.original_filename == "tu-choi.pdf"
    assert (
        "CN=Lê Văn Bình" in document.cert_subject and "O=Sở Tư pháp tỉnh Khánh Hòa" in document.cert_subject
    )
    [entry] = SignatureLog.objects.all()
    assert (entry.ok, entry.document, entry.user, entry.at) == (True, document, leader, SIGNED_AT)
    assert entry.sha256 == document.sha256 and entry.cert_serial == document.cert_serial


def test_the_qr_stamp_is_on_the_last_page_and_under_the_signature(var_dir, leader):
    document = sign(leader)
    signed = services.read_signed(document.public_id)
    url = services.qr_url(document.public_id)
    assert url == f"{PUBLIC_URL}/xac-thuc/{document.public_id}"
    assert pdfcheck.qr_payload_is(signed, url, page=-1)
    assert "Tra cứu, xác thực văn bản" in pdfcheck.text_of(signed)
    assert "Thủ tục thuộc thẩm quyền của UBND cấp xã" in pdfcheck.text_of(signed)  # the form itself
    pdfcheck.assert_only_embedded_fonts(signed)
    # The stamp is in the revision the signature covers: the signature covers the whole file.
    [embedded] = PdfFileReader(io.BytesIO(signed)).embedded_signatures
    start, _, second, length = (int(n) for n in embedded.byte_range)
    assert start == 0 and second + length == len(signed)


def test_one_certificate_per_leader_issued_on_demand_and_reused(var_dir, leader):
    first = sign(leader)
    second = sign(leader)
    other = sign(None, signer_name="Phạm Thị Hoa", agency_name="UBND phường Nha Trang")
    assert first.cert_serial == second.cert_serial != other.cert_serial
    assert other.signer is None
    assert len(list((var_dir / "pki" / "signers").iterdir())) == 2


def test_verify_a_good_document(var_dir, leader):
    document = sign(leader)
    result = services.verify(document.public_id)
    assert result.ok and result.unchanged and result.signature_ok and result.demo_certificate
    assert result.signature.pades and result.signature.whole_file
    assert result.upload is None


# --- tampering -------------------------------------------------------------------------------------


def test_a_flipped_byte_in_the_store_is_detected(var_dir, leader):
    document = sign(leader)
    path = stored_path(var_dir, document)
    data = path.read_bytes()
    path.write_bytes(flip_byte(data, len(data) // 3))
    result = services.verify(document.public_id)
    assert not result.ok and not result.unchanged and not result.signature.intact
    with pytest.raises(Conflict):
        services.read_signed(document.public_id)


def test_an_appended_incremental_update_is_detected(var_dir, leader):
    document = sign(leader)
    path = stored_path(var_dir, document)
    forged = append_update(path.read_bytes())
    path.write_bytes(forged)
    result = services.verify(document.public_id)
    assert not result.ok and not result.unchanged
    assert result.signature.intact and not result.signature.whole_file  # the signed revision holds…
    [embedded] = PdfFileReader(io.BytesIO(forged)).embedded_signatures
    status = validate_pdf_signature(embedded, demo_root())
    assert status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
    assert not status.bottom_line  # …but pyHanko sees the painted box as an unpermitted change


def test_a_missing_file_is_reported_not_raised(var_dir, leader):
    document = sign(leader)
    stored_path(var_dir, document).unlink()
    result = services.verify(document.public_id)
    assert not result.ok and not result.stored
    with pytest.raises(NotFound):
        services.read_signed(document.public_id)


def test_an_untrusted_root_fails_the_signature(var_dir, leader):
    document = sign(leader)
    for trusted in (var_dir / "pki" / "trust").iterdir():
        trusted.unlink()
    result = services.verify(document.public_id)
    assert result.unchanged and not result.signature.trusted and not result.ok


# --- uploads and inputs --------------------------------------------------------------------------


def test_an_upload_is_compared_byte_for_byte(var_dir, leader):
    document = sign(leader)
    original = services.read_signed(document.public_id)
    assert services.verify(document.public_id, original).upload.matches
    assert not services.verify(document.public_id, result_pdf()).upload.matches
    assert not services.verify(document.public_id, append_update(original)).upload.matches


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        (PNG, "not_a_pdf"),
        (bytes(range(256)) * 8, "not_a_pdf"),
        (b"", "not_a_pdf"),
        (b"%PDF-1.7\n% nothing else\n", "not_a_pdf"),
        (None, "not_a_pdf"),  # a real PDF cut in half
        (b"%PDF-1.4\n" + b"0" * (20 * 1024 * 1024), "file_too_large"),
    ],
    ids=["png", "random", "empty", "header-only", "truncated", "oversized"],
)
def test_anything_but_a_pdf_is_refused_and_nothing_is_saved(var_dir, leader, payload, code):
    if payload is None:
        whole = result_pdf()
        payload = whole[: len(whole) // 2]
    with pytest.raises(InvalidInput) as err:
        sign(leader, payload)
    assert err.value.code == code
    if code == "not_a_pdf":
        assert err.value.message == "Tệp kết quả phải là tệp PDF hợp lệ."
    assert not SignedDocument.objects.exists() and not SignatureLog.objects.exists()
    assert not (var_dir / "files").exists()
    document = sign(leader)
    with pytest.raises(InvalidInput):  # the same check guards the public page's upload
        services.verify(document.public_id, payload)


def test_an_already_signed_pdf_is_refused(var_dir, leader):
    document = sign(leader)
    with pytest.raises(InvalidInput) as err:
        sign(leader, services.read_signed(document.public_id))
    assert err.value.code == "already_signed"
    assert SignedDocument.objects.count() == 1


def test_unknown_or_malformed_ids_are_not_found(var_dir, db):
    for public_id in ["A" * 22, "../../etc/passwd", "", "x" * 200]:
        with pytest.raises(NotFound):
            services.verify(public_id)


# --- the signer seam and the log -------------------------------------------------------------------


class BrokenToken:
    """A signer whose token was pulled out: it has a certificate but cannot sign."""

    def __init__(self, inner: LocalCertificateSigner):
        self.inner = inner

    def certificate(self):
        return self.inner.certificate()

    def sign(self, pdf_bytes, *, signer_name, reason, location):
        raise SigningFailed("token removed")


class Forgetful(BrokenToken):
    """A signer that returns the file unsigned: the post-signing check must catch it."""

    def sign(self, pdf_bytes, *, signer_name, reason, location):
        return pdf_bytes


@pytest.mark.parametrize("kind", [BrokenToken, Forgetful])
def test_a_failing_signer_is_logged_and_nothing_is_published(var_dir, leader, kind):
    inner = LocalCertificateSigner.for_leader(full_name="Lê Văn Bình", agency_name="Sở Tư pháp")
    signer = kind(inner)
    assert isinstance(signer, Signer) and isinstance(inner, Signer)
    with pytest.raises(SigningUnavailable) as err:
        sign(leader, signer=signer)
    assert err.value.status == 503 and "Chưa ký số được" in err.value.message
    assert not SignedDocument.objects.exists()
    [entry] = SignatureLog.objects.all()
    assert not entry.ok and entry.document is None and entry.error and entry.user == leader
    assert not (var_dir / "files").exists() or not any((var_dir / "files").rglob("*.pdf"))


def test_signature_log_and_records_are_append_only(var_dir, leader):
    document = sign(leader)
    entry = SignatureLog.objects.get()
    for row in (entry, document):
        with pytest.raises(RuntimeError):
            row.save()
        with pytest.raises(RuntimeError):
            row.delete()


def test_qr_url_follows_the_setting_at_call_time(settings):
    settings.CONGSO_PUBLIC_URL = "https://a.example/"
    assert services.qr_url("abc") == "https://a.example/xac-thuc/abc"
