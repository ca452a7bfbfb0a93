"""The hand-computed week (conftest.build_week: a second supplement, a subtracted supplement, fees, a
refusal after receipt, no due date) seen from May, when February to April are closed: snapshot figures
equal the live replay under every Decision 766 choice of ADR 0002 that changes a verdict."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.test import override_settings

from congso.core.clock import vn
from congso.statistics import queries
from congso.statistics.periods import Period
from congso.statistics.settings import rules_766
from congso.statistics.snapshots import read
from congso.statistics.tests.test_snapshots import GROUPS, live_tallies, tallies_tuple

MAY = vn(2026, 5, 5, 9, 0)
PERIODS = [
    Period.month(2026, 2),
    Period.month(2026, 3),
    Period.quarter(2026, 1),
    Period(date(2026, 3, 1), date(2026, 4, 30)),
    Period(date(2026, 2, 1), date(2026, 5, 20)),  # April from the rows, May live
]
CHOICES = [
    {},
    {"CONGSO_766_SUPPLEMENT_TIME": "due_date"},
    {"CONGSO_766_NO_DUE_MAX_DAYS": "3"},
    {"CONGSO_766_NO_DUE_MAX_DAYS": "30"},
]


@pytest.mark.parametrize("choice", CHOICES, ids=["default", "due_date", "no_due_3", "no_due_30"])
def test_the_week_from_snapshots_under_every_choice(week, choice):
    scopes = [
        queries.Scope("56"),
        *(queries.Scope("56", agency_id=a.id) for a in (week.justice, week.commune)),
    ]
    with time_machine.travel(MAY, tick=False), override_settings(**choice):
        rules = rules_766()
        for period in PERIODS:
            assert read.plan(period) is not None
            for scope in scopes:
                for group in GROUPS:
                    composed = dict(read.form06_aggregate(scope, period, group=group))
                    assert composed == dict(queries.form06_aggregate(scope, period, group=group))
                t = read.tallies_766(scope, period, rules)
                assert tallies_tuple(t) == tallies_tuple(live_tallies(scope, period)), (period, scope)
