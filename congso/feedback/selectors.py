"""Reads of dossier ratings."""

from __future__ import annotations

from congso.feedback.models import DossierRating


def rating_for(*, province_code: str, dossier_code: str) -> DossierRating | None:
    return DossierRating.objects.filter(province_code=province_code, dossier_code=dossier_code).first()
