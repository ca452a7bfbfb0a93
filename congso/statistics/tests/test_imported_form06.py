"""Form 06 over an imported history (congso/dossiers/tests/data/form06_q1_2025.jsonl), every figure
classified by hand.

Eighteen dossiers, letters A–R (each record's TrichYeuHoSo starts with its letter), received by the
Department of Justice (000.00.16.H56), a ward committee (000.01.31.H56) and the former Ninh Thuận
Department of Justice (000.00.16.H58, unknown before the import: created from its record). Due dates
are the records' own (kept as given). Form 06 (Circular 01/2020/TT-VPCP, domain.md §9.1) compares
calendar dates; a report for a past period replays the history rows, so C and M, whose CURRENT status
is 10, still count as pending in the periods that ended while they were open.

Per dossier (Feb = 02/2025, Mar = 03/2025, Q1 = 01–03/2025, Apr = 04/2025):
  A  received 10/01, due 17/01, ended 15/01          Q1 direct, early;  Feb/Mar/Apr not counted (ended before)
  B  received 20/01, due 05/02 09:00, ended 05/02 15:00
                                                     Feb carried over, on time (same date); Q1 direct, on time
  C  online, received 25/02, due 04/03, ended 10/03  Feb online, pending within (status 4 at 28/02, due ≥ 28/02);
                                                     Mar carried over, late; Q1 online, late
  D  received 10/02, due 17/02, still processing     Feb direct, overdue; Mar/Q1/Apr overdue (Mar, Apr carried)
  E  received 03/03, supplement 05/03→12/03, due moved to 19/03, ended 18/03
                                                     Mar direct, early; Q1 direct, early
  F  received 20/02, supplement 24/02→05/03, due 12/03, ended 11/03
                                                     Feb direct, pending within (waiting for the supplement);
                                                     Mar carried over, early; Q1 direct, early
  G  received 13/02, withdrawn 18/02                 Feb direct, on time (withdrawn); Q1 direct, on time
  H  online, refused 06/02 (1 → 3)                   never counted
  I  online, submitted 27/03, never received         never counted
  J  no time limit, received 14/02, ended 20/03      Feb direct, pending within (no due date);
                                                     Mar carried over, on time (no due date); Q1 direct, on time
  K  received 20/12/2024, due 27/12/2024, still open  carried over and overdue in every period
  L  received 26/12/2024, due 03/01 14:00, ended 03/01 08:00
                                                     Q1 carried over, on time (same date)
  M  received 24/03, fees 27/03→02/04, due 04/04, ended 03/04
                                                     Mar direct, pending within (awaiting fees at 31/03);
                                                     Q1 the same; Apr carried over, early
  N  Ninh Thuận, received 15/01, due 22/01, ended 24/01
                                                     Q1 direct, late
  O  Ninh Thuận, online, received 27/02, due 06/03, still processing
                                                     Feb online, pending within (06/03 ≥ 28/02);
                                                     Mar carried over, overdue; Q1 online, overdue; Apr overdue
  P  ward, by post, received 03/02, stopped 06/02→14/02, due 18/02, ended 17/02
                                                     Feb direct/postal, early; Q1 the same
  Q  received 03/03, due 10/03, apology 05/03 (new date 14/03), ended 13/03
                                                     Mar direct, late (the due date never moves); Q1 the same
  R  received 31/01 15:00, due 10/02, untouched until 03/03, ended 05/03
                                                     Feb carried over, overdue; Mar carried over, late; Q1 direct, late
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.db import transaction

from congso.dossiers.generator import Generator, make_applicants, offerings_for
from congso.dossiers.records.exporter import export_records
from congso.dossiers.records.importer import import_records
from congso.dossiers.tests.test_records_roundtrip import NOW, empty_the_dossier_tables
from congso.identity.models import Agency
from congso.outbox.services import dispatch_pending
from congso.places.models import Province
from congso.statistics import form06, selectors
from congso.statistics.periods import Period
from congso.statistics.tests.conftest import make_province

DATA = Path(__file__).resolve().parents[2] / "dossiers" / "tests" / "data" / "form06_q1_2025.jsonl"
JUSTICE, WARD, NINH_THUAN = "000.00.16.H56", "000.01.31.H56", "000.00.16.H58"
FEB, MAR, Q1, APR = (
    Period.month(2025, 2),
    Period.month(2025, 3),
    Period.quarter(2025, 1),
    Period.month(2025, 4),
)
COLUMNS = list(
    form06.DETAIL_COLUMNS
)  # online, direct/postal, carried over, early, on time, late, within, overdue


def row(online, direct, carried, early, on_time, late, within, overdue) -> dict[str, int]:
    return dict(zip(COLUMNS, (online, direct, carried, early, on_time, late, within, overdue), strict=True))


EXPECTED = {
    FEB: {
        # online C; direct D F G J; carried B K R | on time B G | within C F J; overdue D K R
        JUSTICE: row(1, 4, 3, 0, 2, 0, 3, 3),
        WARD: row(0, 1, 0, 1, 0, 0, 0, 0),  # P early
        NINH_THUAN: row(1, 0, 0, 0, 0, 0, 1, 0),  # O within
    },
    MAR: {
        # direct E M Q; carried C D F J K R | early E F; on time J; late C Q R | within M; overdue D K
        JUSTICE: row(0, 3, 6, 2, 1, 3, 1, 2),
        WARD: row(0, 0, 0, 0, 0, 0, 0, 0),
        NINH_THUAN: row(0, 0, 1, 0, 0, 0, 0, 1),  # O carried over, overdue
    },
    Q1: {
        # online C; direct A B D E F G J M Q R; carried K L | early A E F; on time B G J L; late C Q R
        # | within M; overdue D K
        JUSTICE: row(1, 10, 2, 3, 4, 3, 1, 2),
        WARD: row(0, 1, 0, 1, 0, 0, 0, 0),  # P early
        NINH_THUAN: row(1, 1, 0, 0, 0, 1, 0, 1),  # N late; O overdue
    },
    APR: {
        # carried D K M | early M | overdue D K
        JUSTICE: row(0, 0, 3, 1, 0, 0, 0, 2),
        WARD: row(0, 0, 0, 0, 0, 0, 0, 0),
        NINH_THUAN: row(0, 0, 1, 0, 0, 0, 0, 1),
    },
}
TOTALS = {  # received, resolved, pending, on-time rate, rate including pending within time
    FEB: (10, 3, 7, Decimal("100.00"), Decimal("70.00")),  # (1 + 2) ÷ 3; (4 + 3) ÷ 10
    MAR: (10, 6, 4, Decimal("50.00"), Decimal("40.00")),  # (2 + 1) ÷ 6; (1 + 3) ÷ 10
    Q1: (16, 12, 4, Decimal("66.67"), Decimal("56.25")),  # (4 + 4) ÷ 12; (1 + 8) ÷ 16
    APR: (4, 1, 3, Decimal("100.00"), Decimal("25.00")),  # 1 ÷ 1; (0 + 1) ÷ 4
}
CELLS = {  # the dossiers behind some February and March figures, by letter
    (FEB, "received_carried_over"): "BKR",
    (FEB, "pending_within_time"): "CFJO",
    (FEB, "pending_overdue"): "DKR",
    (MAR, "resolved_late"): "CQR",
    (MAR, "pending_within_time"): "M",
    (Q1, "resolved_on_time"): "BGJL",
}


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """Imported once per module in a transaction rolled back at its end (tests run in savepoints)."""
    with django_db_blocker.unblock(), transaction.atomic():
        p = make_province()
        Province.objects.create(
            era="legacy", code="58", name="Tỉnh Ninh Thuận", short_name="Ninh Thuận", kind="tinh",
            successor=p.province,
        )  # fmt: skip
        with DATA.open(encoding="utf-8") as lines:
            report = import_records(lines, source=DATA.name, province_code="56")
        yield report
        transaction.set_rollback(True)


def test_the_whole_set_imports(imported):
    assert (imported.created, imported.updated, imported.unchanged, imported.errors) == (18, 0, 0, [])


@pytest.mark.parametrize("period", list(EXPECTED), ids=[p.label for p in EXPECTED])
def test_form06_by_agency_matches_the_hand_count(imported, period):
    report = selectors.form06_report(period=period, province_code="56")
    figures = {r.labels["agency"]: {c: getattr(r.counts, c) for c in COLUMNS} for r in report.rows}
    assert {code: figures[code] for code in EXPECTED[period]} == EXPECTED[period]
    others = {code: f for code, f in figures.items() if code not in EXPECTED[period]}
    assert all(not any(f.values()) for f in others.values()), others  # the provincial committee: nothing
    received, resolved, pending, rate, rate_incl = TOTALS[period]
    total = report.total
    assert (total.received_total, total.resolved_total, total.pending_total) == (received, resolved, pending)
    assert total.received_total == total.resolved_total + total.pending_total
    assert (total.on_time_rate, total.on_time_rate_incl_pending) == (rate, rate_incl)
    by_field = selectors.form06_report(period=period, province_code="56", group_by="field_level").total
    assert by_field.as_dict() == total.as_dict()


@pytest.mark.parametrize(("period", "column"), list(CELLS), ids=[f"{p.label}-{c}" for p, c in CELLS])
def test_each_cell_lists_its_dossiers(imported, period, column):
    dossiers = selectors.form06_cell(period=period, column=column, province_code="56")
    assert "".join(sorted(d.summary[0] for d in dossiers)) == CELLS[(period, column)]


def test_the_unknown_ninh_thuan_agency_was_created_for_an_administrator_to_place(imported):
    row = next(
        r
        for r in selectors.form06_report(period=Q1, province_code="56").rows
        if r.labels["agency"] == NINH_THUAN
    )
    assert row.labels["name"] == "Sở Tư pháp tỉnh Ninh Thuận"
    agency = Agency.objects.get(code=NINH_THUAN)
    assert agency.imported and agency.parent is None and agency.province.code == "56"


def test_live_history_exported_and_imported_again_gives_the_same_figures(imported):
    """The imported set plus generated dossiers (the lifecycle's own rows) → records → an empty database →
    the same Form 06 and Decision 766 figures: the import loses nothing a report reads."""
    with time_machine.travel(NOW, tick=False):
        applicants = make_applicants(40, seed=5)
        Generator(province_code="56", offerings=offerings_for("56"), applicants=applicants, seed=11).run(250)
    periods = [
        Q1,
        Period.month(2026, 3),
        Period.quarter(2026, 2),
        Period(date(2025, 7, 1), date(2026, 6, 30)),
    ]

    def figures():
        with time_machine.travel(NOW, tick=False):
            return [
                (
                    selectors.form06_report(period=p, province_code="56").total.as_dict(),
                    selectors.form06_report(
                        period=p, province_code="56", group_by="field_level"
                    ).total.as_dict(),
                    selectors.index766_report(period=p, province_code="56").indicators,
                )
                for p in periods
            ]

    before = figures()
    assert all(form["received_total"] and form["resolved_late"] for form, _, _ in before[1:])
    exported = "".join(export_records())
    # Same agency rows (their ids key the statistics snapshots), no dossier.
    empty_the_dossier_tables(imported_agencies=False)
    assert import_records(exported.splitlines(), source="x.jsonl", province_code="56").created == 268
    while dispatch_pending():  # the read models hear of the imported dossiers (outbox, dossiers.imported)
        pass
    assert figures() == before
