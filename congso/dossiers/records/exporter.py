"""Dossiers → records (dossier-record.md), streamed.

Dossier rows stream through `.values().iterator(chunk_size)` (a server-side cursor on PostgreSQL) and
each chunk's events and pauses come in one query each, as plain values, so a province's million
dossiers never sit in memory at once and no model instance is built per row. Order is fixed (dossiers
by code, history by seq, pauses by request moment then id) and `record.to_line` fixes the field order,
so exporting, importing into an empty database and exporting again gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet

from congso.core.clock import VN_TZ
from congso.dossiers.models import Dossier, DossierEvent, Pause
from congso.dossiers.records.moments import truncate
from congso.dossiers.records.record import HistoryRow, Owner, PauseRow, Record, to_line
from congso.identity.models import Agency

# The dossier columns a record reads.
_COLUMNS = (
    "id", "code", "procedure_code", "receiving_agency__code", "receiving_agency__name", "channel", "status",
    "submitted_at", "received_at", "due_at", "new_due_at", "ended_at", "refused_at", "returned_at", "summary",
    "applicant__full_name", "applicant__id_number", "applicant__kind", "applicant__id_kind",
)  # fmt: skip


def records_of(rows: list[dict]) -> dict[int, Record]:
    """Records of a chunk of dossier rows (values of `_COLUMNS`) by dossier id: one query for the
    events and one for the pauses of the whole chunk."""
    ids = [r["id"] for r in rows]
    history: dict[int, list[HistoryRow]] = {i: [] for i in ids}
    events = (
        DossierEvent.objects.filter(dossier_id__in=ids)
        .order_by("dossier_id", "seq")
        .values_list("dossier_id", "at", "to_status", "reason", "actor_name", "actor_agency")
    )
    for dossier_id, at, status, reason, name, unit in events:
        history[dossier_id].append(HistoryRow(truncate(at), status, reason, name, unit))
    pauses: dict[int, list[PauseRow]] = {i: [] for i in ids}
    ledger = (
        Pause.objects.filter(dossier_id__in=ids)
        .order_by("dossier_id", "requested_at", "id")
        .values_list("dossier_id", "requested_at", "resumed_at", "due_before", "due_after", "content")
    )
    for dossier_id, requested, resumed, before, after, content in ledger:
        pauses[dossier_id].append(
            PauseRow(truncate(requested), truncate(resumed), truncate(before), truncate(after), content)
        )
    return {r["id"]: _record(r, tuple(history[r["id"]]), tuple(pauses[r["id"]])) for r in rows}


def _record(row: dict, history: tuple[HistoryRow, ...], pauses: tuple[PauseRow, ...]) -> Record:
    owner = None
    if row["applicant__id_number"]:  # the importer's "owner unknown" applicant has no number
        owner = Owner(
            row["applicant__full_name"],
            row["applicant__id_number"],
            row["applicant__kind"],
            row["applicant__id_kind"],
        )
    return Record(
        code=row["code"],
        procedure_code=row["procedure_code"],
        agency_code=row["receiving_agency__code"],
        agency_name=row["receiving_agency__name"],
        channel=row["channel"],
        status=row["status"],
        history=history,
        submitted_at=truncate(row["submitted_at"]),
        received_at=truncate(row["received_at"]),
        due_at=truncate(row["due_at"]),
        new_due_at=truncate(row["new_due_at"]),
        ended_at=truncate(row["ended_at"]),
        refused_at=truncate(row["refused_at"]),
        returned_at=truncate(row["returned_at"]),
        owner=owner,
        summary=row["summary"],
        pauses=pauses,
    )


def records_by_code(dossiers: QuerySet[Dossier]) -> dict[str, tuple[int, str, Record]]:
    """(id, source, record) of each dossier by code: what the importer compares a record with."""
    rows = list(dossiers.values(*_COLUMNS, "source"))
    records = records_of(rows)
    return {r["code"]: (r["id"], r["source"], records[r["id"]]) for r in rows}


def select_dossiers(
    *,
    province_code: str | None = None,
    agency: Agency | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> QuerySet[Dossier]:
    """Dossiers of a province and/or a receiving agency, received (or, never received, submitted)
    between two dates inclusive, Vietnamese calendar days."""
    dossiers = Dossier.objects.all()
    if province_code:
        dossiers = dossiers.filter(province_code=province_code)
    if agency is not None:
        dossiers = dossiers.filter(receiving_agency=agency)
    start = datetime.combine(date_from, time.min, tzinfo=VN_TZ) if date_from else None
    end = datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=VN_TZ) if date_to else None
    if start or end:
        received, submitted = Q(), Q(received_at__isnull=True)
        if start:
            received &= Q(received_at__gte=start)
            submitted &= Q(submitted_at__gte=start)
        if end:
            received &= Q(received_at__lt=end)
            submitted &= Q(submitted_at__lt=end)
        dossiers = dossiers.filter(received | submitted)
    return dossiers


def export_records(
    dossiers: QuerySet[Dossier] | None = None,
    *,
    province_code: str | None = None,
    agency: Agency | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    chunk_size: int = 2000,
) -> Iterator[str]:
    """One JSON line per dossier, each ending with a newline (write them with `writelines`). Pass a
    queryset, or the filters of `select_dossiers`."""
    if dossiers is None:
        dossiers = select_dossiers(
            province_code=province_code, agency=agency, date_from=date_from, date_to=date_to
        )
    rows = dossiers.order_by("code", "province_code").values(*_COLUMNS).iterator(chunk_size=chunk_size)
    chunk: list[dict] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= chunk_size:
            yield from _lines(chunk)
            chunk = []
    yield from _lines(chunk)


def _lines(chunk: list[dict]) -> Iterator[str]:
    if not chunk:
        return
    records = records_of(chunk)
    for row in chunk:
        yield to_line(records[row["id"]]) + "\n"
