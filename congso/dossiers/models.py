"""The one-stop dossier (hồ sơ), its append-only event log, its pause ledger and its apology letters.

Field comments name the national-portal field (domain.md §7) each column syncs to. Only services
write these rows; the event log is the legal trail and the source of every statistic.
"""

from __future__ import annotations

from django.db import models

from congso.core.models import TimeStamped
from congso.dossiers.choices import OPEN, Action, Channel, Outcome, PauseKind, Source, Status


class Dossier(TimeStamped):
    # Tenant key (architecture principle 14): the current-era province code, part of the unique key.
    province_code = models.CharField("mã tỉnh", max_length=2)
    code = models.CharField("mã hồ sơ", max_length=60)  # MaHoSo
    agency = models.ForeignKey(
        "identity.Agency",
        verbose_name="cơ quan giải quyết",
        on_delete=models.PROTECT,
        related_name="dossiers",
    )
    receiving_agency = models.ForeignKey(
        "identity.Agency",
        verbose_name="nơi tiếp nhận",
        on_delete=models.PROTECT,
        related_name="received_dossiers",
    )  # MaDonViTiepNhan: may differ from the competent agency (phi địa giới)
    procedure_version = models.ForeignKey(
        "catalog.ProcedureVersion",
        verbose_name="thủ tục (phiên bản)",
        on_delete=models.PROTECT,
        related_name="+",
    )
    procedure_code = models.CharField("mã thủ tục", max_length=40, db_index=True)  # MaTTHC
    applicant = models.ForeignKey(
        "identity.Applicant", verbose_name="chủ hồ sơ", on_delete=models.PROTECT, related_name="dossiers"
    )
    channel = models.PositiveSmallIntegerField("kênh", choices=Channel.choices)  # KenhThucHien
    source = models.CharField("nguồn", max_length=10, choices=Source.choices)
    summary = models.CharField("trích yếu", max_length=1000, blank=True)  # TrichYeuHoSo
    status = models.PositiveSmallIntegerField("trạng thái", choices=Status.choices)  # TrangThaiHoSo

    submitted_at = models.DateTimeField("ngày nộp", null=True, blank=True)  # NgayNopHoSo
    received_at = models.DateTimeField("ngày tiếp nhận", null=True, blank=True)  # NgayTiepNhan
    due_at = models.DateTimeField(
        "ngày hẹn trả", null=True, blank=True
    )  # NgayHenTra: never moved by an apology
    new_due_at = models.DateTimeField("ngày hẹn trả mới", null=True, blank=True)  # NgayHenTraMoi
    ended_at = models.DateTimeField("ngày kết thúc xử lý", null=True, blank=True)  # NgayKetThucXuLy
    refused_at = models.DateTimeField("ngày từ chối", null=True, blank=True)  # NgayTuChoi
    returned_at = models.DateTimeField("ngày trả kết quả", null=True, blank=True)  # NgayTra

    limit_days = models.DecimalField("thời hạn (ngày)", max_digits=7, decimal_places=2, null=True, blank=True)
    limit_unit = models.CharField("đơn vị thời hạn", max_length=16, blank=True)

    step = models.CharField("bước hiện tại", max_length=20, blank=True)
    # The role that acts at the current step, copied from the process so an inbox is one indexed query.
    step_role = models.CharField("vai trò ở bước hiện tại", max_length=24, blank=True)
    step_started_at = models.DateTimeField("bắt đầu bước", null=True, blank=True)
    step_due_at = models.DateTimeField("hạn của bước", null=True, blank=True)
    assignee = models.ForeignKey(
        "identity.Officer",
        verbose_name="cán bộ xử lý",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status_before_pause = models.PositiveSmallIntegerField(null=True, blank=True, choices=Status.choices)
    stopped_final = models.BooleanField("dừng hẳn", default=False)
    supplement_requests = models.PositiveSmallIntegerField("số lần yêu cầu bổ sung", default=0)
    outcome = models.CharField("kết quả đúng hạn (Mẫu 06)", max_length=8, choices=Outcome.choices, blank=True)
    on_time_766 = models.BooleanField("đúng hạn theo QĐ 766", null=True, blank=True)

    result = models.ForeignKey(
        "documents.SignedDocument",
        verbose_name="kết quả đã ký số",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )  # DanhSachGiayToKetQua: the e-result counts only with a real file (domain.md §4.3)
    version = models.PositiveIntegerField("phiên bản", default=1)  # optimistic lock against stale pages
    search_text = models.CharField(max_length=400, blank=True)  # folded code + applicant name + id
    imported_from = models.CharField("nhập từ", max_length=255, blank=True)

    class Meta:
        verbose_name = "hồ sơ"
        verbose_name_plural = "hồ sơ"
        constraints = [models.UniqueConstraint(fields=["province_code", "code"], name="dossier_code_uniq")]
        indexes = [
            models.Index(fields=["agency", "status", "due_at"], name="dossier_inbox_idx"),
            models.Index(fields=["agency", "step_role", "due_at"], name="dossier_step_inbox_idx"),
            models.Index(fields=["agency", "due_at", "id"], name="dossier_agency_due_idx"),
            models.Index(fields=["receiving_agency", "status"], name="dossier_counter_idx"),
            models.Index(fields=["province_code", "received_at"], name="dossier_received_idx"),
            models.Index(fields=["code"], name="dossier_code_idx"),
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


class DossierEvent(models.Model):
    """Append-only: one row per change (actor, moment, from, to, reason), written with the change."""

    province_code = models.CharField("mã tỉnh", max_length=2)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="events")
    seq = models.PositiveIntegerField("thứ tự")
    action = models.CharField("thao tác", max_length=24, choices=Action.choices)
    from_status = models.PositiveSmallIntegerField(
        "từ trạng thái", null=True, blank=True, choices=Status.choices
    )
    to_status = models.PositiveSmallIntegerField("sang trạng thái", choices=Status.choices)
    from_step = models.CharField("từ bước", max_length=20, blank=True)
    to_step = models.CharField("sang bước", max_length=20, blank=True)
    at = models.DateTimeField("thời điểm")
    actor = models.ForeignKey(
        "identity.User",
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_name = models.CharField("người xử lý", max_length=200, blank=True)  # NguoiXuLy (≤50 when synced)
    actor_agency = models.CharField("phòng ban / cơ quan", max_length=255, blank=True)  # PhongBanXuLy
    reason = models.TextField("nội dung / lý do", blank=True)  # NoiDungXuLy
    step_due_at = models.DateTimeField("hạn của bước", null=True, blank=True)  # NgayKetThucTheoQuyDinh
    data = models.JSONField("chi tiết", default=dict, blank=True)

    class Meta:
        verbose_name = "lịch sử xử lý"
        verbose_name_plural = "lịch sử xử lý"
        ordering = ["dossier", "seq"]
        constraints = [models.UniqueConstraint(fields=["dossier", "seq"], name="dossier_event_seq_uniq")]
        indexes = [models.Index(fields=["province_code", "at"], name="dossier_event_at_idx")]

    def __str__(self) -> str:
        return f"{self.dossier_id}#{self.seq} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("Lịch sử xử lý hồ sơ chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Lịch sử xử lý hồ sơ không được xóa.")


class Pause(models.Model):
    """The pause ledger (DanhSachHoSoBoSung): requests for supplements, fees and stops, with due dates."""

    province_code = models.CharField("mã tỉnh", max_length=2)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="pauses")
    kind = models.PositiveSmallIntegerField("loại", choices=PauseKind.choices)
    requested_at = models.DateTimeField("yêu cầu lúc")  # NgayBoSung
    resumed_at = models.DateTimeField("tiếp tục lúc", null=True, blank=True)  # NgayTiepNhanBoSung
    due_before = models.DateTimeField("hạn trước khi dừng", null=True, blank=True)  # NgayHenTraTruoc
    due_after = models.DateTimeField("hạn sau khi tiếp tục", null=True, blank=True)  # NgayHenTraMoi
    allowed_days = models.PositiveSmallIntegerField("thời hạn bổ sung (ngày làm việc)", null=True, blank=True)
    content = models.TextField("nội dung", blank=True)  # NoiDungBoSung
    items = models.JSONField("giấy tờ cần bổ sung", default=list, blank=True)

    class Meta:
        verbose_name = "tạm dừng / bổ sung"
        verbose_name_plural = "tạm dừng / bổ sung"
        ordering = ["dossier", "requested_at"]

    def __str__(self) -> str:
        return f"{self.dossier_id} {self.get_kind_display()}"


class Apology(models.Model):
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả (form 04). The dossier's due date does not move."""

    province_code = models.CharField("mã tỉnh", max_length=2)
    dossier = models.ForeignKey(Dossier, on_delete=models.PROTECT, related_name="apologies")
    created_at = models.DateTimeField("lập lúc")
    actor = models.ForeignKey(
        "identity.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField("lý do chậm")
    due_at = models.DateTimeField("hạn cũ")
    new_due_at = models.DateTimeField("hẹn lại")
    sent_in_time = models.BooleanField("gửi trước hạn ít nhất 1 ngày làm việc")

    class Meta:
        verbose_name = "phiếu xin lỗi"
        verbose_name_plural = "phiếu xin lỗi"

    def __str__(self) -> str:
        return f"{self.dossier_id} xin lỗi"


class CodeCounter(models.Model):
    """Per receiving unit per day sequence for dossier codes (Circular 01/2018/TT-VPCP art. 19)."""

    agency_code = models.CharField(max_length=40)
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency_code", "day"], name="code_counter_uniq")]

    def __str__(self) -> str:
        return f"{self.agency_code} {self.day} {self.last}"
