"""What the citizen portal keeps of its own: drafts of online submissions."""

from __future__ import annotations

import secrets

from django.db import models


def new_form_token() -> str:
    return secrets.token_urlsafe(24)


class SubmissionDraft(models.Model):
    """A citizen's online submission in progress (Decree 45/2020/NĐ-CP lets the applicant prepare a
    dossier in several sittings). `token` is the one-time form token: the first submit with it sets
    `dossier_code`, and any repeat of the same form (double click, refresh, back button) finds the
    code and shows the same receipt instead of creating a second dossier."""

    user = models.ForeignKey(
        "identity.User", verbose_name="tài khoản", on_delete=models.CASCADE, related_name="+"
    )
    procedure_code = models.CharField("mã thủ tục", max_length=40)
    agency = models.ForeignKey(
        "identity.Agency",
        verbose_name="cơ quan giải quyết",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    case = models.TextField("trường hợp", blank=True)
    summary = models.CharField("trích yếu", max_length=1000, blank=True)
    contact = models.JSONField("liên hệ", default=dict, blank=True)  # phone, email, address
    # component order (as text) -> public id of the loose StoredFile chosen for it
    files = models.JSONField("tệp đã tải lên", default=dict, blank=True)
    token = models.CharField("mã biểu mẫu", max_length=64, unique=True, default=new_form_token)
    dossier_code = models.CharField("mã hồ sơ đã nộp", max_length=60, blank=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "bản nháp hồ sơ trực tuyến"
        verbose_name_plural = "bản nháp hồ sơ trực tuyến"
        indexes = [models.Index(fields=["user", "procedure_code"], name="portal_draft_user_proc_idx")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.procedure_code} {self.dossier_code or 'nháp'}"
