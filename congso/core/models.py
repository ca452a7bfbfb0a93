from __future__ import annotations

from django.db import models


class TimeStamped(models.Model):
    """Row bookkeeping (not business moments: those are explicit fields written by services)."""

    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        abstract = True
