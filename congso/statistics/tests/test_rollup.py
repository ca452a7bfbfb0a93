"""Pre-merger units in Form 06: Ninh Thuận's Department of Justice merged into Khánh Hòa's on 01/07/2025,
a district office merged into the Ninh Thuận department before that (a chain), and a district committee
whose dossiers went to a ward committee (another level). Every figure is counted by hand below."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from congso.catalog.models import AgencyProcedure, Procedure
from congso.core.clock import vn
from congso.core.errors import InvalidInput
from congso.identity import services as identity
from congso.identity.choices import AgencyKind
from congso.identity.models import Agency
from congso.places.models import Province
from congso.statistics import form06, render, rollup, selectors
from congso.statistics.periods import Period
from congso.statistics.tests.conftest import counter, do, make_province

YEAR = Period.year(2025)


@pytest.fixture
def merged(db):
    """Five dossiers of 2025 (5 working days each, so every finished one is early):
    K1 at Sở Tư pháp Khánh Hòa, 07/07 → 09/07;  N1 at Sở Tư pháp Ninh Thuận, 02/06 → 04/06;
    N2 at Sở Tư pháp Ninh Thuận, received 20/06 (due 27/06), still open: overdue at 31/12;
    P1 at Phòng Tư pháp Ninh Hải (merged into Sở Tư pháp Ninh Thuận), 10/06 → 12/06;
    H1 at UBND huyện Ninh Hải (its dossiers went to UBND phường Nha Trang), 11/06 → 13/06."""
    p = make_province()
    ninh_thuan = Province.objects.create(
        era="legacy",
        code="58",
        name="Tỉnh Ninh Thuận",
        short_name="Ninh Thuận",
        kind="tinh",
        successor=p.province,
    )

    def old_agency(code: str, name: str, kind: str) -> Agency:
        agency = identity.create_agency(actor=None, code=code, name=name, province=p.province, kind=kind)
        AgencyProcedure.objects.create(agency=agency, procedure=Procedure.objects.get(code="1.001622"))
        return agency

    nt_justice = old_agency("000.00.16.H58", "Sở Tư pháp tỉnh Ninh Thuận", AgencyKind.DEPARTMENT)
    office = old_agency("000.05.16.H58", "Phòng Tư pháp huyện Ninh Hải", AgencyKind.BRANCH)
    district = old_agency("000.05.00.H58", "UBND huyện Ninh Hải", AgencyKind.OTHER)
    p.dossiers["K1"] = do(counter(p, vn(2025, 7, 7, 9, 0)), "finish", vn(2025, 7, 9, 9, 0))
    p.dossiers["N1"] = do(counter(p, vn(2025, 6, 2, 9, 0), agency=nt_justice), "finish", vn(2025, 6, 4, 9, 0))
    p.dossiers["N2"] = counter(p, vn(2025, 6, 20, 9, 0), agency=nt_justice)
    p.dossiers["P1"] = do(counter(p, vn(2025, 6, 10, 9, 0), agency=office), "finish", vn(2025, 6, 12, 9, 0))
    p.dossiers["H1"] = do(counter(p, vn(2025, 6, 11, 9, 0), agency=district), "finish", vn(2025, 6, 13, 9, 0))
    # The reorganisation of 01/07/2025 closed them (set here as the agency list import would).
    Agency.objects.filter(id=office.id).update(successor=nt_justice, former_province=ninh_thuan, active=False)
    Agency.objects.filter(id=nt_justice.id).update(
        successor=p.justice, former_province=ninh_thuan, active=False
    )
    Agency.objects.filter(id=district.id).update(
        successor=p.commune, former_province=ninh_thuan, active=False
    )
    p.nt_justice, p.office, p.district = Agency.objects.get(id=nt_justice.id), office, district
    return p


def counts(**figures: int) -> dict[str, int]:
    base = form06.Counts(**figures)
    return {k: getattr(base, k) for k in form06.COLUMNS}


def figures(row) -> dict[str, int]:  # type: ignore[no-untyped-def]
    return {k: getattr(row.counts, k) for k in form06.COLUMNS}


def rows_by_code(report) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {row.key[0]: row for row in report.rows}


EARLY = counts(received_direct_postal=1, resolved_early=1)


def test_as_was_shows_each_agency_with_its_former_province(merged):
    report = selectors.form06_report(period=YEAR, province_code="56", view="as_was")
    rows = rows_by_code(report)
    assert report.view == "as_was"
    assert figures(rows["000.00.16.H56"]) == EARLY  # K1
    assert figures(rows["000.00.16.H58"]) == counts(
        received_direct_postal=2, resolved_early=1, pending_overdue=1
    )
    assert figures(rows["000.05.16.H58"]) == EARLY  # P1
    assert figures(rows["000.05.00.H58"]) == EARLY  # H1
    assert figures(rows["000.01.31.H56"]) == counts()
    nt = rows["000.00.16.H58"].labels
    assert (nt["former_province"], nt["successor"]) == ("Tỉnh Ninh Thuận", "000.00.16.H56")
    assert rows["000.05.16.H58"].labels["successor"] == "000.00.16.H58"
    assert rows["000.00.16.H56"].labels["former_province"] is None
    assert report.total.received_total == 5


def test_rolled_up_counts_closed_agencies_under_their_current_successor(merged):
    as_was = selectors.form06_report(period=YEAR, province_code="56", view="as_was")
    report = selectors.form06_report(period=YEAR, province_code="56")  # rolled up by default
    rows = rows_by_code(report)
    assert report.view == "rolled_up"
    assert list(rows) == ["000.00.00.H56", "000.00.16.H56", "000.01.31.H56"]  # no closed agency left
    # Khánh Hòa justice = K1 + N1 + N2 + P1 (through Ninh Thuận's department: a chain of two mergers).
    assert figures(rows["000.00.16.H56"]) == counts(
        received_direct_postal=4, resolved_early=3, pending_overdue=1
    )
    assert figures(rows["000.01.31.H56"]) == EARLY  # H1
    included = rows["000.00.16.H56"].labels["includes"]
    assert [(i["agency"], i["former_province"]) for i in included] == [
        ("000.00.16.H58", "Tỉnh Ninh Thuận"),
        ("000.05.16.H58", "Tỉnh Ninh Thuận"),
    ]
    assert report.total == as_was.total  # figures only move
    for row in report.rows:
        assert row.counts.received_total == row.counts.resolved_total + row.counts.pending_total


def test_one_agency_rolled_up_includes_its_predecessors(merged):
    own = selectors.form06_report(period=YEAR, agency=merged.justice, view="as_was")
    assert figures(own.rows[0]) == EARLY
    rolled = selectors.form06_report(period=YEAR, agency=merged.justice)
    expected = counts(received_direct_postal=4, resolved_early=3, pending_overdue=1)
    assert figures(rolled.rows[0]) == expected == {k: getattr(rolled.total, k) for k in form06.COLUMNS}
    assert {i["agency"] for i in rolled.rows[0].labels["includes"]} == {"000.00.16.H58", "000.05.16.H58"}
    closed = selectors.form06_report(period=YEAR, agency=merged.nt_justice)  # N1, N2 and P1
    assert closed.total.received_total == 3


def test_by_field_and_level_moves_a_merged_agency_to_its_successors_level(merged):
    as_was = selectors.form06_report(period=YEAR, province_code="56", group_by="field_level", view="as_was")
    assert [(r.labels["field_name"], r.key[1]) for r in as_was.rows] == [("Hộ tịch", "tinh")]
    assert as_was.rows[0].counts.received_total == 5  # the district committee counted at provincial level
    rolled = selectors.form06_report(period=YEAR, province_code="56", group_by="field_level")
    by_level = {r.key[1]: figures(r) for r in rolled.rows}
    assert by_level == {
        "tinh": counts(received_direct_postal=4, resolved_early=3, pending_overdue=1),
        "xa": EARLY,  # H1, now under the ward committee
    }
    assert rolled.total == as_was.total
    ward = selectors.form06_report(period=YEAR, agency=merged.commune, group_by="field_level")
    assert [(r.key[1], figures(r)) for r in ward.rows] == [("xa", EARLY)]


def test_the_dossiers_behind_a_rolled_up_figure_are_the_figure(merged):
    d = merged.dossiers

    def codes(**kw) -> set[str]:  # type: ignore[no-untyped-def]
        return set(rollup.cell(period=YEAR, province_code="56", **kw).values_list("code", flat=True))

    early = {"column": "resolved_early"}
    assert codes(agency=None, view="rolled_up", row_agency=merged.justice, **early) == {
        d["K1"].code,
        d["N1"].code,
        d["P1"].code,
    }
    assert codes(agency=None, view="as_was", row_agency=merged.justice, **early) == {d["K1"].code}
    assert codes(agency=merged.justice, view="rolled_up", column="pending_overdue") == {d["N2"].code}
    field = merged.dossiers["K1"].procedure_version.field_id
    rolled_ward = codes(agency=None, view="rolled_up", field_id=field, level="xa", column="received_total")
    assert rolled_ward == {d["H1"].code}
    assert (
        len(codes(agency=None, view="rolled_up", field_id=field, level="tinh", column="received_total")) == 4
    )
    assert len(codes(agency=None, view="as_was", field_id=field, level="tinh", column="received_total")) == 5
    assert codes(agency=merged.commune, view="rolled_up", level="tinh", column="received_total") == set()


def test_roll_up_is_pure_arithmetic_and_checks_the_identity():
    a = form06.Counts(received_online=2, resolved_early=1, pending_overdue=1)
    b = form06.Counts(received_carried_over=1, resolved_late=1)
    successor = {"old": "new"}
    moved = rollup.roll_up({"old": a, "new": b, "other": form06.Counts()}, lambda k: successor.get(k, k))
    assert set(moved) == {"new", "other"}
    assert moved["new"] == form06.Counts(2, 0, 1, 1, 0, 1, 0, 1)  # a + b, field by field
    assert a == form06.Counts(received_online=2, resolved_early=1, pending_overdue=1)  # inputs untouched
    broken = form06.Counts(received_online=1)  # received but neither resolved nor pending
    with pytest.raises(form06.IdentityError):
        rollup.roll_up({"x": broken}, lambda k: k)


def test_a_successor_cycle_or_an_unknown_view_is_a_clear_error(merged):
    with pytest.raises(InvalidInput) as caught:
        selectors.form06_report(period=YEAR, province_code="56", view="gop")
    assert caught.value.code == "invalid_view" and "rolled_up" in caught.value.message
    Agency.objects.filter(id=merged.justice.id).update(successor=merged.office)
    with pytest.raises(InvalidInput) as caught:
        selectors.form06_report(period=YEAR, province_code="56")
    assert caught.value.code == "successor_cycle" and "lặp vòng" in caught.value.message


def test_rolling_up_costs_one_query_per_level_of_the_merger_chain(merged, django_assert_max_num_queries):
    report = selectors.form06_report(period=YEAR, province_code="56", view="as_was")
    # The agencies of the rows, then their successors, then the successors' successors (two mergers).
    with django_assert_max_num_queries(3):
        rolled = rollup.apply(report, view="rolled_up")
    assert len(rolled.rows) == 3


def test_json_and_command_carry_the_view_and_write_the_exports(merged, tmp_path):
    data = json.loads(render.form06_json(selectors.form06_report(period=YEAR, province_code="56")))
    assert data["view"] == "rolled_up"
    justice = next(row for row in data["rows"] if row["agency"] == "000.00.16.H56")
    assert justice["received_total"] == 4 and len(justice["includes"]) == 2
    out = io.StringIO()
    args = ["form06", "--from", "2025-01-01", "--to", "2025-12-31"]
    call_command("statistics", *args, "--view", "as_was", "--json", stdout=out)
    as_was = json.loads(out.getvalue())
    assert as_was["view"] == "as_was" and len(as_was["rows"]) == 6
    xlsx, pdf = tmp_path / "bieu06.xlsx", tmp_path / "bieu06.pdf"
    out = io.StringIO()
    call_command("statistics", *args, "--xlsx", str(xlsx), "--pdf", str(pdf), stdout=out)
    assert f"Đã ghi {xlsx}" in out.getvalue() and f"Đã ghi {pdf}" in out.getvalue()
    assert pdf.read_bytes().startswith(b"%PDF") and zipfile.is_zipfile(xlsx)
    shared = zipfile.ZipFile(xlsx).read("xl/sharedStrings.xml").decode()
    assert "Sở Tư pháp (gồm số liệu của: Sở Tư pháp tỉnh Ninh Thuận; Phòng Tư pháp huyện Ninh Hải)" in shared
    with pytest.raises(CommandError, match="Cách xem"):
        call_command("statistics", *args, "--view", "gop", stdout=io.StringIO())
    with pytest.raises(CommandError, match="Không ghi được tệp"):
        call_command("statistics", *args, "--pdf", str(tmp_path / "khong-co" / "x.pdf"), stdout=io.StringIO())
