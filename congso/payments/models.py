"""Fee obligations, payment attempts, the append-only transaction trail and e-receipts (domain.md §8).

Payments sits beside dossiers (architecture.md: siblings never import each other): an obligation
names its dossier by code and id, copied when it is opened, and announces changes through the outbox.
Every row carries the tenant key `province_code` (architecture principle 14).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

from congso.core.errors import Conflict
from congso.core.models import TimeStamped
from congso.payments.choices import AttemptState, FeeKind, FeeState, Gateway, TxKind, TxSource, When


class FeeObligation(TimeStamped):
    province_code = models.CharField("mã tỉnh", max_length=2)
    dossier_code = models.CharField("mã hồ sơ", max_length=60)  # MaHoSo
    dossier_id = models.PositiveBigIntegerField("id hồ sơ")
    procedure_code = models.CharField("mã thủ tục", max_length=40)  # MaTTHC
    procedure_version_id = models.PositiveBigIntegerField("phiên bản thủ tục", null=True, blank=True)
    procedure_name = models.CharField("tên thủ tục", max_length=1000, blank=True)
    agency_name = models.CharField("đơn vị thụ hưởng", max_length=500, blank=True)
    payer_name = models.CharField("người nộp", max_length=300, blank=True)
    when = models.CharField("thời điểm thu", max_length=8, choices=When.choices, default=When.BEFORE)
    total_vnd = models.PositiveBigIntegerField("tổng số tiền (đồng)")
    state = models.CharField("trạng thái", max_length=10, choices=FeeState.choices, default=FeeState.UNPAID)
    exempt = models.BooleanField("miễn thu", default=False)
    opened_at = models.DateTimeField("lập lúc")
    paid_at = models.DateTimeField("thanh toán lúc", null=True, blank=True)
    paid_by = models.CharField("kênh thanh toán", max_length=8, choices=Gateway.choices, blank=True)

    class Meta:
        verbose_name = "nghĩa vụ phí, lệ phí"
        verbose_name_plural = "nghĩa vụ phí, lệ phí"
        constraints = [
            # One live obligation per dossier and moment; a cancelled one may be replaced.
            models.UniqueConstraint(
                fields=["province_code", "dossier_code", "when"],
                condition=~Q(state="cancelled"),
                name="payments_obligation_live_uniq",
            )
        ]
        indexes = [models.Index(fields=["province_code", "dossier_code"], name="payments_obl_dossier_idx")]

    def __str__(self) -> str:
        return f"{self.dossier_code} · {self.total_vnd} đ · {self.get_state_display()}"


class FeeObligationLine(models.Model):
    """A fee line copied from the procedure version at the time the obligation was opened, so a later
    catalogue change never rewrites what the citizen was asked to pay."""

    obligation = models.ForeignKey(FeeObligation, on_delete=models.CASCADE, related_name="lines")
    province_code = models.CharField("mã tỉnh", max_length=2)
    order = models.PositiveIntegerField("thứ tự")
    kind = models.CharField("loại", max_length=8, choices=FeeKind.choices)
    description = models.TextField("nội dung")
    amount_vnd = models.PositiveBigIntegerField("số tiền (đồng)")
    exempt = models.BooleanField("miễn thu", default=False)

    class Meta:
        verbose_name = "khoản phí, lệ phí"
        verbose_name_plural = "khoản phí, lệ phí"
        ordering = ["obligation", "order"]
        constraints = [
            models.UniqueConstraint(fields=["obligation", "order"], name="payments_line_order_uniq")
        ]

    def __str__(self) -> str:
        return self.description[:120]


class PaymentAttempt(models.Model):
    obligation = models.ForeignKey(FeeObligation, on_delete=models.PROTECT, related_name="attempts")
    province_code = models.CharField("mã tỉnh", max_length=2)
    reference = models.CharField("mã tham chiếu", max_length=40, unique=True)  # MaThamChieu
    gateway = models.CharField("kênh", max_length=8, choices=Gateway.choices)
    amount_vnd = models.PositiveBigIntegerField("số tiền (đồng)")
    state = models.CharField(
        "trạng thái", max_length=10, choices=AttemptState.choices, default=AttemptState.PENDING
    )
    gateway_txn = models.CharField("mã giao dịch", max_length=100, blank=True)  # MaGiaoDich
    client_ip = models.CharField("địa chỉ IP", max_length=45, blank=True)
    created_at = models.DateTimeField("tạo lúc")
    settled_at = models.DateTimeField("kết thúc lúc", null=True, blank=True)

    class Meta:
        verbose_name = "lần thanh toán"
        verbose_name_plural = "lần thanh toán"
        indexes = [models.Index(fields=["state", "created_at"], name="payments_attempt_pending_idx")]

    def __str__(self) -> str:
        return self.reference


class PaymentTransaction(models.Model):
    """Append-only (domain.md §8): every INIT, callback, query answer and statement line, as received.
    A row is never updated or deleted; what happened is the sequence of rows."""

    attempt = models.ForeignKey(
        PaymentAttempt, null=True, blank=True, on_delete=models.PROTECT, related_name="transactions"
    )
    province_code = models.CharField("mã tỉnh", max_length=2, blank=True)
    reference = models.CharField("mã tham chiếu nhận được", max_length=100, blank=True)
    kind = models.CharField("loại", max_length=10, choices=TxKind.choices)
    source = models.CharField("nguồn", max_length=10, choices=TxSource.choices)
    amount_vnd = models.PositiveBigIntegerField("số tiền (đồng)", null=True, blank=True)
    error_code = models.CharField("mã lỗi", max_length=10, blank=True)  # MaLoi
    gateway_txn = models.CharField("mã giao dịch", max_length=100, blank=True)
    note = models.CharField("ghi chú", max_length=500, blank=True)
    payload = models.JSONField("dữ liệu gốc", default=dict, blank=True)
    at = models.DateTimeField("lúc")

    class Meta:
        verbose_name = "giao dịch thanh toán"
        verbose_name_plural = "giao dịch thanh toán"
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.reference} · {self.kind}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise Conflict("append_only", "Nhật ký giao dịch thanh toán chỉ được ghi thêm, không được sửa.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise Conflict("append_only", "Nhật ký giao dịch thanh toán chỉ được ghi thêm, không được xóa.")


class Receipt(models.Model):
    """Biên lai điện tử: one per fee kind of a paid obligation (phí and lệ phí apart, domain.md §8).
    The PDF is rendered on demand from this row and the obligation's lines."""

    obligation = models.ForeignKey(FeeObligation, on_delete=models.PROTECT, related_name="receipts")
    province_code = models.CharField("mã tỉnh", max_length=2)
    kind = models.CharField("loại", max_length=8, choices=FeeKind.choices)
    number = models.CharField("số biên lai", max_length=40)
    dossier_code = models.CharField("mã hồ sơ", max_length=60)
    payer_name = models.CharField("người nộp", max_length=300, blank=True)
    amount_vnd = models.PositiveBigIntegerField("số tiền (đồng)")
    gateway = models.CharField("kênh", max_length=8, choices=Gateway.choices)
    gateway_txn = models.CharField("mã giao dịch", max_length=100, blank=True)
    issued_at = models.DateTimeField("ngày lập")

    class Meta:
        verbose_name = "biên lai điện tử"
        verbose_name_plural = "biên lai điện tử"
        ordering = ["obligation", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["obligation", "kind"], name="payments_receipt_kind_uniq"),
            models.UniqueConstraint(fields=["province_code", "number"], name="payments_receipt_number_uniq"),
        ]

    def __str__(self) -> str:
        return self.number
