"""Signed result documents and the signature log.

The signed PDF itself lives on disk under `settings.VAR_DIR / "files"` (outside the web root, served
only through the verification view); the row keeps what the public verification page shows and the
sha256 that proves the stored copy is the one that was signed.
"""

from __future__ import annotations

import secrets

from django.db import models


def new_public_id() -> str:
    # 16 random bytes → 22 url-safe characters (128 bits): the QR code's key, unguessable, so the
    # verification page lists nothing and a document is found only by whoever holds it.
    return secrets.token_urlsafe(16)


class SignedDocument(models.Model):
    """A PDF signed as PAdES by a leader (or by the system) and published for verification."""

    public_id = models.CharField("mã xác thực", max_length=32, unique=True, default=new_public_id)
    # Tenant key (architecture principle 14).
    province_code = models.CharField("mã tỉnh", max_length=2, blank=True)
    title = models.CharField("trích yếu / tên văn bản", max_length=255)
    original_filename = models.CharField("tên tệp gốc", max_length=255, blank=True)
    sha256 = models.CharField("SHA-256 của tệp đã ký", max_length=64, db_index=True)
    size = models.PositiveIntegerField("dung lượng (byte)")
    # Relative to VAR_DIR / "files", so the store can move with its directory.
    file_path = models.CharField("đường dẫn lưu trữ", max_length=255, unique=True)
    signer = models.ForeignKey(
        "identity.User",
        verbose_name="người ký",
        null=True,
        blank=True,
        on_delete=models.PROTECT,  # the legal trail outlives an account; deactivate users instead
        related_name="+",
    )
    signer_name = models.CharField("họ tên người ký", max_length=200)
    agency_name = models.CharField("cơ quan", max_length=255, blank=True)
    cert_subject = models.CharField("chủ thể chứng thư số", max_length=500)
    cert_serial = models.CharField("số hiệu chứng thư số (hex)", max_length=64)
    signed_at = models.DateTimeField("thời điểm ký")  # server clock, never from the request
    reason = models.CharField("lý do ký", max_length=255, blank=True)

    class Meta:
        verbose_name = "văn bản đã ký số"
        verbose_name_plural = "văn bản đã ký số"
        ordering = ["-signed_at"]
        indexes = [models.Index(fields=["province_code", "signed_at"], name="signed_doc_prov_at_idx")]

    def __str__(self) -> str:
        return f"{self.title} ({self.public_id})"

    def save(self, *args, **kwargs):
        # What a QR code printed on paper points to never changes; a correction is a new document.
        if self.pk is not None:
            raise RuntimeError("Văn bản đã ký số không được sửa; hãy ký và phát hành văn bản mới.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Văn bản đã ký số không được xóa.")


class SignatureLog(models.Model):
    """Append-only: one row per signing attempt, successful or not (domain.md §11: log each signature)."""

    province_code = models.CharField("mã tỉnh", max_length=2, blank=True)
    at = models.DateTimeField("thời điểm")
    user = models.ForeignKey(
        "identity.User",
        verbose_name="người ký",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signer_name = models.CharField("họ tên người ký", max_length=200)
    agency_name = models.CharField("cơ quan", max_length=255, blank=True)
    document = models.ForeignKey(
        SignedDocument,
        verbose_name="văn bản",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="log",
    )
    title = models.CharField("trích yếu / tên văn bản", max_length=255, blank=True)
    ok = models.BooleanField("thành công")
    error = models.TextField("lỗi", blank=True)
    cert_serial = models.CharField("số hiệu chứng thư số (hex)", max_length=64, blank=True)
    sha256 = models.CharField("SHA-256 của tệp đã ký", max_length=64, blank=True)

    class Meta:
        verbose_name = "nhật ký ký số"
        verbose_name_plural = "nhật ký ký số"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["province_code", "at"], name="signature_log_prov_at_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.signer_name} {'OK' if self.ok else 'LỖI'}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Nhật ký ký số chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Nhật ký ký số không được xóa.")


class UploadPurpose(models.TextChoices):
    SUBMISSION = "submission", "Nộp hồ sơ"
    SUPPLEMENT = "supplement", "Bổ sung hồ sơ"


class StoredFile(models.Model):
    """A file a citizen uploaded (a scanned component of a dossier), kept outside the web root.

    `documents` sits below `dossiers`, so the link to a dossier component is generic: `subject`
    ("dossier:<code>"; empty while the file only belongs to a draft), the component's name and the
    purpose. The type is the one detected from the content, never the name or the browser's claim.
    """

    public_id = models.CharField("mã tệp", max_length=32, unique=True, default=new_public_id)
    province_code = models.CharField("mã tỉnh", max_length=2, blank=True)
    owner = models.ForeignKey(
        "identity.User", verbose_name="người tải lên", on_delete=models.PROTECT, related_name="+"
    )
    original_name = models.CharField("tên tệp gốc", max_length=255, blank=True)
    content_type = models.CharField("loại tệp (theo nội dung)", max_length=40)
    size = models.PositiveIntegerField("dung lượng (byte)")
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    # Relative to VAR_DIR / "files", like SignedDocument.file_path.
    file_path = models.CharField("đường dẫn lưu trữ", max_length=255, unique=True)
    uploaded_at = models.DateTimeField("tải lên lúc")  # server clock
    subject = models.CharField("thuộc về", max_length=80, blank=True, db_index=True)
    component = models.CharField("thành phần hồ sơ", max_length=500, blank=True)
    purpose = models.CharField("mục đích", max_length=12, choices=UploadPurpose.choices, blank=True)
    attached_at = models.DateTimeField("gắn vào hồ sơ lúc", null=True, blank=True)

    class Meta:
        verbose_name = "tệp tải lên"
        verbose_name_plural = "tệp tải lên"
        ordering = ["subject", "uploaded_at", "id"]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.public_id})"
