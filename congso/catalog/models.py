"""The procedure catalogue (TTHC): procedures, their immutable published versions, components, fees, offerings.

A procedure's published content (art. 8(2) Decree 63/2010: name, method, components, time limit, subjects,
agency, fees, legal basis) changes by announcing decision. A dossier must keep the content it was received
under, so content lives in `ProcedureVersion` rows that are never updated: a change creates version N+1 and
moves `Procedure.current_version`. Dossiers (another module) point at a version, never at a procedure's
mutable state.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models

from congso.catalog.choices import Channel, FeeKind, LimitsSource, MucDo, ReviewCode, TimeUnit
from congso.core.errors import Conflict
from congso.core.models import TimeStamped


class Field(models.Model):
    """Lĩnh vực (sector) as worded in the national catalogue."""

    name = models.CharField("tên lĩnh vực", max_length=255, unique=True)
    name_folded = models.CharField("tên không dấu", max_length=255, db_index=True)

    class Meta:
        verbose_name = "lĩnh vực"
        verbose_name_plural = "lĩnh vực"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Procedure(TimeStamped):
    # National TTHC code (1.000656); provincial variants (…H56) belong to offerings, not to this key.
    code = models.CharField("mã thủ tục", max_length=30, unique=True)
    current_version = models.ForeignKey(
        "ProcedureVersion",
        verbose_name="phiên bản hiện hành",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    needs_review = models.BooleanField("cần rà soát", default=False, db_index=True)
    review_code = models.CharField("mã lý do rà soát", max_length=20, choices=ReviewCode.choices, blank=True)
    review_reason = models.TextField("lý do cần rà soát", blank=True)
    active = models.BooleanField("đang áp dụng", default=True)

    class Meta:
        verbose_name = "thủ tục hành chính"
        verbose_name_plural = "thủ tục hành chính"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class ProcedureVersion(models.Model):
    """One published state of a procedure. Written once (bulk import or a service), never updated."""

    procedure = models.ForeignKey(
        Procedure, verbose_name="thủ tục", on_delete=models.PROTECT, related_name="versions"
    )
    number = models.PositiveIntegerField("phiên bản số")
    # sha256 of the canonical JSON of the source record: the import compares it to detect changes.
    content_hash = models.CharField("mã băm nội dung", max_length=64, db_index=True)
    name = models.TextField("tên thủ tục")
    alt_names = models.JSONField("tên khác", default=list, blank=True)
    field = models.ForeignKey(
        Field,
        verbose_name="lĩnh vực",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="versions",
    )
    levels = models.JSONField("cấp thực hiện", default=list, blank=True)
    agency_text = models.TextField("cơ quan thực hiện", blank=True)
    processing_time_text = models.TextField("thời hạn giải quyết (văn bản gốc)", blank=True)
    # Amounts are expressed in `time_unit` (hours when the unit is `hour`), not always days.
    days_direct = models.DecimalField(
        "thời hạn nộp trực tiếp", max_digits=7, decimal_places=2, null=True, blank=True
    )
    days_online = models.DecimalField(
        "thời hạn nộp trực tuyến", max_digits=7, decimal_places=2, null=True, blank=True
    )
    days_post = models.DecimalField(
        "thời hạn nộp qua bưu chính", max_digits=7, decimal_places=2, null=True, blank=True
    )
    time_unit = models.CharField(
        "đơn vị thời hạn", max_length=16, choices=TimeUnit.choices, default=TimeUnit.UNKNOWN
    )
    # "Trong ngày" procedures (certified copies, civil-status extracts) follow the 15:00 cut-off of
    # domain.md §5.2.5; the 0.5 working day stored with them is only a fallback for callers that ignore it.
    same_day = models.BooleanField("trả trong ngày (mốc 15 giờ)", default=False)
    limits_source = models.CharField(
        "nguồn thời hạn", max_length=8, choices=LimitsSource.choices, default=LimitsSource.PARSED
    )
    review_code = models.CharField("mã lý do rà soát", max_length=20, choices=ReviewCode.choices, blank=True)
    limits_note = models.TextField("ghi chú thời hạn", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người ghi nhận thời hạn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    fee_text = models.TextField("phí, lệ phí (văn bản gốc)", blank=True)
    online_submission = models.BooleanField("có kênh nộp trực tuyến", null=True, blank=True)
    methods = models.JSONField("cách thức thực hiện", default=list, blank=True)
    legal_basis = models.JSONField("căn cứ pháp lý", default=list, blank=True)
    decision = models.CharField("quyết định công bố", max_length=255, blank=True)
    result_text = models.TextField("kết quả thực hiện", blank=True)
    subjects_text = models.TextField("đối tượng thực hiện", blank=True)
    conditions_text = models.TextField("yêu cầu, điều kiện", blank=True)
    portal_url = models.CharField("đường dẫn Cổng DVCQG", max_length=500, blank=True)
    raw = models.JSONField("bản ghi gốc")
    search_text = models.TextField("chuỗi tìm kiếm (không dấu)", blank=True)
    source_name = models.CharField("nguồn nhập", max_length=255, blank=True)
    imported_at = models.DateTimeField("thời điểm nhập")

    class Meta:
        verbose_name = "phiên bản thủ tục"
        verbose_name_plural = "phiên bản thủ tục"
        ordering = ["procedure", "number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="catalog_version_number_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.procedure.code} v{self.number}"

    def save(self, *args, **kwargs) -> None:
        # Dossiers keep the version they were received under; rewriting it would rewrite their legal basis.
        if not self._state.adding:
            raise Conflict(
                "version_immutable", "Không được sửa phiên bản thủ tục đã công bố; hãy tạo phiên bản mới."
            )
        super().save(*args, **kwargs)

    def limit_for(self, channel: str) -> Decimal | None:
        """The limit (in `time_unit`) for a submission channel; a channel the text does not name gets the
        direct limit, which is what the portal applies when it lists only "Trực tiếp"."""
        own = {Channel.ONLINE: self.days_online, Channel.POST: self.days_post}.get(channel)
        return own if own is not None else self.days_direct


class RequiredDocument(models.Model):
    """Thành phần hồ sơ of one version, in source order; `group` is the case (trường hợp) when given."""

    version = models.ForeignKey(
        ProcedureVersion, verbose_name="phiên bản", on_delete=models.CASCADE, related_name="documents"
    )
    order = models.PositiveIntegerField("thứ tự")
    name = models.TextField("tên giấy tờ")
    group = models.TextField("trường hợp", blank=True)
    # The sources do not say which components are optional; True until an administrator says otherwise.
    mandatory = models.BooleanField("bắt buộc", default=True)
    copies = models.CharField("số lượng bản", max_length=80, blank=True)

    class Meta:
        verbose_name = "thành phần hồ sơ"
        verbose_name_plural = "thành phần hồ sơ"
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="catalog_document_order_uniq")
        ]

    def __str__(self) -> str:
        return self.name[:120]


class FeeLine(models.Model):
    """One fee line read from the fee text; `amount_vnd` stays null unless the text states it clearly."""

    version = models.ForeignKey(
        ProcedureVersion, verbose_name="phiên bản", on_delete=models.CASCADE, related_name="fees"
    )
    order = models.PositiveIntegerField("thứ tự")
    channel = models.CharField("hình thức nộp", max_length=12, choices=Channel.choices, blank=True)
    kind = models.CharField("loại", max_length=8, choices=FeeKind.choices, default=FeeKind.UNKNOWN)
    description = models.TextField("nội dung")
    amount_vnd = models.PositiveBigIntegerField("số tiền (đồng)", null=True, blank=True)
    exempt = models.BooleanField("miễn thu", default=False)

    class Meta:
        verbose_name = "phí, lệ phí"
        verbose_name_plural = "phí, lệ phí"
        ordering = ["version", "order"]
        constraints = [models.UniqueConstraint(fields=["version", "order"], name="catalog_fee_order_uniq")]

    def __str__(self) -> str:
        return self.description[:120]


class AgencyProcedure(TimeStamped):
    """A province agency offers a procedure; the online level is set per offering (Decree 42/2022)."""

    agency = models.ForeignKey(
        "identity.Agency", verbose_name="cơ quan", on_delete=models.PROTECT, related_name="catalog_offerings"
    )
    procedure = models.ForeignKey(
        Procedure, verbose_name="thủ tục", on_delete=models.PROTECT, related_name="offerings"
    )
    muc_do = models.PositiveSmallIntegerField(
        "mức độ trực tuyến", choices=MucDo.choices, null=True, blank=True
    )
    active = models.BooleanField("đang cung cấp", default=True)

    class Meta:
        verbose_name = "thủ tục cơ quan cung cấp"
        verbose_name_plural = "thủ tục cơ quan cung cấp"
        ordering = ["agency", "procedure"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "procedure"], name="catalog_offering_agency_procedure_uniq"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} — {self.procedure}"


class OfferingChange(models.Model):
    """Append-only log of offering changes: domain.md §3 asks to log every change of the online level."""

    offering = models.ForeignKey(
        AgencyProcedure,
        verbose_name="thủ tục cơ quan cung cấp",
        on_delete=models.CASCADE,
        related_name="changes",
    )
    changed_at = models.DateTimeField("thời điểm")
    muc_do_before = models.PositiveSmallIntegerField(
        "mức độ trước", choices=MucDo.choices, null=True, blank=True
    )
    muc_do_after = models.PositiveSmallIntegerField(
        "mức độ sau", choices=MucDo.choices, null=True, blank=True
    )
    active_before = models.BooleanField("cung cấp trước", null=True, blank=True)
    active_after = models.BooleanField("cung cấp sau")
    note = models.TextField("ghi chú", blank=True)

    class Meta:
        verbose_name = "lịch sử thay đổi cung cấp thủ tục"
        verbose_name_plural = "lịch sử thay đổi cung cấp thủ tục"
        ordering = ["offering", "changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.offering} @ {self.changed_at:%Y-%m-%d %H:%M}"
