"""Internal process definitions: ordered steps, who acts at each, and each step's share of the legal limit.

The engine is generic: a template is found by `key` (the dossiers module uses the procedure code), so
catalog and workflow stay siblings that do not import each other.
"""

from __future__ import annotations

from django.db import models

from congso.core.models import TimeStamped
from congso.identity.choices import Role
from congso.workflow.choices import StepCode


class ProcessTemplate(TimeStamped):
    key = models.CharField("khóa (mã thủ tục)", max_length=60, unique=True)
    name = models.CharField("tên quy trình", max_length=500)
    # The legal limit in working minutes the steps must add up to (days × the hours-per-day convention).
    total_minutes = models.PositiveIntegerField("tổng thời gian (phút làm việc)")
    generated = models.BooleanField("sinh tự động", default=True)

    class Meta:
        verbose_name = "quy trình nội bộ"
        verbose_name_plural = "quy trình nội bộ"

    def __str__(self) -> str:
        return f"{self.key} — {self.name}"


class ProcessStep(models.Model):
    template = models.ForeignKey(ProcessTemplate, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField("thứ tự")
    code = models.CharField("bước", max_length=20, choices=StepCode.choices)
    name = models.CharField("tên bước", max_length=200)
    role = models.CharField("vai trò thực hiện", max_length=24, choices=Role.choices)
    minutes = models.PositiveIntegerField("thời hạn bước (phút làm việc)")

    class Meta:
        verbose_name = "bước xử lý"
        verbose_name_plural = "bước xử lý"
        ordering = ["template", "order"]
        constraints = [
            models.UniqueConstraint(fields=["template", "order"], name="process_step_order_uniq"),
            models.UniqueConstraint(fields=["template", "code"], name="process_step_code_uniq"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name}"
