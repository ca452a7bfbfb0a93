"""The full data set is loaded once for the whole places test package (about 1–2 s) and committed
outside the per-test transactions, so every test sees it and rolls back only its own changes.
It is wiped on the way out so other apps' tests start from empty tables, as they expect."""

from __future__ import annotations

import pytest

from congso.places.models import Commune, CommuneSuccession, District, Province
from congso.places.services import load_places


def _wipe() -> None:
    CommuneSuccession.objects.all().delete()
    District.objects.update(successor=None)
    Commune.objects.filter(era="legacy").delete()
    District.objects.all().delete()
    Commune.objects.all().delete()
    Province.objects.filter(era="legacy").delete()
    Province.objects.all().delete()


@pytest.fixture(scope="package")
def first_load(django_db_setup, django_db_blocker) -> dict[str, int]:
    with django_db_blocker.unblock():
        _wipe()
        counts = load_places()
    yield counts
    with django_db_blocker.unblock():
        _wipe()


@pytest.fixture
def places(first_load, db) -> dict[str, int]:
    """Use in a test that reads the loaded units; the test runs in a transaction rolled back after it."""
    return first_load
