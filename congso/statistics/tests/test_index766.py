"""Decision 766 on the hand-computed week: rule 2.1 dossier by dossier, 2.2, the partial 3.3, N/A rows
with their reasons, and the formula set chosen by the period."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from congso.core.clock import vn
from congso.core.errors import InvalidInput
from congso.statistics import queries, selectors
from congso.statistics.index766 import timeliness
from congso.statistics.index766.formulas import WAITS_FOR, formula_set_for
from congso.statistics.periods import Period
from congso.statistics.settings import rules_766
from congso.statistics.tests.conftest import WEEK

ON_TIME = "LNQDEFGRS"
LATE = "BCKO"
REASONS = {
    "B": "finished",  # 15:00 after a 09:00 due moment
    "C": "open",  # judged at 13/03 23:59:59, due 10/03 10:00
    "K": "finished",
    "O": "several_supplements",
    "L": "finished",
    "N": "finished",
    "Q": "paused",
    "S": "supplement_not_completed",
    "G": "supplement_not_completed",
    "D": "finished",
    "E": "open",
    "F": "withdrawn",
    "R": "no_due_date",
}


def by_indicator(report):
    return {r.indicator.code: r for r in report.indicators}


def test_rule_21_dossier_by_dossier(week):
    rules = rules_766()
    facts = {f.code: f for f in queries.stream_facts(queries.Scope("56"), WEEK, with_pauses=True)}
    letters = {week.dossiers[x].code: x for x in week.dossiers}
    population = {letters[c] for c, f in facts.items() if timeliness.in_population(f, WEEK)}
    assert population == set(ON_TIME + LATE)  # S too: refused after receipt during the week
    for code, f in facts.items():
        x = letters[code]
        if x in population:
            verdict = timeliness.judge(f, WEEK, rules)
            assert (verdict.on_time, verdict.reason) == (x in ON_TIME, REASONS[x]), x


def test_indicator_21_and_22_on_the_week(week):
    report = selectors.index766_report(period=WEEK, province_code="56")
    rows = by_indicator(report)
    r21 = rows["2.1"]
    assert (r21.numerator, r21.denominator, r21.ratio) == (9, 13, Fraction(9, 13))
    assert r21.score == Decimal("13.85")  # 20 × 9/13 = 13.846…
    r22 = rows["2.2"]
    # B 174 h, L 167 h, K 265 h, N 68 h (7 days 5 hours with the citizen subtracted), O 143 h, D 50 h
    assert (r22.numerator, r22.denominator) == (Decimal("36.13"), 6)
    assert r22.ratio == Fraction(867, 24 * 6) and r22.score is None and r22.status == "info"
    assert report.formula.version == "2026"
    progress = next(g for g in report.groups if g.code == "progress")
    assert (progress.score, progress.available_points) == (Decimal("13.85"), 20)
    assert (report.total, report.total_available) == (Decimal("13.85"), 20)


def test_indicator_21_cells(week):
    def codes(part):
        return sorted(selectors.index766_cell(period=WEEK, part=part).values_list("code", flat=True))

    assert codes("numerator") == sorted(week.dossiers[x].code for x in ON_TIME)
    assert codes("late") == sorted(week.dossiers[x].code for x in LATE)
    assert len(codes("denominator")) == 13


def test_an_agency_and_a_commune_committee(week):
    justice = selectors.index766_report(period=WEEK, agency=week.justice)
    commune = selectors.index766_report(period=WEEK, agency=week.commune)
    assert (justice.unit.kind, commune.unit.kind) == ("agency", "commune")
    assert (by_indicator(commune)["2.1"].numerator, by_indicator(commune)["2.1"].denominator) == (2, 2)
    assert by_indicator(commune)["2.1"].score == Decimal("20.00")
    assert (by_indicator(justice)["2.1"].numerator, by_indicator(justice)["2.1"].denominator) == (7, 11)
    for code in ("1.2", "3", "4.5a", "4.5b"):  # province only
        row = by_indicator(commune)[code]
        assert row.score is None and "cấp tỉnh" in row.reason


def test_every_other_indicator_is_na_with_the_system_it_waits_for(week):
    report = selectors.index766_report(period=WEEK, province_code="56")
    for row in report.indicators:
        if row.indicator.code in ("2.1", "2.2"):
            continue
        assert row.score is None, row.indicator.code
        assert row.status in ("na", "info", "partial")
        assert any(text in row.reason for text in WAITS_FOR.values()), row.indicator.code
    for group in report.groups:
        if group.code != "progress":
            assert (group.score, group.available_points) == (None, 0)


def test_the_2022_set_shows_online_share_without_scoring_it(week, settings):
    settings.CONGSO_766_2026_FROM = "2027-01-01"
    report = selectors.index766_report(period=WEEK, province_code="56")
    assert report.formula.version == "2022-08"
    r33 = by_indicator(report)["3.3"]
    # received in the week (Form 06): D E F G R, of which E online
    assert (r33.numerator, r33.denominator, r33.ratio, r33.score, r33.status) == (
        1,
        5,
        Fraction(1, 5),
        None,
        "partial",
    )
    assert [i.code for i in report.formula.in_group("online")] == ["3.1", "3.2", "3.3"]


def test_the_formula_set_follows_the_period():
    rules = rules_766()
    assert formula_set_for(vn(2025, 12, 31).date(), rules).version == "2022-08"
    assert formula_set_for(vn(2026, 1, 1).date(), rules).version == "2026"
    for day in (vn(2025, 6, 1).date(), vn(2026, 6, 1).date()):
        formula = formula_set_for(day, rules)
        assert sum(g.points for g in formula.groups) == 100
        for group in formula.groups:
            if group.code != "payment":  # 6A + min(2, 2.5B) + min(2, 2.5C) has at most 10 points
                assert sum(i.points for i in formula.in_group(group.code)) == group.points, group.code
    with pytest.raises(InvalidInput):
        formula_set_for(vn(2022, 7, 31).date(), rules)


def test_rule_settings_change_the_rows_they_concern(settings):
    settings.CONGSO_766_DIGITISED_RULE = "target80"
    settings.CONGSO_766_PAYMENT_C_CAP = False
    formula = formula_set_for(vn(2026, 1, 1).date(), rules_766())
    rows = {i.code: i for i in formula.indicators}
    assert (rows["4.2"].rule, rows["4.2"].target) == ("target", Fraction(4, 5))
    assert rows["C"].cap is False
    settings.CONGSO_766_SUPPLEMENT_TIME = "never"
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        rules_766()


def test_a_period_before_the_index_is_refused(week):
    with pytest.raises(InvalidInput):
        selectors.index766_report(period=Period.month(2022, 7), province_code="56")


def test_cell_id_lists_pass_as_one_parameter(week):
    """A province-year cell can list more ids than PostgreSQL (65,535) or SQLite bind parameters allow."""
    ids = [*range(10**9, 10**9 + 70_000), week.dossiers["K"].id]
    assert len(queries.ids_in(ids)[1]) == 1
    cell = queries.dossiers_with_ids(ids)
    assert list(cell.values_list("code", flat=True)) == [week.dossiers["K"].code]
