"""A period's figures from the monthly snapshots plus a live tail (ADR 0004).

A period that starts on the first day of a month is cut into its closed whole months (snapshot rows, built
when missing or stale) and a tail from the running month's start (or the first month past the last whole
one) to To, replayed live. The pieces compose exactly because, after receipt, a dossier only moves among
the open statuses until it ends (7, 9, 10: never reopened) or is refused (5 → 3, terminal)
(`dossiers.lifecycle.ALLOWED`):

- flows (received online/direct, resolved by outcome, rule 2.1's ended population and its verdicts, 2.2)
  are sums over the pieces: a dossier is received once and ends once, and an ended dossier's facts no
  longer change;
- carried over is the first piece's, pending and rule 2.1's open population the last piece's;
- a dossier refused after receipt leaves Form 06 for any period containing its refusal but was counted,
  as received or carried over, by the pieces before: those are subtracted (MonthRefusals, and the tail's
  own refusals).

Anything else (a period starting mid-month, a field or level cell, one agency kind) is replayed live.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Q, Sum

from congso.core import clock
from congso.identity.models import Agency
from congso.statistics import form06, queries
from congso.statistics.index766.compute import Tallies
from congso.statistics.models import MonthFigures, MonthRefusals, SnapshotMonth
from congso.statistics.periods import Period
from congso.statistics.queries import Scope
from congso.statistics.settings import Rules766, rules_766
from congso.statistics.snapshots import build, months, stale
from congso.statistics.snapshots.parts import Accumulator, Figures, Key

Refusal = tuple[int, int | None, int, int, int]  # agency, field, channel, month of receipt, dossiers
STOCK_AT_END = ("pending_within_time", "pending_overdue")
OPEN_AT_END = ("open_end", "open_end_on_time")
FLOWS = ("received_online", "received_direct_postal", "resolved_early", "resolved_on_time", "resolved_late")


@dataclass(frozen=True)
class Plan:
    first: int  # first snapshot month
    last: int  # last snapshot month
    tail: Period | None  # replayed live: from the month after `last` to To


def plan(period: Period, today: date | None = None) -> Plan | None:
    """How to cut a period, or None when it has no closed whole month to take from the snapshots."""
    if period.first.day != 1:
        return None
    today = today or clock.local(clock.now()).date()
    first = months.index(period.first)
    whole = months.index(period.last) - (
        0 if period.last == months.period(months.index(period.last)).last else 1
    )
    last = min(whole, months.index(today) - 1)
    if last < first:
        return None
    tail_first = months.period(last).last + timedelta(days=1)
    return Plan(first, last, Period(tail_first, period.last) if tail_first <= period.last else None)


def _supported(scope: Scope) -> bool:
    return scope.field_id is None and not scope.no_field and not scope.agency_kinds


def ensure(province_code: str, first: int, last: int, agency_id: int | None = None) -> None:
    """Build the months that are missing or were built under other rules, then refresh stale agencies."""
    if not _needs(province_code, first, last, agency_id):
        return
    with transaction.atomic():
        stale.lock(province_code)  # re-checked under the lock: a concurrent page may have built them
        key = build.rules_key(rules_766())
        built = dict(
            SnapshotMonth.objects.filter(
                province_code=province_code,
                month__gte=months.first_day(first),
                month__lte=months.first_day(last),
            ).values_list("month", "rules")
        )
        missing = [k for k in range(first, last + 1) if built.get(months.first_day(k)) != key]
        if missing:
            build.build(province_code=province_code, first=min(missing), last=max(missing))
        marked = stale.pending(province_code, first, last, agency_id)
        if marked:
            build.build(
                province_code=province_code,
                first=min(k for _, _, k in marked),
                last=max(k for _, _, k in marked),
                agency_ids=tuple({agency for _, agency, _ in marked}),
            )


def _needs(province_code: str, first: int, last: int, agency_id: int | None) -> bool:
    key = build.rules_key(rules_766())
    current = SnapshotMonth.objects.filter(
        province_code=province_code,
        month__gte=months.first_day(first),
        month__lte=months.first_day(last),
        rules=key,
    ).count()
    return current != last - first + 1 or bool(stale.pending(province_code, first, last, agency_id))


# --- composing --------------------------------------------------------------------------------------------


def _from_months(scope: Scope, p: Plan) -> dict[Key, Figures]:
    """One grouped query over the rows: flows summed, stocks from the first or the last month."""
    first, last = months.first_day(p.first), months.first_day(p.last)
    rows = MonthFigures.objects.filter(province_code=scope.province_code, month__gte=first, month__lte=last)
    if scope.agency_id is not None:
        rows = rows.filter(agency_id=scope.agency_id)
    sums = {name: Sum(name) for name in (*FLOWS, "closed", "closed_on_time", "completed", "working_us")}
    sums["received_carried_over"] = Sum("received_carried_over", filter=Q(month=first))
    if p.tail is None:  # with a tail, the stocks at the end are the tail's
        sums.update({name: Sum(name, filter=Q(month=last)) for name in (*STOCK_AT_END, *OPEN_AT_END)})
    result: dict[Key, Figures] = {}
    for row in rows.values("agency_id", "field_id").annotate(**sums):
        f = Figures(form06.Counts(**{c: row.get(c) or 0 for c in form06.DETAIL_COLUMNS}))
        for name in ("closed", "closed_on_time", *OPEN_AT_END, "completed", "working_us"):
            setattr(f, name, row.get(name) or 0)
        result[(row["agency_id"], row["field_id"])] = f
    return result


def _month_refusals(scope: Scope, p: Plan) -> list[Refusal]:
    """Refused after receipt in a snapshot month after the first (the first month excludes them itself)."""
    rows = MonthRefusals.objects.filter(
        province_code=scope.province_code,
        refused_month__gt=months.first_day(p.first),
        refused_month__lte=months.first_day(p.last),
    )
    if scope.agency_id is not None:
        rows = rows.filter(agency_id=scope.agency_id)
    return [
        (agency, field, channel, months.index(received), n)
        for agency, field, channel, received, n in rows.values_list(
            "agency_id", "field_id", "channel", "received_month", "dossiers"
        )
    ]


def _subtract(figures: dict[Key, Figures], refusals: Iterable[Refusal], first: int) -> None:
    for agency, field, channel, received, n in refusals:
        counts = figures.setdefault((agency, field), Figures()).counts
        if received < first:
            counts.received_carried_over -= n
        elif channel == 2:
            counts.received_online -= n
        else:
            counts.received_direct_postal -= n


def _add_tail(figures: dict[Key, Figures], tail: dict[Key, Figures]) -> None:
    for key, t in tail.items():
        f = figures.setdefault(key, Figures())
        for name in FLOWS:
            f.counts.add(name, getattr(t.counts, name))
        for name in STOCK_AT_END:
            setattr(f.counts, name, getattr(t.counts, name))
        f.closed += t.closed
        f.closed_on_time += t.closed_on_time
        f.completed += t.completed
        f.working_us += t.working_us
        f.open_end, f.open_end_on_time = t.open_end, t.open_end_on_time


# --- Form 06 ----------------------------------------------------------------------------------------------


def _tail_form06(scope: Scope, tail: Period) -> tuple[dict[Key, Figures], list[Refusal]]:
    """The tail's Form 06 by agency and field (the live aggregate's conditions) and its refusals after
    receipt of dossiers received before it, in one statement over one replay of the tail."""
    conds = queries.conditions()
    columns = [c for c in conds if c != "included"]
    sums = ", ".join(f"SUM(CASE WHEN {conds[c]} THEN 1 ELSE 0 END)" for c in columns)
    blanks = ", ".join("0" for _ in columns)
    template = (
        f"{queries._facts_cte(scope)}\n"
        f"SELECT f.agency_id, f.field_id, NULL, NULL, {sums} FROM facts f WHERE {conds['included']}"
        " GROUP BY f.agency_id, f.field_id\nUNION ALL\n"
        f"SELECT f.agency_id, f.field_id, f.channel, {queries._wire('f.received')}, {blanks} FROM facts f"
        " WHERE f.status_to = 3 AND f.received < {start} AND f.status_from IN (2, 4, 5, 6, 8)"
    )
    sql, params = queries.render(template, queries._values(scope, tail))
    at = queries._reader()
    figures: dict[Key, Figures] = {}
    refusals: list[Refusal] = []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for agency, field, channel, received, *values in cursor.fetchall():
            if channel is None:
                figures[(agency, field)] = Figures(
                    form06.Counts(**{c: int(v or 0) for c, v in zip(columns, values, strict=True)})
                )
            else:
                refusals.append((agency, field, channel, months.index(clock.local(at(received)).date()), 1))
    return figures, refusals


def form06_aggregate(
    scope: Scope, period: Period, *, group: tuple[str, ...]
) -> list[tuple[tuple, form06.Counts]] | None:
    """Same shape and figures as `queries.form06_aggregate` for group ("agency_id",) or ("field_id",
    "agency_kind"); None when the period or the scope has to be replayed live."""
    p = plan(period)
    if p is None or not _supported(scope) or group not in (("agency_id",), ("field_id", "agency_kind")):
        return None
    ensure(scope.province_code, p.first, p.last, scope.agency_id)
    with _consistent(scope.province_code):
        figures = _from_months(scope, p)
        _subtract(figures, _month_refusals(scope, p), p.first)
        if p.tail is not None:
            tail, refusals = _tail_form06(scope, p.tail)
            _add_tail(figures, tail)
            _subtract(figures, refusals, p.first)
    return _regroup(figures, group)


@contextmanager
def _consistent(province_code: str) -> Iterator[None]:
    """Read the month rows, the refusals and the tail as one state: a rebuild replaces rows under the
    province's exclusive lock, so a page that read the figures before a concurrent rebuild committed and
    the refusals after it could print a form whose identity does not hold. The shared lock waits for a
    running rebuild and lets other readers through."""
    with transaction.atomic():
        stale.lock(province_code, shared=True)
        yield


def _regroup(figures: dict[Key, Figures], group: tuple[str, ...]) -> list[tuple[tuple, form06.Counts]]:
    kinds: dict[int, str] = {}
    if group != ("agency_id",):
        kinds = dict(Agency.objects.filter(id__in={a for a, _ in figures}).values_list("id", "kind"))
    merged: dict[tuple, form06.Counts] = {}
    for (agency, field), f in figures.items():
        if not any(getattr(f.counts, c) for c in form06.DETAIL_COLUMNS):
            continue  # the live aggregate has no group without a counted dossier
        key = (agency,) if group == ("agency_id",) else (field, kinds[agency])
        merged.setdefault(key, form06.Counts()).__iadd__(f.counts)
    return list(merged.items())


# --- Decision 766 -----------------------------------------------------------------------------------------


def tallies_766(scope: Scope, period: Period, rules: Rules766) -> Tallies | None:
    """`compute.tally` of the period from the snapshots and a live tail; None when it must be replayed."""
    p = plan(period)
    if p is None or not _supported(scope):
        return None
    ensure(scope.province_code, p.first, p.last, scope.agency_id)
    with _consistent(scope.province_code):
        figures = _from_months(scope, p)
        _subtract(figures, _month_refusals(scope, p), p.first)
        if p.tail is not None:
            acc = Accumulator(rules)
            for fact in queries.stream_facts(scope, p.tail, with_pauses=True):
                acc.add(fact, p.tail)
            _add_tail(figures, acc.figures)
            _subtract(figures, ((*key, n) for key, n in acc.refusals.items()), p.first)
    total = Figures()
    for f in figures.values():
        total.counts += f.counts
        for name in (x.name for x in fields(Figures) if x.name != "counts"):
            setattr(total, name, getattr(total, name) + getattr(f, name))
    return Tallies(
        population=total.closed + total.open_end,
        on_time=total.closed_on_time + total.open_end_on_time,
        completed=total.completed,
        total_time=timedelta(microseconds=total.working_us),
        received_in_period=total.counts.received_online + total.counts.received_direct_postal,
        received_online=total.counts.received_online,
    )
