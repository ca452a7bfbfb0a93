"""Quick dossier rating (domain.md §10): once, only after the result is returned, levels 2/1/0."""

from __future__ import annotations

import pytest

from congso.core.errors import Conflict, InvalidInput
from congso.feedback import services
from congso.feedback.choices import Level
from congso.feedback.models import DossierRating
from congso.feedback.selectors import rating_for
from congso.outbox.models import OutboxEvent

DOSSIER = {
    "dossier_code": "000.00.16.H56-260302-0001",
    "dossier_id": 7,
    "province_code": "56",
    "agency_id": 3,
}


def test_levels_are_scored_two_one_zero():
    assert [(int(level), level.label) for level in Level] == [
        (2, "Rất hài lòng"),
        (1, "Hài lòng"),
        (0, "Không hài lòng"),
    ]


@pytest.mark.django_db
def test_rate_once_after_return_and_publish():
    rating = services.rate_dossier(dossier_status=10, level=2, comment="  Nhanh, chu đáo ", **DOSSIER)
    assert rating.level == Level.VERY_SATISFIED and rating.comment == "Nhanh, chu đáo"
    assert rating_for(province_code="56", dossier_code=DOSSIER["dossier_code"]) == rating
    event = OutboxEvent.objects.get(topic="feedback.rated")
    assert event.payload == {
        "dossier_code": DOSSIER["dossier_code"],
        "dossier_id": 7,
        "agency_id": 3,
        "level": 2,
    }
    with pytest.raises(Conflict) as again:
        services.rate_dossier(dossier_status=10, level=0, **DOSSIER)
    assert again.value.code == "already_rated" and DossierRating.objects.count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("status", [1, 2, 4, 6, 9])
def test_only_after_the_result_is_returned(status):
    with pytest.raises(Conflict) as refused:
        services.rate_dossier(dossier_status=status, level=1, **DOSSIER)
    assert refused.value.code == "not_returned" and not DossierRating.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("level", [3, -1, "x", None, "2.5"])
def test_bad_levels_and_long_comments(level):
    with pytest.raises(InvalidInput):
        services.rate_dossier(dossier_status=10, level=level, **DOSSIER)
    with pytest.raises(InvalidInput):
        services.rate_dossier(dossier_status=10, level=1, comment="x" * 2001, **DOSSIER)
    assert services.rate_dossier(dossier_status=10, level="0", **DOSSIER).level == Level.DISSATISFIED
