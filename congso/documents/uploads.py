"""Files citizens upload with a dossier (scans of its components) and with a supplement.

Decree 45/2020/NĐ-CP lets the applicant send the components of an online dossier as electronic copies
(scans, photos); Decree 42/2022/NĐ-CP asks the portal to keep them safe. So every upload is:

- limited to `MAX_UPLOAD_BYTES`, checked before and while reading (a client may lie about the size);
- typed from its first bytes, never from its name or the browser's Content-Type: only PDF, JPEG and
  PNG, so an executable or an HTML page renamed ".pdf" is refused before anything is written;
- stored under `VAR_DIR / "files" / "uploads"` (outside the web root, read at call time so tests can
  move it) with its sha256, and handed out only through a view that checks who asks.

This capability knows files and owners, not dossiers: the dossier side links a file to
`subject="dossier:<code>"`, a component name and a purpose (`congso.dossiers.citizen`).
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import IO, BinaryIO

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet

from congso.core import clock
from congso.core.errors import Conflict, InvalidInput, NotFound
from congso.documents.models import StoredFile, UploadPurpose, new_public_id
from congso.documents.services import PUBLIC_ID, _clean_filename, _files_root, _write
from congso.identity.models import User

log = logging.getLogger("congso.documents.uploads")

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_UPLOAD_MB = MAX_UPLOAD_BYTES // (1024 * 1024)
# Magic numbers: what the file is, whatever it is called.
_SIGNATURES: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
)
NOT_ALLOWED = ("file_type_not_allowed", "Chỉ nhận tệp PDF, JPEG hoặc PNG.")
FILE_NOT_FOUND = ("file_not_found", "Không tìm thấy tệp.")


def detect_type(head: bytes) -> tuple[str, str] | None:
    """(content type, extension) of the data from its first bytes, or None if not an accepted type."""
    for magic, content_type, extension in _SIGNATURES:
        if head.startswith(magic):
            return content_type, extension
    return None


def too_large_message(filename: str) -> str:
    name = _clean_filename(filename) or "đã chọn"
    return (
        f"Tệp “{name}” lớn hơn {MAX_UPLOAD_MB} MB, vượt quá dung lượng cho phép. Vui lòng chọn tệp nhỏ hơn."
    )


def store_upload(
    *, owner: User, filename: str, stream: IO[bytes], size: int | None = None, province_code: str = ""
) -> StoredFile:
    """Check and keep one uploaded file; raise InvalidInput (file_too_large, empty_file,
    file_type_not_allowed) before anything is written. The file is not linked to anything yet."""
    if size is not None and size > MAX_UPLOAD_BYTES:  # before reading a byte of it
        raise InvalidInput("file_too_large", too_large_message(filename), fields={"file": "quá lớn"})
    data = stream.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidInput("file_too_large", too_large_message(filename), fields={"file": "quá lớn"})
    if not data:
        raise InvalidInput("empty_file", "Tệp đã chọn không có nội dung.", fields={"file": "tệp rỗng"})
    detected = detect_type(data[:16])
    if detected is None:
        raise InvalidInput(*NOT_ALLOWED, fields={"file": "chỉ nhận PDF, JPEG, PNG"})
    content_type, extension = detected
    public_id = new_public_id()
    moment = clock.now()
    relative = f"uploads/{clock.local(moment):%Y/%m}/{public_id}.{extension}"
    path = _files_root() / relative
    _write(path, data)
    try:
        with transaction.atomic():
            return StoredFile.objects.create(
                public_id=public_id,
                province_code=province_code or settings.CONGSO_PROVINCE_CODE,
                owner=owner,
                original_name=_clean_filename(filename)[:255],
                content_type=content_type,
                size=len(data),
                sha256=hashlib.sha256(data).hexdigest(),
                file_path=relative,
                uploaded_at=moment,
            )
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def get_file(public_id: str) -> StoredFile:
    if not PUBLIC_ID.match(public_id or ""):
        raise NotFound(*FILE_NOT_FOUND)
    stored = StoredFile.objects.select_related("owner").filter(public_id=public_id).first()
    if stored is None:
        raise NotFound(*FILE_NOT_FOUND)
    return stored


def loose_files(owner: User, public_ids: Iterable[str]) -> dict[str, StoredFile]:
    """The owner's files among `public_ids` that are not linked to anything yet (a draft's files)."""
    ids = [p for p in public_ids if p]
    rows = StoredFile.objects.filter(owner=owner, subject="", public_id__in=ids)
    return {f.public_id: f for f in rows}


@transaction.atomic
def attach(stored: StoredFile, *, owner: User, subject: str, component: str, purpose: str) -> StoredFile:
    """Link the owner's loose file to a subject; a file is linked once and never moved afterwards."""
    if purpose not in UploadPurpose.values:
        raise InvalidInput("invalid_purpose", "Mục đích tải tệp không hợp lệ.")
    locked = StoredFile.objects.select_for_update().filter(pk=stored.pk).first()
    if locked is None or locked.owner_id != owner.pk or locked.subject:
        raise InvalidInput(
            "file_not_available", "Tệp không còn dùng được; vui lòng tải lại tệp.", fields={"file": "tải lại"}
        )
    locked.subject = subject[:80]
    locked.component = (component or "")[:500]
    locked.purpose = purpose
    locked.attached_at = clock.now()
    locked.save(update_fields=["subject", "component", "purpose", "attached_at"])
    return locked


def files_for(subject: str) -> QuerySet[StoredFile]:
    return StoredFile.objects.filter(subject=subject).order_by("uploaded_at", "id")


def discard(stored: StoredFile) -> None:
    """Forget a loose file (replaced in a draft). A linked file is part of a dossier: never deleted."""
    if stored.subject:
        raise Conflict("file_attached", "Tệp đã nộp kèm hồ sơ, không được xóa.")
    path = _path(stored)
    StoredFile.objects.filter(pk=stored.pk, subject="").delete()
    path.unlink(missing_ok=True)


def open_file(stored: StoredFile) -> BinaryIO:
    """An open handle, at offset 0, on the stored bytes, checked against the recorded sha256."""
    try:
        handle = _path(stored).open("rb")
    except OSError as exc:
        log.error("uploaded file %s: stored file missing or unreadable", stored.public_id)
        raise NotFound(*FILE_NOT_FOUND) from exc
    if not hmac.compare_digest(hashlib.file_digest(handle, "sha256").hexdigest(), stored.sha256):
        handle.close()
        log.error("uploaded file %s: stored file changed since upload", stored.public_id)
        raise Conflict("file_changed", "Tệp lưu trữ đã bị thay đổi sau khi tải lên.")
    handle.seek(0)
    return handle


def download_name(stored: StoredFile) -> str:
    extension = next(ext for _, ctype, ext in _SIGNATURES if ctype == stored.content_type)
    stem = Path(stored.original_name or stored.public_id).stem or stored.public_id
    return f"{stem}.{extension}"


def _path(stored: StoredFile) -> Path:
    root = _files_root().resolve()
    path = (root / stored.file_path).resolve()
    if not path.is_relative_to(root):  # a tampered row must not read outside the store
        raise OSError(f"path outside the file store: {stored.file_path}")
    return path
