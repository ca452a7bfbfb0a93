"""A few hundred generated dossiers (congso.dossiers.generator: the lifecycle rules at simulated moments):
the Form 06 identity on every row of several periods, the SQL aggregate equal to the pure rules, every
cell explained by exactly its figure, and the replay agreeing with the outcomes the lifecycle stored."""

from __future__ import annotations

import pytest
import time_machine
from django.db import transaction

from congso.catalog.models import AgencyProcedure
from congso.core.clock import local, vn
from congso.dossiers.generator import Generator, make_applicants, offerings_for
from congso.dossiers.models import Dossier
from congso.statistics import form06, queries, selectors
from congso.statistics.index766 import compute, timeliness
from congso.statistics.periods import Period
from congso.statistics.settings import rules_766
from congso.statistics.tests.conftest import make_procedure, make_province

NOW = vn(2026, 6, 30, 16, 0)
PERIODS = [
    Period.month(2026, 3),
    Period.quarter(2026, 2),
    Period.year(2026),  # runs past NOW: judged at 31/12 as the form says
    Period(vn(2025, 12, 1).date(), vn(2026, 2, 14).date()),  # Tết holidays inside
    Period(vn(2026, 5, 5).date(), vn(2026, 5, 5).date()),  # one day
    Period(vn(2025, 7, 1).date(), vn(2026, 6, 30).date()),  # the whole generated year
]


@pytest.fixture(scope="module")
def generated(django_db_setup, django_db_blocker):
    """Generated once per module in a transaction rolled back at its end (tests run in savepoints)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield generate(make_province())
        transaction.set_rollback(True)


def generate(province):
    for code, days, unit in [
        ("1.000656", "3", "working_day"),
        ("2.000815", "15", "calendar_day"),
        ("1.001193", None, "unknown"),
        ("1.000894", "8", "hour"),
    ]:
        procedure = make_procedure(code, days=days, unit=unit, field_name="Lĩnh vực " + code[-3:])
        for agency in (province.justice, province.commune):
            AgencyProcedure.objects.create(agency=agency, procedure=procedure)
    applicants = make_applicants(40, seed=3)
    with time_machine.travel(NOW, tick=False):
        Generator(province_code="56", offerings=offerings_for("56"), applicants=applicants, seed=7).run(
            300, chunk=150
        )
    return province


@pytest.mark.parametrize("period", PERIODS, ids=[p.label for p in PERIODS])
def test_form06_identity_and_cells_on_generated_history(generated, period):
    with time_machine.travel(NOW, tick=False):
        report = selectors.form06_report(period=period, province_code="56")
        for grouping in ("agency", "field_level"):
            rows = selectors.form06_report(period=period, province_code="56", group_by=grouping).rows
            for row in rows:
                c = row.counts
                assert c.received_total == c.resolved_total + c.pending_total
        assert report.total.received_total == report.total.resolved_total + report.total.pending_total
        scope = queries.Scope("56")
        python = form06.tally(queries.stream_facts(scope, period), period)
        sql = {k[0]: v for k, v in queries.form06_aggregate(scope, period, group=("agency_id",))}
        assert python == sql
        for column in form06.COLUMNS:
            assert selectors.form06_cell(period=period, column=column).count() == getattr(
                report.total, column
            )


def test_the_generated_year_is_not_trivial(generated):
    total = selectors.form06_report(period=PERIODS[-1], province_code="56").total
    assert total.received_online and total.received_direct_postal and total.resolved_late
    assert total.pending_total and total.received_total > 250
    march = selectors.form06_report(period=PERIODS[0], province_code="56").total
    assert march.received_carried_over > 0


def test_replay_agrees_with_the_outcomes_the_lifecycle_stored(generated):
    """For dossiers ended in the period, Form 06's column is the stored `outcome`; without a supplement,
    rule 2.1 is the stored `on_time_766` (with one, 766 subtracts the citizen's time instead of trusting
    the restarted due date: ADR 0002)."""
    rules = rules_766()
    period = PERIODS[-1]
    stored = {d.id: d for d in Dossier.objects.all()}
    column_of = {"early": "resolved_early", "on_time": "resolved_on_time", "late": "resolved_late"}
    checked = 0
    for fact in queries.stream_facts(queries.Scope("56"), period, with_pauses=True):
        dossier = stored[fact.id]
        assert fact.status_to == dossier.status  # the generated year ends at NOW
        assert fact.received == dossier.received_at and fact.due == dossier.due_at
        if fact.ended is None or not form06.included(fact, period):
            continue
        assert fact.ended == dossier.ended_at
        assert form06.resolved_column(fact) == column_of[dossier.outcome]
        if not any(p.kind == 5 for p in fact.pauses):
            assert timeliness.judge(fact, period, rules).on_time == dossier.on_time_766, dossier.code
        checked += 1
    assert checked > 200


def test_index766_on_generated_history(generated):
    rules = rules_766()
    for period in PERIODS[:3]:
        with time_machine.travel(NOW, tick=False):
            report = selectors.index766_report(period=period, province_code="56")
            total = selectors.form06_report(period=period, province_code="56").total
        r21 = next(r for r in report.indicators if r.indicator.code == "2.1")
        facts = list(queries.stream_facts(queries.Scope("56"), period, with_pauses=True))
        refused_in_period = sum(1 for f in facts if timeliness.in_population(f, period) and f.status_to == 3)
        # 766 counts Form 06's received dossiers plus those refused after receipt during the period.
        assert r21.denominator == total.received_total + refused_in_period
        assert 0 < r21.numerator <= r21.denominator
        assert compute.tally(facts, period, rules).on_time == r21.numerator
        assert r21.score is not None and 0 <= r21.score <= 20


def test_a_month_s_local_dates_are_vietnamese_days(generated):
    """A dossier received at 23:30 UTC on the last day of a month belongs to the next month in Viet Nam."""
    period = Period.month(2026, 4)
    codes = set(
        selectors.form06_cell(period=period, column="received_direct_postal").values_list("code", flat=True)
    )
    codes |= set(
        selectors.form06_cell(period=period, column="received_online").values_list("code", flat=True)
    )
    refused_by_then = Dossier.objects.filter(refused_at__lt=period.end)  # 3 at To: not in Form 06
    expected = {
        d.code
        for d in Dossier.objects.exclude(received_at=None).difference(refused_by_then)
        if local(d.received_at).date().month == 4 and local(d.received_at).year == 2026
    }
    assert codes == expected
