"""Keep the statistics snapshots current (ADR 0004): an event dated in a closed month marks that month and
the later closed ones stale for the dossier's agency; the next report that needs them (or
`manage.py snapshots refresh`) rebuilds just those. Live actions are dated now, in the running month,
which is never snapshotted: they cost one comparison and no query.

Idempotent by construction (markers have a unique key), as the outbox requires.
"""

from __future__ import annotations

from datetime import datetime

from congso.core import clock
from congso.dossiers.models import Dossier
from congso.dossiers.services import TOPIC as DOSSIER_CHANGED
from congso.outbox.registry import handles
from congso.statistics.snapshots import months, stale

IMPORTED = "dossiers.imported"


def _moment(value: object) -> datetime | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value
    return clock.parse_local(str(value))


def _mark(dossier_id: object, since: datetime | None, agency_id: object = None) -> None:
    if since is None or months.index(clock.local(since).date()) >= months.current():
        return
    row = Dossier.objects.filter(id=dossier_id).values_list("province_code", "agency_id").first()
    if row is None:
        return  # nothing to count: the dossier is not (or no longer) in the database
    province_code, current_agency = row
    stale.mark(province_code=province_code, agency_id=int(agency_id or current_agency), since=since)


@handles(DOSSIER_CHANGED)
def dossier_changed(event: dict) -> None:
    """One event of a dossier's history, dated `occurred_at` (the event's own moment)."""
    _mark(event.get("dossier_id"), _moment(event.get("occurred_at")))


@handles(IMPORTED)
def dossier_imported(event: dict) -> None:
    """A dossier imported with its history: everything from its first event on may have changed."""
    since = (
        _moment(event.get("first_at"))
        or _moment(event.get("received_at"))
        or _moment(event.get("occurred_at"))
    )
    _mark(event.get("dossier_id"), since, event.get("agency_id"))
