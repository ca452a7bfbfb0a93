"""What the statistics need to know about one dossier for one period, replayed from its events.

A `Fact` is computed from DossierEvent rows (and the pause ledger for the due date), never from the
dossier's current status: the status at the period's start and end are the `to_status` of the last
event before each moment (domain.md §9.1, §13.8; dossier-record.md "History rows are the truth").
The pure rules in `form06` and `index766.timeliness` work on these tuples, so they can later run over
snapshots or imported records as well as over the live tables.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple

from congso.dossiers.choices import OPEN, PAUSED, Status

__all__ = ["ENDED", "EXCLUDED", "OPEN", "PAUSED", "Fact", "PauseFact", "moment"]

# OPEN = {2, 4, 5, 6, 8} (pending in Form 06), PAUSED = {5, 6, 8}: from dossiers.choices.
ENDED = frozenset({Status.WITHDRAWN, Status.FINISHED, Status.RETURNED})  # 7, 9, 10
EXCLUDED = frozenset({Status.SUBMITTED, Status.REFUSED})  # 1, 3: never counted by Form 06


class PauseFact(NamedTuple):
    """One row of the pause ledger (DanhSachHoSoBoSung), as known at the period's end."""

    kind: int  # 5 supplement, 6 financial obligation, 8 stop
    requested_at: datetime
    resumed_at: datetime | None  # None when still open at the period's end
    due_before: datetime | None
    due_after: datetime | None


class Fact(NamedTuple):
    id: int
    code: str
    agency_id: int
    agency_kind: str
    field_id: int | None
    channel: int  # KenhThucHien: 1 counter, 2 online, 3 post
    received: datetime | None  # first valid receipt (first event to status 2) before the period's end
    status_from: int | None  # status just before From 00:00 (None: no event yet)
    status_to: int | None  # status at To 23:59:59
    ended: datetime | None  # first event to 7 or 9 before the end (NgayKetThucXuLy)
    withdrawn: datetime | None  # first event to 7 before the end
    refused: datetime | None  # first event to 3 before the end
    due: datetime | None  # NgayHenTra in force at the period's end (replayed through the pause ledger)
    pauses: tuple[PauseFact, ...] = ()


def moment(value: object) -> datetime | None:
    """A database moment as an aware datetime: PostgreSQL returns aware values, SQLite returns the UTC
    text Django stored (computed columns lose their declared type)."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    parsed = datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)
