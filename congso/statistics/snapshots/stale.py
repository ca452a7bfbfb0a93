"""Which snapshot months an event has made out of date, and the lock that keeps marking and building apart.

An event dated in a closed month (a backdated action, an imported history) can change that month and every
month after it: flows of its own month, stocks at the end of each later one. Only months already built
need a marker; a month built later replays the event anyway. The build holds the province's lock while
it reads the events, and marking takes the same lock (shared), so an event committed while a build runs is
either seen by that build or marked after it.
"""

from __future__ import annotations

import zlib
from datetime import datetime

from django.db import connection

from congso.core import clock
from congso.statistics.models import SnapshotMonth, SnapshotStale
from congso.statistics.snapshots import months


def lock(province_code: str, *, shared: bool = False) -> None:
    """The province's snapshot lock for the current transaction. SQLite needs none: congso opens its
    write transactions IMMEDIATE (config.settings), so a build and an event write are already serial."""
    if connection.vendor != "postgresql":
        return
    key = zlib.crc32(f"congso.statistics.snapshots:{province_code}".encode())
    function = "pg_advisory_xact_lock_shared" if shared else "pg_advisory_xact_lock"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {function}(%s)", [key])


def mark(*, province_code: str, agency_id: int, since: datetime) -> int:
    """Mark the built, closed months of one agency from the month of `since` on. Idempotent (an outbox
    row may be delivered twice); returns how many markers are new."""
    first, last = months.index(clock.local(since).date()), months.current() - 1
    if first > last:
        return 0  # the running month is never snapshotted: nothing to invalidate
    lock(province_code, shared=True)
    built = SnapshotMonth.objects.filter(
        province_code=province_code, month__gte=months.first_day(first), month__lte=months.first_day(last)
    ).values_list("month", flat=True)
    have = set(
        SnapshotStale.objects.filter(
            province_code=province_code, agency_id=agency_id, month__in=list(built)
        ).values_list("month", flat=True)
    )
    now = clock.now()
    fresh = [
        SnapshotStale(province_code=province_code, agency_id=agency_id, month=month, marked_at=now)
        for month in built
        if month not in have
    ]
    SnapshotStale.objects.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh)


def pending(
    province_code: str, first: int | None = None, last: int | None = None, agency_id: int | None = None
) -> list[tuple[int, int, int]]:
    """(marker id, agency id, month index) of the stale markers, within months first..last if given."""
    rows = SnapshotStale.objects.filter(province_code=province_code)
    if first is not None:
        rows = rows.filter(month__gte=months.first_day(first))
    if last is not None:
        rows = rows.filter(month__lte=months.first_day(last))
    if agency_id is not None:
        rows = rows.filter(agency_id=agency_id)
    return [
        (pk, agency, months.index(month))
        for pk, agency, month in rows.values_list("id", "agency_id", "month")
    ]
