"""Citizen ratings of a returned dossier (domain.md §10, dossier satisfaction).

Feedback sits beside dossiers (architecture.md): the rating names its dossier by code and id, copied
from the caller, with the tenant keys province and agency (principle 14)."""

from __future__ import annotations

from django.db import models

from congso.feedback.choices import Level


class DossierRating(models.Model):
    province_code = models.CharField("mã tỉnh", max_length=2)
    agency_id = models.PositiveBigIntegerField("cơ quan giải quyết", null=True, blank=True)
    dossier_code = models.CharField("mã hồ sơ", max_length=60)
    dossier_id = models.PositiveBigIntegerField("id hồ sơ")
    level = models.PositiveSmallIntegerField("mức độ hài lòng", choices=Level.choices)
    comment = models.TextField("ý kiến", blank=True)
    rated_at = models.DateTimeField("đánh giá lúc")

    class Meta:
        verbose_name = "đánh giá hồ sơ"
        verbose_name_plural = "đánh giá hồ sơ"
        constraints = [
            # One rating per dossier (the unique key carries the tenant key, principle 14).
            models.UniqueConstraint(fields=["province_code", "dossier_code"], name="feedback_rating_once"),
        ]
        indexes = [
            models.Index(fields=["province_code", "agency_id", "rated_at"], name="feedback_rating_agency")
        ]

    def __str__(self) -> str:
        return f"{self.dossier_code} · {self.get_level_display()}"
