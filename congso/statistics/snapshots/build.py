"""Build (or rebuild) the snapshot rows of a range of closed months in one pass, and replace them atomically.

The rows are what `monthly.figures` aggregates in the database: per month, agency and field, the Form 06
columns and the parts of rules 2.1 and 2.2, as the one-month replay would give them. A build is a system
write with no actor (derived data, like an index): one transaction under the province's lock deletes the
range's rows, inserts the new ones (COPY on PostgreSQL) and clears the stale markers it has made true.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from django.db import connection, transaction
from django.db.models import Min

from congso.core import clock
from congso.core.bulk import bulk_insert
from congso.dossiers.models import Dossier
from congso.statistics.models import MonthFigures, MonthRefusals, SnapshotMonth, SnapshotStale
from congso.statistics.settings import Rules766, rules_766
from congso.statistics.snapshots import monthly, months, stale
from congso.statistics.snapshots.monthly import FIGURES, Span

# Bump when a rule or the row layout changes: every month built under another version is rebuilt.
VERSION = 1


def rules_key(rules: Rules766) -> str:
    """Snapshot version + the Decision 766 settings the verdicts depend on (ADR 0002): a changed setting
    makes every month out of date instead of silently mixing two rule sets."""
    text = json.dumps({"version": VERSION, **rules.as_dict()}, sort_keys=True)
    return hashlib.sha1(text.encode(), usedforsecurity=False).hexdigest()[:16]


@dataclass
class Built:
    months: int
    rows: int
    refusals: int
    seconds: float


def first_month(province_code: str) -> int | None:
    """The month of the province's first receipt: nothing before it can count."""
    first = Dossier.objects.filter(province_code=province_code).aggregate(first=Min("received_at"))["first"]
    return None if first is None else months.index(clock.local(first).date())


def build(
    *,
    province_code: str,
    first: int,
    last: int,
    agency_ids: tuple[int, ...] = (),
    progress: Callable[[int], None] | None = None,
) -> Built:
    """Rows of months first..last (closed months only), for the whole province or only some agencies
    (a refresh of stale markers). `progress(n)` is told as each month is done."""
    if last >= months.current():
        raise ValueError("only closed months are snapshotted; the running month is replayed live")
    started = time.perf_counter()
    rules = rules_766()
    earliest = None if agency_ids else first_month(province_code)
    whole = earliest is not None and first <= earliest  # every dossier of the province is a candidate
    span = Span(province_code, first, last, tuple(sorted(agency_ids)), whole=whole)
    # Split over several connections only when nothing is uncommitted around us: other connections would
    # not see it (a page's or a test's transaction); the command and the worker call build() outside one.
    parts = PARTS if connection.vendor == "postgresql" and not connection.in_atomic_block else 1
    with transaction.atomic():
        stale.lock(province_code)
        if connection.vendor == "postgresql":
            # One grouped pass over millions of events: let the hash aggregate and the sort stay in memory.
            # No JIT: the month expansion makes the planner's row estimates huge, and compiling the plan
            # then costs more than running it (1.2 s of JIT for a 75 ms build on 5,000 dossiers).
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL work_mem = '256MB'")
                cursor.execute("SET LOCAL jit = off")
        markers = [pk for pk, agency, _ in stale.pending(province_code, first, last) if _covers(span, agency)]
        figures, refusals = _rows(span, rules, parts)
        _replace(span, figures, refusals, progress)
        _record(span, rules)
        SnapshotStale.objects.filter(id__in=markers).delete()
    return Built(last - first + 1, len(figures), len(refusals), time.perf_counter() - started)


def _covers(span: Span, agency_id: int) -> bool:
    return not span.agency_ids or agency_id in span.agency_ids


# The one grouped pass runs mostly on one core (window functions and materialised CTEs are not
# parallelised by PostgreSQL 15); disjoint sets of dossiers on as many connections use the others.
PARTS = max(1, min(4, os.cpu_count() or 1))


def _groups(span: Span, rules: Rules766, parts: int) -> list[tuple]:
    if parts == 1:
        return list(monthly.figures(span, rules))
    spans = [replace(span, part=i, parts=parts) for i in range(parts)]
    with ThreadPoolExecutor(max_workers=parts) as pool:
        return [row for rows in pool.map(lambda s: _on_own_connection(s, rules), spans) for row in rows]


def _on_own_connection(span: Span, rules: Rules766) -> list[tuple]:
    """One part on this thread's own connection (Django opens one per thread), closed afterwards."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SET work_mem = '256MB'")
            cursor.execute("SET jit = off")
        return list(monthly.figures(span, rules))
    finally:
        connection.close()


def _rows(span: Span, rules: Rules766, parts: int = 1) -> tuple[list[MonthFigures], list[MonthRefusals]]:
    rows: dict[tuple[int, int, int | None], MonthFigures] = {}
    refusals: dict[tuple, MonthRefusals] = {}
    for k, agency_id, field_id, channel, received, *values, dossiers in _groups(span, rules, parts):
        key = (k, agency_id, field_id)
        row = rows.get(key)
        if row is None:
            row = rows[key] = MonthFigures(
                province_code=span.province_code,
                month=months.first_day(k),
                agency_id=agency_id,
                field_id=field_id,
            )
        for name, value in zip(FIGURES, values, strict=True):
            setattr(row, name, getattr(row, name) + value)
        if channel is not None:  # refused after receipt in month k, received in an earlier month
            refusal = refusals.get((k, received, agency_id, field_id, channel))
            if refusal is None:  # the same group may come from several parts: add them up
                refusal = refusals[(k, received, agency_id, field_id, channel)] = MonthRefusals(
                    province_code=span.province_code, refused_month=months.first_day(k),
                    received_month=months.first_day(received), agency_id=agency_id, field_id=field_id,
                    channel=channel, dossiers=0,
                )  # fmt: skip
            refusal.dossiers += dossiers
    return list(rows.values()), list(refusals.values())


def _replace(
    span: Span,
    figures: list[MonthFigures],
    refusals: list[MonthRefusals],
    progress: Callable[[int], None] | None,
) -> None:
    first, last = months.first_day(span.first), months.first_day(span.last)
    old_figures = MonthFigures.objects.filter(
        province_code=span.province_code, month__gte=first, month__lte=last
    )
    old_refusals = MonthRefusals.objects.filter(
        province_code=span.province_code, refused_month__gte=first, refused_month__lte=last
    )
    if span.agency_ids:
        old_figures = old_figures.filter(agency_id__in=span.agency_ids)
        old_refusals = old_refusals.filter(agency_id__in=span.agency_ids)
    old_figures.delete()
    old_refusals.delete()
    by_month: dict[object, list[MonthFigures]] = {}
    for row in figures:
        by_month.setdefault(row.month, []).append(row)
    for k in range(span.first, span.last + 1):  # month by month, so a progress bar moves per month
        bulk_insert(MonthFigures, by_month.get(months.first_day(k), []))
        if progress:
            progress(1)
    bulk_insert(MonthRefusals, refusals)


def _record(span: Span, rules: Rules766) -> None:
    now, key = clock.now(), rules_key(rules)
    wanted = [months.first_day(k) for k in range(span.first, span.last + 1)]
    existing = SnapshotMonth.objects.filter(province_code=span.province_code, month__in=wanted)
    if span.agency_ids:
        # A refresh of some agencies keeps the month's rule key: whole months are built under one key.
        existing.update(built_at=now)
        return
    existing.delete()
    SnapshotMonth.objects.bulk_create(
        [SnapshotMonth(province_code=span.province_code, month=m, rules=key, built_at=now) for m in wanted]
    )
