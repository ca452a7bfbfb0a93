"""Sign a result PDF, keep it, and let anyone verify it (domain.md §11).

`sign_and_store` checks the input is a PDF by content, stamps the QR code of the public verification
page on its last page, has the signer add a PAdES signature, checks the signature it got back, stores
the file outside the web root and writes the `SignedDocument` row and the append-only `SignatureLog`
row in one transaction. `verify` answers the public page's questions; `read_signed`/`open_signed`
give the stored bytes. Who may sign what is the caller's decision (the dossier's permissions):
this capability knows documents and signers, not dossiers.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import transaction

from congso.core import clock
from congso.core.errors import Conflict, DomainError, InvalidInput, NotFound
from congso.documents.models import SignatureLog, SignedDocument, new_public_id
from congso.documents.signing import (
    LocalCertificateSigner,
    SignatureCheck,
    Signer,
    SigningFailed,
    check_signature,
    ensure_pdf,
    pki,
    stamp_qr,
)
from congso.identity.models import User
from congso.places.choices import Era
from congso.places.models import Province

log = logging.getLogger("congso.documents.signing")

PUBLIC_ID = re.compile(r"^[A-Za-z0-9_-]{16,32}$")
NOT_FOUND = ("signed_document_not_found", "Không tìm thấy văn bản với mã xác thực này.")


class SigningUnavailable(DomainError):
    """The signer failed (no key, token, gateway); nothing was stored. Try again or call an admin."""

    status = 503


@dataclass(frozen=True)
class UploadCheck:
    matches: bool  # byte-identical to the signed original
    sha256: str
    size: int


@dataclass(frozen=True)
class Verification:
    document: SignedDocument
    stored: bool  # the signed file is still in the store
    unchanged: bool  # the stored file hashes to the sha256 recorded when it was signed
    signature: SignatureCheck
    certificate_matches: bool  # the signature is by the certificate recorded when it was signed
    upload: UploadCheck | None = None

    @property
    def signature_ok(self) -> bool:
        return self.signature.ok and self.certificate_matches

    @property
    def ok(self) -> bool:
        return self.stored and self.unchanged and self.signature_ok

    @property
    def demo_certificate(self) -> bool:
        """Signed with the demo CA: technically valid, legally worthless (the page says so)."""
        return pki.ROOT_NAME in self.signature.issuer


def qr_url(public_id: str) -> str:
    """The public verification page of a signed document: what its QR code encodes."""
    return f"{settings.CONGSO_PUBLIC_URL.rstrip('/')}/xac-thuc/{public_id}"


def sign_and_store(
    *,
    pdf: bytes,
    title: str,
    filename: str,
    signer_user: User | None,
    signer_name: str,
    agency_name: str,
    reason: str,
    province_code: str = "",
    location: str = "",
    signer: Signer | None = None,
) -> SignedDocument:
    """Stamp, sign (PAdES) and store `pdf`; return the published record.

    Raises InvalidInput (`not_a_pdf`, `file_too_large`, `already_signed`, `title_required`) before
    anything is written, and SigningUnavailable (with a failed SignatureLog row) if signing fails.
    `signer` defaults to the leader's demo certificate (`LocalCertificateSigner`).
    """
    facts = ensure_pdf(pdf)
    if facts.signatures:
        # Stamping after someone else's signature would break it (an unpermitted change after signing).
        raise InvalidInput("already_signed", "Tệp đã có chữ ký số; chỉ ký số tệp PDF chưa được ký.")
    title, signer_name, agency_name = (
        title.strip()[:255],
        signer_name.strip()[:200],
        agency_name.strip()[:255],
    )
    if not title:
        raise InvalidInput("title_required", "Vui lòng nhập tên văn bản.", fields={"title": "Bắt buộc."})
    if not signer_name:
        raise InvalidInput("signer_required", "Thiếu họ tên người ký.", fields={"signer_name": "Bắt buộc."})
    province_code = province_code or settings.CONGSO_PROVINCE_CODE
    public_id = new_public_id()
    moment = clock.now()
    attempt = {
        "province_code": province_code,
        "user": signer_user,
        "signer_name": signer_name,
        "agency_name": agency_name,
        "title": title,
    }
    cert_serial = ""
    try:
        if signer is None:
            signer = LocalCertificateSigner.for_leader(
                full_name=signer_name,
                agency_name=agency_name,
                user_id=signer_user.pk if signer_user else None,
            )
        cert = signer.certificate()
        cert_serial = format(cert.serial_number, "x")
        stamped = stamp_qr(pdf, qr_url(public_id))
        signed = signer.sign(
            stamped,
            signer_name=signer_name,
            reason=reason,
            location=location or _place(province_code),
        )
        # Check what came back before publishing it: a result whose QR page would say "invalid"
        # must never reach a citizen.
        check = check_signature(signed, moment=moment)
        if not (check.ok and check.serial == cert_serial):
            raise SigningFailed(f"the signed file does not verify: {check}")
    except Exception as exc:  # token, gateway, key file or PDF library: one answer for the caller
        SignatureLog.objects.create(
            at=clock.now(), ok=False, error=str(exc)[:2000], cert_serial=cert_serial, **attempt
        )
        log.warning("signing failed for %s (%s): %s", signer_name, title, exc)
        raise SigningUnavailable(
            "signing_failed", "Chưa ký số được văn bản. Vui lòng thử lại hoặc liên hệ quản trị hệ thống."
        ) from exc

    digest = hashlib.sha256(signed).hexdigest()
    relative = f"signed/{clock.local(moment):%Y/%m}/{public_id}.pdf"
    path = _files_root() / relative
    _write(path, signed)
    try:
        with transaction.atomic():
            document = SignedDocument.objects.create(
                public_id=public_id,
                province_code=province_code,
                title=title,
                original_filename=_clean_filename(filename),
                sha256=digest,
                size=len(signed),
                file_path=relative,
                signer=signer_user,
                signer_name=signer_name,
                agency_name=agency_name,
                cert_subject=cert.subject.rfc4514_string()[:500],
                cert_serial=cert_serial,
                signed_at=moment,
                reason=reason[:255],
            )
            SignatureLog.objects.create(
                at=moment, ok=True, document=document, cert_serial=cert_serial, sha256=digest, **attempt
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    log.info(
        "signed %s by %s (%s), certificate %s, sha256 %s",
        public_id,
        signer_name,
        agency_name,
        cert_serial,
        digest,
    )
    return document


def verify(public_id: str, uploaded_bytes: bytes | None = None) -> Verification:
    """Is the stored document intact and its signature valid? Is `uploaded_bytes` the same file?

    Raises NotFound for an unknown id and InvalidInput when `uploaded_bytes` is not a PDF (the upload
    is checked in memory and never stored).
    """
    document = _get(public_id)
    upload = None
    if uploaded_bytes is not None:
        ensure_pdf(uploaded_bytes)
        digest = hashlib.sha256(uploaded_bytes).hexdigest()
        upload = UploadCheck(
            matches=hmac.compare_digest(digest, document.sha256), sha256=digest, size=len(uploaded_bytes)
        )
    try:
        data = _path(document).read_bytes()
    except OSError:
        log.error("signed document %s: stored file missing or unreadable", document.public_id)
        return Verification(document, False, False, SignatureCheck(found=False), False, upload)
    unchanged = hmac.compare_digest(hashlib.sha256(data).hexdigest(), document.sha256)
    check = check_signature(data, moment=document.signed_at)
    if not (unchanged and check.ok):
        log.warning(
            "signed document %s does not verify: unchanged=%s %s", document.public_id, unchanged, check
        )
    return Verification(
        document=document,
        stored=True,
        unchanged=unchanged,
        signature=check,
        certificate_matches=check.serial == document.cert_serial,
        upload=upload,
    )


def read_signed(public_id: str) -> bytes:
    """The signed PDF exactly as stored (NotFound, or Conflict if it no longer matches its hash)."""
    with open_signed(public_id)[1] as handle:
        return handle.read()


def open_signed(public_id: str) -> tuple[SignedDocument, BinaryIO]:
    """The record and an open handle, at offset 0, on the stored signed PDF (the caller closes it).

    The file is hashed first: a copy altered on the server is never handed out under the province's
    name (the verification page says it was changed instead)."""
    document = _get(public_id)
    try:
        handle = _path(document).open("rb")
    except OSError as exc:
        log.error("signed document %s: stored file missing or unreadable", document.public_id)
        raise NotFound(*NOT_FOUND) from exc
    if not hmac.compare_digest(hashlib.file_digest(handle, "sha256").hexdigest(), document.sha256):
        handle.close()
        log.error("signed document %s: stored file changed since signing", document.public_id)
        raise Conflict("signed_document_changed", "Văn bản lưu trữ đã bị thay đổi sau khi ký.")
    handle.seek(0)
    return document, handle


def download_name(document: SignedDocument) -> str:
    name = document.original_filename or f"{document.public_id}.pdf"
    return name if name.lower().endswith(".pdf") else f"{name}.pdf"


def _get(public_id: str) -> SignedDocument:
    if not PUBLIC_ID.match(public_id or ""):
        raise NotFound(*NOT_FOUND)
    try:
        return SignedDocument.objects.get(public_id=public_id)
    except SignedDocument.DoesNotExist as exc:
        raise NotFound(*NOT_FOUND) from exc


def _files_root() -> Path:
    # Read at call time (not settings.MEDIA_ROOT, computed once at import) so tests can move VAR_DIR.
    return Path(settings.VAR_DIR) / "files"


def _path(document: SignedDocument) -> Path:
    root = _files_root().resolve()
    path = (root / document.file_path).resolve()
    if not path.is_relative_to(root):  # a tampered row must not read outside the store
        raise OSError(f"path outside the file store: {document.file_path}")
    return path


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o750)
    tmp = path.with_name(f".{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _clean_filename(filename: str) -> str:
    name = Path((filename or "").replace("\\", "/")).name
    return "".join(ch for ch in name if ch.isprintable())[:255]


def _place(province_code: str) -> str:
    province = Province.objects.filter(code=province_code, era=Era.CURRENT).first()
    return province.name if province else "Việt Nam"
