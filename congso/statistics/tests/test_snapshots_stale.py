"""Keeping snapshots current: an event dated in a closed month (recorded late, or imported with its history)
marks that month and the later built ones stale through the outbox, and the next report rebuilds them,
so the figures are again the live replay's. A changed Decision 766 setting rebuilds every month."""

from __future__ import annotations

import time_machine
from django.db import transaction
from django.test import override_settings

from congso.core.clock import vn
from congso.outbox.models import OutboxEvent
from congso.outbox.services import Message, dispatch_pending, publish
from congso.statistics import handlers, queries
from congso.statistics.models import SnapshotMonth, SnapshotStale
from congso.statistics.periods import Period
from congso.statistics.settings import rules_766
from congso.statistics.snapshots import months, read
from congso.statistics.tests import test_snapshots
from congso.statistics.tests.conftest import counter, do
from congso.statistics.tests.test_snapshots import NOW, live_tallies, tallies_tuple

Q1, Q2 = Period.quarter(2026, 1), Period.quarter(2026, 2)
BY_AGENCY = ("agency_id",)
PROVINCE = queries.Scope("56")

history = test_snapshots.history  # the module-scoped generated year, rebuilt for this module


def composed(period, scope=PROVINCE):
    return dict(read.form06_aggregate(scope, period, group=BY_AGENCY))


def live(period, scope=PROVINCE):
    return dict(queries.form06_aggregate(scope, period, group=BY_AGENCY))


def dispatch_all() -> None:
    while dispatch_pending():
        pass


def stale_months(agency) -> list[str]:
    return [
        months.label(months.index(m))
        for m in SnapshotStale.objects.filter(agency=agency).values_list("month", flat=True).order_by("month")
    ]


def test_a_late_recorded_event_marks_months_and_the_next_report_rebuilds_them(history):
    p = history
    late = counter(p, vn(2026, 3, 30, 9, 0))  # open at the end of March, April and May
    with time_machine.travel(NOW, tick=False):
        dispatch_all()  # its receipt is announced before the months are built: nothing to mark
        assert composed(Q2) == live(Q2)
        assert SnapshotMonth.objects.filter(province_code="56").count() == 2  # April, May
    do(late, "finish", vn(2026, 4, 20, 10, 0))  # recorded with a moment in April
    with time_machine.travel(NOW, tick=False):
        justice = p.justice.id
        before = composed(Q2)
        assert before != live(Q2)  # the rows do not know yet: the outbox has not run
        assert before[(justice,)].resolved_total + 1 == live(Q2)[(justice,)].resolved_total
        dispatch_all()
        assert stale_months(p.justice) == ["04/2026", "05/2026"]  # built months from April on, one agency
        assert composed(Q2) == live(Q2)
        assert not SnapshotStale.objects.exists()  # the report refreshed them
        t = read.tallies_766(PROVINCE, Q2, rules_766())
        assert tallies_tuple(t) == tallies_tuple(live_tallies(PROVINCE, Q2))


def test_an_imported_history_marks_from_its_first_event(history):
    p = history
    with time_machine.travel(NOW, tick=False):
        assert composed(Q1) == live(Q1)
        assert composed(Q2) == live(Q2)  # January–May built
    imported = do(counter(p, vn(2026, 2, 3, 9, 0), agency=p.commune), "finish", vn(2026, 2, 9, 9, 0))
    OutboxEvent.objects.filter(dispatched_at=None).update(dispatched_at=NOW)  # an importer sends one event
    with transaction.atomic():
        publish(
            Message(
                topic=handlers.IMPORTED,
                aggregate_type="dossier",
                aggregate_id=imported.code,
                province_code="56",
                payload={
                    "dossier_id": imported.id,
                    "code": imported.code,
                    "agency_id": p.commune.id,
                    "received_at": imported.received_at.isoformat(),
                    "first_at": imported.received_at.isoformat(),
                },
            ),
            at=NOW,
        )
    with time_machine.travel(NOW, tick=False):
        assert composed(Q1) != live(Q1)
        dispatch_all()
        assert stale_months(p.commune) == ["02/2026", "03/2026", "04/2026", "05/2026"]
        assert composed(Q1) == live(Q1)
        assert stale_months(p.commune) == ["04/2026", "05/2026"]  # a report refreshes only what it reads
        assert composed(Q2) == live(Q2)
        assert stale_months(p.commune) == []


def test_events_of_the_running_month_cost_nothing(history, django_assert_num_queries):
    with time_machine.travel(NOW, tick=False), django_assert_num_queries(0):
        handlers.dossier_changed({"dossier_id": 1, "occurred_at": vn(2026, 6, 2, 9, 0)})


def test_a_changed_766_setting_rebuilds_the_months(history):
    with time_machine.travel(NOW, tick=False):
        read.tallies_766(PROVINCE, Q1, rules_766())
        built = set(SnapshotMonth.objects.values_list("rules", flat=True))
        with override_settings(CONGSO_766_SUPPLEMENT_TIME="due_date"):
            t = read.tallies_766(PROVINCE, Q1, rules_766())
            assert tallies_tuple(t) == tallies_tuple(live_tallies(PROVINCE, Q1))
            assert set(SnapshotMonth.objects.values_list("rules", flat=True)).isdisjoint(built)
