"""The transactional outbox: a row written in the same transaction as the change it announces.

Higher modules (national-portal sync, statistics snapshots, notifications) register handlers; the
dispatcher hands each pending row to them at least once, so handlers are idempotent.
"""

from __future__ import annotations

from django.db import models


class OutboxEvent(models.Model):
    topic = models.CharField("loại sự kiện", max_length=80)
    aggregate_type = models.CharField("đối tượng", max_length=40)
    aggregate_id = models.CharField("mã đối tượng", max_length=64)
    # Tenant key (architecture principle 14) so dispatch and sharding can go by province.
    province_code = models.CharField("mã tỉnh", max_length=2, blank=True)
    payload = models.JSONField("nội dung", default=dict)
    occurred_at = models.DateTimeField("thời điểm")
    dispatched_at = models.DateTimeField("đã xử lý lúc", null=True, blank=True)
    attempts = models.PositiveIntegerField("số lần thử", default=0)
    next_attempt_at = models.DateTimeField("thử lại lúc", null=True, blank=True)
    last_error = models.TextField("lỗi gần nhất", blank=True)

    class Meta:
        verbose_name = "sự kiện outbox"
        verbose_name_plural = "sự kiện outbox"
        indexes = [
            models.Index(fields=["dispatched_at", "id"], name="outbox_pending_idx"),
            models.Index(fields=["aggregate_type", "aggregate_id"], name="outbox_aggregate_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.topic} {self.aggregate_type}:{self.aggregate_id}"
