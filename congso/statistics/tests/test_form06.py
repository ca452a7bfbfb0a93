"""Form 06 on the hand-computed week (conftest.week): every figure counted by hand, the identity on
every row, the SQL aggregate equal to the pure rules, and each cell explained by its dossiers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from congso.core.clock import vn
from congso.core.errors import InvalidInput
from congso.statistics import form06, queries, selectors
from congso.statistics.periods import Period
from congso.statistics.tests.conftest import WEEK, do

JUSTICE = {
    # carried over B C K L N O Q; online E; direct/postal F (post), R (counter)
    "received_total": 10,
    "received_online": 1,
    "received_direct_postal": 2,
    "received_carried_over": 7,
    # early N O; on time B (same date) F (withdrawn) L; late K
    "resolved_total": 6,
    "resolved_early": 2,
    "resolved_on_time": 3,
    "resolved_late": 1,
    # within E (due 16/03) Q (fees) R (no due date); overdue C (due 10/03)
    "pending_total": 4,
    "pending_within_time": 3,
    "pending_overdue": 1,
    "on_time_rate": Decimal("83.33"),  # 5 ÷ 6
    "on_time_rate_incl_pending": Decimal("80.00"),  # (3 + 5) ÷ 10
}
COMMUNE = {
    "received_total": 2,  # D, G
    "received_online": 0,
    "received_direct_postal": 2,
    "received_carried_over": 0,
    "resolved_total": 1,
    "resolved_early": 1,
    "resolved_on_time": 0,
    "resolved_late": 0,
    "pending_total": 1,
    "pending_within_time": 1,  # G awaits its supplement
    "pending_overdue": 0,
    "on_time_rate": Decimal("100.00"),
    "on_time_rate_incl_pending": Decimal("100.00"),
}
TOTAL = {k: JUSTICE[k] + COMMUNE[k] for k in form06.COLUMNS} | {
    "on_time_rate": Decimal("85.71"),  # 6 ÷ 7
    "on_time_rate_incl_pending": Decimal("83.33"),  # 10 ÷ 12
}
CELLS = {
    "received_carried_over": "BCKLNOQ",
    "received_online": "E",
    "received_direct_postal": "DFGR",
    "resolved_early": "DNO",
    "resolved_on_time": "BFL",
    "resolved_late": "K",
    "pending_within_time": "EGQR",
    "pending_overdue": "C",
}


def rows_by_code(report):
    return {row.labels["agency"]: row.counts.as_dict() for row in report.rows}


def test_hand_computed_week_by_agency(week):
    report = selectors.form06_report(period=WEEK, province_code="56")
    rows = rows_by_code(report)
    assert list(rows) == ["000.00.00.H56", "000.00.16.H56", "000.01.31.H56"]  # every agency, by code
    assert rows["000.00.16.H56"] == JUSTICE
    assert rows["000.01.31.H56"] == COMMUNE
    assert report.total.as_dict() == TOTAL
    committee = rows["000.00.00.H56"]
    assert committee["received_total"] == 0 and committee["on_time_rate"] is None  # nothing resolved → null


def test_identity_on_every_row_and_a_broken_row_is_refused(week):
    report = selectors.form06_report(period=WEEK, province_code="56")
    for row in [*report.rows, type("T", (), {"counts": report.total})]:
        c = row.counts
        assert c.received_total == c.resolved_total + c.pending_total
    broken = form06.Counts(received_online=1)
    with pytest.raises(form06.IdentityError):
        broken.check_identity("thử")


def test_one_agency_gives_one_row_and_its_total(week):
    report = selectors.form06_report(period=WEEK, agency=week.justice)
    assert [r.labels["agency"] for r in report.rows] == ["000.00.16.H56"]
    assert report.total.as_dict() == JUSTICE


def test_every_cell_lists_the_dossiers_behind_it(week):
    for column, letters in CELLS.items():
        cell = selectors.form06_cell(period=WEEK, column=column, province_code="56")
        assert sorted(cell.values_list("code", flat=True)) == sorted(week.dossiers[x].code for x in letters)


def test_totals_and_agency_cells_match_their_figures(week):
    report = selectors.form06_report(period=WEEK, province_code="56")
    for name in form06.COLUMNS:
        assert selectors.form06_cell(period=WEEK, column=name).count() == getattr(report.total, name)
        got = selectors.form06_cell(period=WEEK, column=name, agency=week.commune).count()
        assert got == COMMUNE[name]


def test_the_sql_aggregate_equals_the_pure_rules(week):
    scope = queries.Scope("56")
    for period in (WEEK, Period(vn(2026, 3, 2).date(), vn(2026, 3, 6).date()), Period.month(2026, 3)):
        in_sql = dict(queries.form06_aggregate(scope, period, group=("agency_id",)))
        in_python = form06.tally(queries.stream_facts(scope, period), period)
        assert {k[0]: v for k, v in in_sql.items()} == in_python


def test_an_earlier_week_replays_statuses_and_due_dates(week):
    """02–06/03: N waits for its supplement (within time), Q awaits fees, K (due 06/03) is open and not
    yet overdue on the 6th, C is open within time; nothing is carried over except K."""
    period = Period(vn(2026, 3, 2).date(), vn(2026, 3, 6).date())
    total = selectors.form06_report(period=period, province_code="56").total
    # received in the week at the counter: A B L C N O Q S → S is refused later but is 5 at To, so counted.
    assert (total.received_direct_postal, total.received_carried_over, total.received_online) == (8, 1, 0)
    assert (total.resolved_total, total.resolved_early) == (1, 1)  # A finished 05/03, due 09/03
    assert (total.pending_within_time, total.pending_overdue) == (8, 0)
    assert total.received_total == total.resolved_total + total.pending_total


def test_a_historic_period_does_not_change_when_dossiers_move_on(week):
    before = selectors.form06_report(period=WEEK, province_code="56")
    cells = {
        c: sorted(selectors.form06_cell(period=WEEK, column=c).values_list("code", flat=True)) for c in CELLS
    }
    d = week.dossiers
    do(d["C"], "finish", vn(2026, 3, 16, 10, 0))
    do(d["E"], "finish", vn(2026, 3, 17, 10, 0))
    do(d["E"], "return_result", vn(2026, 3, 17, 11, 0))
    do(d["G"], "receive_supplement", vn(2026, 3, 16, 9, 0))  # restarts G's due date after the week
    do(d["Q"], "record_payment", vn(2026, 3, 18, 9, 0))  # extends Q's due date after the week
    do(d["B"], "return_result", vn(2026, 3, 16, 9, 0))
    after = selectors.form06_report(period=WEEK, province_code="56")
    assert rows_by_code(after) == rows_by_code(before)
    assert after.total.as_dict() == before.total.as_dict()
    assert {
        c: sorted(selectors.form06_cell(period=WEEK, column=c).values_list("code", flat=True)) for c in CELLS
    } == cells
    # …while the next week carries C E G Q R over, receives J, and sees C (due 10/03) and E (due 16/03,
    # finished 17/03) resolved late.
    nxt = selectors.form06_report(period=Period(vn(2026, 3, 16).date(), vn(2026, 3, 20).date())).total
    assert (nxt.received_carried_over, nxt.received_direct_postal) == (5, 1)
    assert (nxt.resolved_late, nxt.resolved_total, nxt.pending_total) == (2, 2, 4)


def test_by_field_and_level(week):
    report = selectors.form06_report(period=WEEK, province_code="56", group_by="field_level")
    rows = {(r.labels["level"], r.labels["field_name"]): r.counts for r in report.rows}
    assert set(rows) == {("tinh", "Hộ tịch"), ("tinh", "Chứng thực"), ("xa", "Hộ tịch")}
    assert rows[("tinh", "Chứng thực")].pending_within_time == 1  # R, no due date
    assert rows[("xa", "Hộ tịch")].as_dict() == COMMUNE
    assert report.total.as_dict() == TOTAL
    field = next(r.labels["field"] for r in report.rows if r.labels["field_name"] == "Chứng thực")
    cell = selectors.form06_cell(period=WEEK, column="pending_within_time", field_id=field, level="tinh")
    assert list(cell.values_list("code", flat=True)) == [week.dossiers["R"].code]
    with pytest.raises(InvalidInput):
        selectors.form06_cell(period=WEEK, column="pending_within_time", level="huyen")


def test_reports_use_a_fixed_number_of_queries(week, django_assert_max_num_queries):
    """One aggregate (plus the agency list) however many dossiers: nothing is fetched dossier by dossier."""
    # +1 each for the merged-agency links the roll-up reads (rollup.py; one more per level of merger chain).
    with django_assert_max_num_queries(3):
        selectors.form06_report(period=WEEK, province_code="56")
    with django_assert_max_num_queries(4):
        selectors.form06_report(period=WEEK, province_code="56", group_by="field_level")
    with django_assert_max_num_queries(4):  # formula settings are not queries; province, pauses, facts
        selectors.index766_report(period=WEEK, province_code="56")
