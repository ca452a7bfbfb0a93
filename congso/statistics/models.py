"""Statistics snapshots (ADR 0004): monthly figures per agency and field, rebuilt from the events.

A row holds what one agency did in one field in one calendar month (Vietnamese time): the eight detail
columns of Form 06 and the parts of Decision 766 indicators 2.1 and 2.2, split into flows (summed over
the months of a period) and stocks (taken from its first or last month). `MonthRefusals` keeps the one
thing that does not compose by summing: dossiers refused after receipt (5 → 3), which leave Form 06 in
the period of their refusal. Only services in `snapshots/` write these tables; the replay of the events
stays the truth, and any row can be thrown away and rebuilt (`manage.py snapshots rebuild`).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q

NO_FIELD = Q(field__isnull=True)
HAS_FIELD = Q(field__isnull=False)


class MonthFigures(models.Model):
    # Tenant key (architecture principle 14), part of every unique key.
    province_code = models.CharField("mã tỉnh", max_length=2)
    month = models.DateField("tháng (ngày đầu tháng)")
    agency = models.ForeignKey(
        "identity.Agency", verbose_name="cơ quan giải quyết", on_delete=models.CASCADE, related_name="+"
    )
    field = models.ForeignKey(
        "catalog.Field", verbose_name="lĩnh vực", null=True, on_delete=models.CASCADE, related_name="+"
    )
    # Form 06 detail columns (Circular 01/2020/TT-VPCP); the totals are sums of these.
    received_online = models.PositiveIntegerField(default=0)  # flow
    received_direct_postal = models.PositiveIntegerField(default=0)  # flow
    received_carried_over = models.PositiveIntegerField(default=0)  # stock at the month's start
    resolved_early = models.PositiveIntegerField(default=0)  # flow
    resolved_on_time = models.PositiveIntegerField(default=0)  # flow
    resolved_late = models.PositiveIntegerField(default=0)  # flow
    pending_within_time = models.PositiveIntegerField(default=0)  # stock at the month's end
    pending_overdue = models.PositiveIntegerField(default=0)  # stock at the month's end
    # Decision 766 rule 2.1: dossiers of the population that ended (3, 7, 9, 10) in the month, with their
    # frozen verdict (flow), and those still open at its end, judged at its last moment (stock).
    closed = models.PositiveIntegerField(default=0)
    closed_on_time = models.PositiveIntegerField(default=0)
    open_end = models.PositiveIntegerField(default=0)
    open_end_on_time = models.PositiveIntegerField(default=0)
    # Indicator 2.2: dossiers finished in the month and their working time in microseconds (flows).
    completed = models.PositiveIntegerField(default=0)
    working_us = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "số liệu tháng"
        verbose_name_plural = "số liệu tháng"
        constraints = [
            models.UniqueConstraint(
                fields=["province_code", "month", "agency", "field"],
                condition=HAS_FIELD,
                name="month_figures_uniq",
            ),
            models.UniqueConstraint(
                fields=["province_code", "month", "agency"],
                condition=NO_FIELD,
                name="month_figures_nofield_uniq",
            ),
        ]
        indexes = [models.Index(fields=["province_code", "month"], name="month_figures_month_idx")]

    def __str__(self) -> str:
        return f"{self.province_code} {self.month:%m/%Y} {self.agency_id}/{self.field_id}"


class MonthRefusals(models.Model):
    """Dossiers received in an earlier month and refused after receipt (supplement expired, 5 → 3) in
    `refused_month`: counted by the months before their refusal, excluded from any period that contains
    it (ADR 0002 §2), so a period subtracts them from the month that counted them."""

    province_code = models.CharField("mã tỉnh", max_length=2)
    refused_month = models.DateField("tháng bị từ chối")
    received_month = models.DateField("tháng tiếp nhận")
    agency = models.ForeignKey(
        "identity.Agency", verbose_name="cơ quan giải quyết", on_delete=models.CASCADE, related_name="+"
    )
    field = models.ForeignKey(
        "catalog.Field", verbose_name="lĩnh vực", null=True, on_delete=models.CASCADE, related_name="+"
    )
    channel = models.PositiveSmallIntegerField("kênh")
    dossiers = models.PositiveIntegerField("số hồ sơ", default=0)

    class Meta:
        verbose_name = "hồ sơ bị từ chối sau tiếp nhận (theo tháng)"
        verbose_name_plural = "hồ sơ bị từ chối sau tiếp nhận (theo tháng)"
        constraints = [
            models.UniqueConstraint(
                fields=["province_code", "refused_month", "received_month", "agency", "field", "channel"],
                condition=HAS_FIELD,
                name="month_refusals_uniq",
            ),
            models.UniqueConstraint(
                fields=["province_code", "refused_month", "received_month", "agency", "channel"],
                condition=NO_FIELD,
                name="month_refusals_nofield_uniq",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province_code} {self.refused_month:%m/%Y} ← {self.received_month:%m/%Y}"


class SnapshotMonth(models.Model):
    """A month of a province whose snapshot rows exist, with the rules they were computed under."""

    province_code = models.CharField("mã tỉnh", max_length=2)
    month = models.DateField("tháng")
    rules = models.CharField("khóa quy tắc", max_length=40)  # snapshot version + Decision 766 settings
    built_at = models.DateTimeField("lập lúc")

    class Meta:
        verbose_name = "tháng đã lập số liệu"
        verbose_name_plural = "tháng đã lập số liệu"
        constraints = [models.UniqueConstraint(fields=["province_code", "month"], name="snapshot_month_uniq")]

    def __str__(self) -> str:
        return f"{self.province_code} {self.month:%m/%Y}"


class SnapshotStale(models.Model):
    """A closed month of one agency whose rows an event dated in or before it has made out of date."""

    province_code = models.CharField("mã tỉnh", max_length=2)
    agency = models.ForeignKey(
        "identity.Agency", verbose_name="cơ quan giải quyết", on_delete=models.CASCADE, related_name="+"
    )
    month = models.DateField("tháng")
    marked_at = models.DateTimeField("đánh dấu lúc")

    class Meta:
        verbose_name = "tháng cần lập lại số liệu"
        verbose_name_plural = "tháng cần lập lại số liệu"
        constraints = [
            models.UniqueConstraint(fields=["province_code", "agency", "month"], name="snapshot_stale_uniq")
        ]

    def __str__(self) -> str:
        return f"{self.province_code} {self.agency_id} {self.month:%m/%Y}"
