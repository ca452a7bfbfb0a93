"""Snapshots give exactly the live replay's figures (ADR 0004): a year of generated dossiers plus hand-made
stories that cross month ends (refused after receipt, a final stop, a fee pause over a month end, a
withdrawal during a supplement), compared for every month, quarters, years and periods ending mid-month,
by agency and by field and level, for the province and for each agency, Form 06 and the 766 tallies."""

from __future__ import annotations

import pytest
import time_machine
from django.db import transaction

from congso.core.clock import vn
from congso.outbox.models import OutboxEvent
from congso.statistics import queries, selectors
from congso.statistics.index766 import compute
from congso.statistics.models import MonthFigures, MonthRefusals, SnapshotMonth
from congso.statistics.periods import Period
from congso.statistics.settings import rules_766
from congso.statistics.snapshots import build, monthly, months, read
from congso.statistics.snapshots.monthly import FIGURES, Span
from congso.statistics.tests.conftest import counter, do, make_province, online, supplement
from congso.statistics.tests.test_generated import NOW, generate

MONTHS = [Period.month(2025 + (6 + i) // 12, (6 + i) % 12 + 1) for i in range(12)]  # 07/2025 … 06/2026
PERIODS = [
    *MONTHS,
    Period.quarter(2025, 3),
    Period.quarter(2025, 4),
    Period.quarter(2026, 1),
    Period.quarter(2026, 2),  # April and May from snapshots, June (running) live
    Period.year(2025),
    Period.year(2026),  # January–May from snapshots, June–December live
    Period(vn(2025, 11, 1).date(), vn(2026, 4, 30).date()),
    Period(vn(2026, 2, 1).date(), vn(2026, 6, 15).date()),  # ends mid-June
    Period(vn(2026, 1, 1).date(), vn(2026, 3, 20).date()),  # ends mid-March: a closed month's part
    Period(vn(2026, 1, 15).date(), vn(2026, 3, 14).date()),  # starts mid-month: all live
]
GROUPS = [("agency_id",), ("field_id", "agency_kind")]


def stories(p):
    """Hand-made histories whose pieces fall in different months (the generator never refuses after
    receipt)."""
    # Received in February, supplement requested, refused in April (5 → 3): counted received in Feb,
    # carried over in March, gone from every period that contains April.
    s = supplement(counter(p, vn(2026, 2, 10, 9, 0)), vn(2026, 2, 20, 9, 0))
    do(s, "expire_supplement", vn(2026, 4, 10, 9, 0), reason="Quá hạn bổ sung")
    # Received before 2026, refused in February: carried over into Q1, then subtracted.
    s = supplement(counter(p, vn(2025, 12, 29, 9, 0), agency=p.commune), vn(2026, 1, 5, 9, 0))
    do(s, "expire_supplement", vn(2026, 2, 3, 9, 0), reason="Quá hạn bổ sung")
    # Received online in January, refused in the running month (June): the live tail's own refusal.
    s = do(online(p, vn(2026, 1, 11, 20, 0)), "accept", vn(2026, 1, 12, 9, 0))
    s = supplement(s, vn(2026, 3, 16, 9, 0))
    do(s, "expire_supplement", vn(2026, 6, 10, 9, 0), reason="Quá hạn bổ sung")
    # Stopped for good in February: pending within time in every later month.
    do(counter(p, vn(2026, 2, 2, 9, 0)), "stop", vn(2026, 2, 4, 9, 0), reason="Chờ xác minh", final=True)
    # Fee requested on 27/03, paid on 03/04: the due date in force at March's end is the one before.
    f = do(counter(p, vn(2026, 3, 23, 9, 0)), "request_payment", vn(2026, 3, 27, 9, 0), reason="Nộp lệ phí")
    f = do(f, "record_payment", vn(2026, 4, 3, 9, 0))
    do(f, "finish", vn(2026, 4, 20, 9, 0))
    # Overdue at March's end (due 30/03); fees requested in April extend the due date past 31/03: March
    # must still be judged with the due date it had then (the pause ledger's due_before).
    g = do(counter(p, vn(2026, 3, 23, 9, 0)), "request_payment", vn(2026, 4, 1, 9, 0), reason="Nộp lệ phí")
    do(do(g, "record_payment", vn(2026, 4, 10, 9, 0)), "finish", vn(2026, 4, 15, 9, 0))
    # Withdrawn while waiting for a supplement, in May.
    w = supplement(counter(p, vn(2026, 4, 27, 9, 0), agency=p.commune), vn(2026, 4, 29, 9, 0))
    do(w, "withdraw", vn(2026, 5, 6, 9, 0), reason="Công dân rút hồ sơ")


@pytest.fixture(scope="module")
def history(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        province = generate(make_province())
        stories(province)
        # Their outbox rows were dispatched long ago: only what the tests add later is pending.
        OutboxEvent.objects.update(dispatched_at=NOW)
        yield province
        transaction.set_rollback(True)


def _scopes(p):
    return [queries.Scope("56"), *(queries.Scope("56", agency_id=a.id) for a in (p.justice, p.commune))]


def live_tallies(scope, period):
    return compute.tally(queries.stream_facts(scope, period, with_pauses=True), period, rules_766())


def tallies_tuple(t):
    return (t.population, t.on_time, t.completed, t.total_time, t.received_in_period, t.received_online)


@pytest.mark.parametrize("period", PERIODS, ids=[p.label for p in PERIODS])
def test_snapshots_equal_the_live_replay(history, period):
    with time_machine.travel(NOW, tick=False):
        from_snapshots = read.plan(period) is not None
        for scope in _scopes(history):
            for group in GROUPS:
                composed = read.form06_aggregate(scope, period, group=group)
                assert (composed is not None) == from_snapshots
                live = dict(queries.form06_aggregate(scope, period, group=group))
                assert composed is None or dict(composed) == live, (scope, group)
            composed_766 = read.tallies_766(scope, period, rules_766())
            if from_snapshots:
                assert tallies_tuple(composed_766) == tallies_tuple(live_tallies(scope, period)), scope


def test_which_periods_come_from_snapshots(history):
    with time_machine.travel(NOW, tick=False):
        plans = {p.label: read.plan(p) for p in PERIODS}
    assert plans["Tháng 06/2026"] is None  # the running month is replayed live
    assert plans["Từ 15/01/2026 đến 14/03/2026"] is None  # starts mid-month
    q2 = plans["Quý 2/2026"]
    assert (q2.first, q2.last) == (2026 * 12 + 3, 2026 * 12 + 4)
    assert q2.tail == Period(vn(2026, 6, 1).date(), vn(2026, 6, 30).date())
    march = plans["Từ 01/01/2026 đến 20/03/2026"]
    assert march.last == 2026 * 12 + 1 and march.tail.first == vn(2026, 3, 1).date()
    assert plans["Năm 2025"].tail is None


def test_reports_read_the_snapshot_rows(history, monkeypatch):
    """The selectors take closed months from the rows (built on first use), with the same report."""
    year = Period.year(2026)
    with time_machine.travel(NOW, tick=False):
        reports = {
            g: selectors.form06_report(period=year, province_code="56", group_by=g)
            for g in ("agency", "field_level")
        }
        index = selectors.index766_report(period=year, province_code="56")
        assert SnapshotMonth.objects.filter(province_code="56").count() == 5  # January–May 2026
        assert MonthFigures.objects.filter(province_code="56").exists()
        assert MonthRefusals.objects.filter(province_code="56").count() == 2  # refused in February and April
        monkeypatch.setattr(read, "form06_aggregate", lambda *a, **k: None)
        monkeypatch.setattr(read, "tallies_766", lambda *a, **k: None)
        for g, report in reports.items():
            live = selectors.form06_report(period=year, province_code="56", group_by=g)
            assert [(r.key, r.counts) for r in report.rows] == [(r.key, r.counts) for r in live.rows]
            assert report.total == live.total
        live_index = selectors.index766_report(period=year, province_code="56")
    assert [(r.numerator, r.denominator, r.score) for r in index.indicators] == [
        (r.numerator, r.denominator, r.score) for r in live_index.indicators
    ]
    assert index.total == live_index.total


class _InThisThread:
    """Stands in for the thread pool: the history of this module lives in an uncommitted transaction
    that other connections cannot see, so the parts run one after another on this connection."""

    def __init__(self, max_workers: int):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def map(self, fn, items):
        return [list(monthly.figures(span, rules_766())) for span in items]


def test_disjoint_parts_of_the_dossiers_add_up_to_the_whole(history, monkeypatch):
    """A rebuild on PostgreSQL splits the dossiers by id over several connections (build.PARTS): the
    figures and the refusals after receipt of the parts, added up, are those of one pass."""
    monkeypatch.setattr(build, "ThreadPoolExecutor", _InThisThread)
    with time_machine.travel(NOW, tick=False):
        span = Span(history.province.code, months.index(MONTHS[0].first), months.current() - 1, whole=True)

        def keyed(parts):
            figures, refusals = build._rows(span, rules_766(), parts)
            return (
                {(r.month, r.agency_id, r.field_id): [getattr(r, f) for f in FIGURES] for r in figures},
                {(r.refused_month, r.received_month, r.agency_id, r.field_id, r.channel): r.dossiers
                 for r in refusals},
            )  # fmt: skip

        whole, three = keyed(1), keyed(3)
    assert whole == three
    assert whole[1], "the stories refuse dossiers after receipt: the refusals are compared too"
    assert sum(row[FIGURES.index("received_online")] for row in whole[0].values()) > 0
