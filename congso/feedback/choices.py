"""Dossier satisfaction levels (domain.md §10; Decision 766/QĐ-TTg, indicator 5.4)."""

from __future__ import annotations

from django.db import models


class Level(models.IntegerChoices):
    # The quick rating offered when the result is returned, scored 2/1/0 like the 9-index survey.
    VERY_SATISFIED = 2, "Rất hài lòng"
    SATISFIED = 1, "Hài lòng"
    DISSATISFIED = 0, "Không hài lòng"
