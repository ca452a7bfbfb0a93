"""A clean record → the Dossier, DossierEvent and Pause rows that a live dossier with that history has.

The mirror of what `lifecycle` writes as a dossier moves (and of `generator`, which bulk-inserts what
`lifecycle` wrote), except that every moment is the record's: an import is a migration, not an
officer's action, so nothing is recomputed (dossier-record.md "Import and export").
"""

from __future__ import annotations

from congso.core.text import vn_fold
from congso.dossiers import lifecycle
from congso.dossiers.choices import PAUSED, Action, PauseKind, Source, Status
from congso.dossiers.models import Dossier, DossierEvent, Pause
from congso.dossiers.records.record import Record
from congso.dossiers.records.validate import ENDING, is_note
from congso.dossiers.services import limit_for

S = Status

# The action behind each (from, to) pair of the status model (lifecycle.ALLOWED); pairs absent here
# take the action of their target status below.
_BY_PAIR: dict[tuple[int | None, int], str] = {
    (None, S.RECEIVED): Action.RECEIVE,
    (S.SUBMITTED, S.RECEIVED): Action.RECEIVE,
    (S.SUPPLEMENT_REQUESTED, S.REFUSED): Action.EXPIRE_SUPPLEMENT,
    (S.RECEIVED, S.PROCESSING): Action.ASSIGN,
    (S.PROCESSING, S.PROCESSING): Action.FORWARD,
    (S.STOPPED, S.STOPPED): Action.STOP,
}
_FROM_PAUSE = {
    S.SUPPLEMENT_REQUESTED: Action.RECEIVE_SUPPLEMENT,
    S.FINANCIAL_OBLIGATION: Action.RECORD_PAYMENT,
    S.STOPPED: Action.RESUME,
}
_BY_TARGET = {
    S.SUBMITTED: Action.SUBMIT,
    S.REFUSED: Action.REFUSE,
    S.SUPPLEMENT_REQUESTED: Action.REQUEST_SUPPLEMENT,
    S.FINANCIAL_OBLIGATION: Action.REQUEST_PAYMENT,
    S.STOPPED: Action.STOP,
    S.WITHDRAWN: Action.WITHDRAW,
    S.FINISHED: Action.FINISH,
    S.RETURNED: Action.RETURN_RESULT,
}
# Pause ledger kinds by the status the dossier entered at the request (domain.md §4.2).
_PAUSE_KIND = {
    S.SUPPLEMENT_REQUESTED: PauseKind.SUPPLEMENT,
    S.FINANCIAL_OBLIGATION: PauseKind.FINANCIAL,
    S.STOPPED: PauseKind.STOP,
}


def action_for(before: int | None, after: int) -> str:
    if is_note(before, after):
        return Action.IMPORT  # a note that changes nothing (an old system's apology letter, a comment)
    if (before, after) in _BY_PAIR:
        return _BY_PAIR[(before, after)]
    if before in _FROM_PAUSE and after != before and after not in (S.REFUSED, S.WITHDRAWN):
        return _FROM_PAUSE[before]
    return _BY_TARGET.get(after, Action.IMPORT)


def fill_dossier(
    dossier: Dossier, record: Record, *, province_code: str, refs, imported_from: str
) -> Dossier:
    """Set every column a record decides; `refs` carries agency, version, procedure code, applicant."""
    version = refs.version
    dossier.province_code = province_code
    dossier.code = record.code
    dossier.agency = refs.agency  # keep it simple (task brief): the receiving agency resolves it
    dossier.receiving_agency = refs.agency
    dossier.procedure_version = version
    dossier.procedure_code = record.procedure_code
    dossier.applicant = refs.applicant
    dossier.channel = record.channel
    dossier.source = Source.IMPORT
    dossier.summary = record.summary
    dossier.status = record.status
    dossier.submitted_at = record.submitted_at
    dossier.received_at = record.received_at
    dossier.due_at = record.due_at  # kept as given, never recomputed on import
    dossier.new_due_at = record.new_due_at
    dossier.ended_at = record.ended_at
    dossier.refused_at = record.refused_at
    dossier.returned_at = record.returned_at
    dossier.limit_days, dossier.limit_unit = limit_for(version, record.channel)
    dossier.step, dossier.step_role, dossier.step_started_at, dossier.step_due_at = "", "", None, None
    dossier.assignee = None
    dossier.status_before_pause = _status_before_pause(record)
    dossier.stopped_final = False
    dossier.supplement_requests = sum(1 for kind in pause_kinds(record) if kind == PauseKind.SUPPLEMENT)
    _outcome(dossier, record)
    dossier.version = len(record.history) + 1  # as live: one bump per event, seq runs 1, 2, 3 …
    owner = refs.applicant
    dossier.search_text = vn_fold(f"{record.code} {owner.full_name} {owner.id_number}")[:400]
    dossier.imported_from = imported_from[:255]
    return dossier


def _status_before_pause(record: Record) -> int | None:
    """For a dossier paused now, the status it left when the pause began (what resuming returns to)."""
    if record.status not in PAUSED:
        return None
    before = None
    for previous, row in zip((None, *record.history), record.history, strict=False):
        if row.status == record.status and (previous is None or previous.status != record.status):
            before = previous.status if previous else None
    return before


def _outcome(dossier: Dossier, record: Record) -> None:
    """Early / on time / late as `lifecycle.decide_outcome` sets it at the end (9) or the withdrawal (7)
    — judged in the status the dossier had at that moment, not its current one."""
    end = next((row for row in record.history if row.status in ENDING), None)
    if end is None:
        dossier.outcome, dossier.on_time_766 = "", None
        return
    dossier.status = end.status
    lifecycle.decide_outcome(dossier)
    dossier.status = record.status


def events_for(dossier: Dossier, record: Record) -> list[DossierEvent]:
    events, before = [], None
    for seq, row in enumerate(record.history, 1):
        events.append(
            DossierEvent(
                province_code=dossier.province_code,
                dossier=dossier,
                seq=seq,
                action=action_for(before, row.status),
                from_status=before,
                to_status=row.status,
                at=row.at,
                actor_name=row.actor_name,
                actor_agency=row.actor_agency,
                reason=row.content,
            )
        )
        before = row.status
    return events


def pause_kinds(record: Record) -> list[int]:
    """Each ledger row's kind from the history row at its request moment (5, 6 or 8); a supplement when
    the history does not say: DanhSachHoSoBoSung is first of all the supplement list."""
    entered = {row.at: row.status for row in record.history if row.status in _PAUSE_KIND}
    return [_PAUSE_KIND.get(entered.get(p.requested_at), PauseKind.SUPPLEMENT) for p in record.pauses]


def pauses_for(dossier: Dossier, record: Record) -> list[Pause]:
    return [
        Pause(
            province_code=dossier.province_code,
            dossier=dossier,
            kind=kind,
            requested_at=p.requested_at,
            resumed_at=p.resumed_at,
            due_before=p.due_before,
            due_after=p.due_after,
            content=p.content,
        )
        for p, kind in zip(record.pauses, pause_kinds(record), strict=True)
    ]
