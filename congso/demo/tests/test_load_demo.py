"""`make demo` end to end on the embedded default: the real data, the demo province, logins, pages."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from congso.catalog.models import AgencyProcedure, Procedure
from congso.dossiers.models import Dossier, DossierEvent
from congso.identity.models import Agency, User
from congso.outbox.models import OutboxEvent
from congso.places.models import Commune

PROCEDURES = Path(settings.BASE_DIR).parent / "shared" / "data" / "procedures.jsonl"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not PROCEDURES.exists(), reason="shared/data/procedures.jsonl is not beside the checkout"
    ),
]


def counts():
    return (
        Agency.objects.count(),
        AgencyProcedure.objects.count(),
        User.objects.count(),
        Dossier.objects.count(),
        DossierEvent.objects.count(),
        OutboxEvent.objects.count(),
    )


# Rows that migrations put in place (the preloaded calendar notices, content types) stay.
KEEP = {
    "workdays_calendarday",
    "workdays_officehours",
    "django_migrations",
    "django_content_type",
    "auth_permission",
}


def _wipe() -> None:
    tables = [m._meta.db_table for m in apps.get_models() if m._meta.managed and m._meta.db_table not in KEEP]
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
        else:
            with connection.constraint_checks_disabled():
                for table in tables:
                    cur.execute(f"DELETE FROM {table}")  # noqa: S608 — table names from model metadata


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo is loaded once for this module, committed, and wiped afterwards so other modules start
    from empty tables as they expect."""
    with django_db_blocker.unblock():
        call_command("load_demo", procedures=PROCEDURES, dossiers=150, seed=7, stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        _wipe()


@pytest.mark.django_db
def test_demo_province_is_khanh_hoa_including_former_ninh_thuan(demo):
    assert Procedure.objects.count() == 3697
    phan_rang = Commune.objects.get(era="current", province__code="56", name="Phường Phan Rang")
    assert Agency.objects.filter(commune=phan_rang).exists()  # a former Ninh Thuận ward has its committee
    assert Agency.objects.get(short_name="STP").name == "Sở Tư pháp"
    live = Dossier.objects.exclude(source="import")
    assert live.count() == 150
    # Former Ninh Thuận history, imported as a migration (congso/demo/history.py), kept apart.
    imported = Dossier.objects.filter(source="import")
    assert imported.exists()
    assert not imported.filter(agency__former_province__isnull=True).exists()
    # One outbox row per live event, one per imported dossier (the import publishes dossiers.imported).
    assert OutboxEvent.objects.exclude(topic="dossiers.imported").count() == (
        DossierEvent.objects.filter(dossier__in=live).count()
    )
    assert OutboxEvent.objects.filter(topic="dossiers.imported").count() == imported.count()


@pytest.mark.django_db
def test_loading_twice_changes_nothing(demo):
    before = counts()
    call_command("load_demo", procedures=PROCEDURES, dossiers=150, seed=7, stdout=io.StringIO())
    assert counts() == before


@pytest.mark.django_db
def test_home_page_and_every_admin_list_open_in_vietnamese(demo, client):
    home = client.get("/")
    assert home.status_code == 200
    assert "Một cửa điện tử" in home.text and "3.697" in home.text
    assert client.login(username="admin", password="congso-demo")
    index = client.get("/admin/")
    assert index.status_code == 200 and "Quản trị" in index.text
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        response = client.get(url)
        assert response.status_code == 200, url
        assert client.get(url, {"q": "khánh hòa"}).status_code == 200, url


@pytest.mark.django_db
def test_demo_officer_can_sign_in(demo, client):
    assert client.login(username="motcua_stp", password="congso-demo")
