"""Export → import into an empty database → export gives the same bytes (dossier-record.md), for the
hand-written set (supplements, fees, a stop, withdrawals, a refusal, no due date, an apology note) and
for live-like dossiers made by the generator (the figures before and after: statistics/tests/
test_imported_form06.py, which may import the statistics module)."""

from __future__ import annotations

from pathlib import Path

import time_machine

from congso.catalog.models import AgencyProcedure
from congso.core.clock import vn
from congso.dossiers.generator import Generator, make_applicants, offerings_for
from congso.dossiers.models import Apology, Dossier, DossierEvent, Pause
from congso.dossiers.records.exporter import export_records
from congso.dossiers.records.importer import import_records
from congso.dossiers.records.validate import parse_line
from congso.dossiers.tests.conftest import make_procedure
from congso.identity.models import Agency, Applicant
from congso.outbox.models import OutboxEvent
from congso.places.models import Province

HAND_SET = Path(__file__).parent / "data" / "form06_q1_2025.jsonl"
NOW = vn(2026, 6, 30, 16, 0)


def empty_the_dossier_tables(*, imported_agencies: bool = True) -> None:
    """What a fresh database holds before the import: the catalogue and the agency tree, no dossier (and,
    unless told otherwise, none of the agencies an import created)."""
    OutboxEvent.objects.all().delete()
    Apology.objects.all().delete()
    Pause.objects.all().delete()
    DossierEvent.objects.all().delete()  # a queryset delete: DossierEvent.delete() guards live rows
    Dossier.objects.all().delete()
    Applicant.objects.all().delete()
    if imported_agencies:
        Agency.objects.filter(imported=True).delete()


def import_text(text: str):
    return import_records(text.splitlines(), source="export.jsonl", province_code="56")


def test_the_hand_set_round_trips_byte_for_byte(world):
    make_procedure("2.000001", days=None, unit="unknown")
    Province.objects.create(
        era="legacy",
        code="58",
        name="Tỉnh Ninh Thuận",
        short_name="Ninh Thuận",
        kind="tinh",
        successor=world.province,
    )
    source = HAND_SET.read_text(encoding="utf-8")
    assert import_text(source).created == 18
    first = "".join(export_records())

    # The export says what the file said (the file omits an agency name the export prints).
    given = sorted((parse_line(t) for t in source.splitlines()), key=lambda r: r.code)
    written = [parse_line(t) for t in first.splitlines()]
    assert [r.comparable() for r in written] == [r.comparable() for r in given]
    assert {r.status for r in written} >= {1, 3, 4, 10} and any(r.pauses for r in written)

    empty_the_dossier_tables()
    report = import_text(first)
    assert (report.created, report.errors) == (18, [])
    assert "".join(export_records()) == first


def test_live_dossiers_round_trip(world):
    """Dossiers made by the lifecycle rules (apologies, fees, stops, supplements, withdrawals…)."""
    generate_live(world, 250)
    first = "".join(export_records())
    assert first.count("\n") == 250
    assert Pause.objects.exists() and DossierEvent.objects.filter(action="apologise").exists()

    empty_the_dossier_tables()
    report = import_text(first)
    assert (report.created, report.errors) == (250, [])
    assert "".join(export_records()) == first


def generate_live(world, count: int) -> None:
    for code, days, unit in [("1.000656", "3", "working_day"), ("1.001193", None, "unknown")]:
        AgencyProcedure.objects.create(
            agency=world.justice, procedure=make_procedure(code, days=days, unit=unit)
        )
    with time_machine.travel(NOW, tick=False):
        Generator(
            province_code="56", offerings=offerings_for("56"), applicants=make_applicants(40, seed=5), seed=11
        ).run(count, chunk=100)
