"""Decision 766/QĐ-TTg indicator 2.1 (early / on time, 20 points) and 2.2 (average time): pure rules.

Rule 2.1 (domain.md §9.2): on time iff NgayKetThucXuLy ≤ NgayHenTra, exact moments. The end is the
first of 9 → 10 → 8 or 3 → 7 (received dossiers only). One supplement request never completed → the
request time is the end; more than one → overdue. The citizen's supplement time (completion − request)
is subtracted. No due date → on time iff elapsed − supplement time ≤ the legal maximum. Open dossiers
are judged at the period's end. Choices where the text is silent are in ADR 0002.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from congso.dossiers.choices import PauseKind, Status
from congso.statistics.facts import OPEN, Fact, PauseFact
from congso.statistics.periods import Period
from congso.statistics.settings import Rules766

ZERO = timedelta(0)


@dataclass(frozen=True)
class Verdict:
    on_time: bool
    judged_at: datetime  # the moment compared with the due date
    reason: str  # stable code: withdrawn | several_supplements | finished | supplement_not_completed |
    #              refused | paused | open | no_due_date


def in_population(fact: Fact, period: Period) -> bool:
    """ "Dossiers received or processed in the period": received by To and either received in the period
    or open at From (Form 06's received total), plus dossiers refused after receipt (5 → 3) during it."""
    if fact.received is None or fact.received >= period.end:
        return False
    if fact.status_to is None or fact.status_to == Status.SUBMITTED:
        return False
    return fact.received >= period.start or fact.status_from in OPEN


def _supplements(fact: Fact) -> list[PauseFact]:
    return [p for p in fact.pauses if p.kind == PauseKind.SUPPLEMENT]


def _completed(fact: Fact, pause: PauseFact) -> bool:
    # A supplement pause closes by completion (back to 2/4), by expiry (→ 3) or by withdrawal (→ 7).
    return pause.resumed_at is not None and fact.refused is None and fact.withdrawn is None


def judge(fact: Fact, period: Period, rules: Rules766) -> Verdict:
    """On time per rule 2.1 as of the period's end (replayed facts: later events are unknown)."""
    last = period.last_moment
    if fact.withdrawn is not None:
        # Withdrawn = on time, as Form 06 counts it (ADR 0001).
        return Verdict(True, fact.withdrawn, "withdrawn")
    supplements = _supplements(fact)
    if len(supplements) > 1:
        return Verdict(False, fact.ended or last, "several_supplements")
    # The clock starts at receipt: a request answered before acceptance (1 → 5 → 2) is not the agency's.
    supplement = next((p for p in supplements if p.requested_at >= fact.received), None)
    completed = supplement is not None and _completed(fact, supplement)
    if fact.ended is not None:
        judged, reason = fact.ended, "finished"
    elif supplement is not None and not completed:
        judged, reason = supplement.requested_at, "supplement_not_completed"
    elif fact.status_to == Status.REFUSED:
        judged, reason = fact.refused or last, "refused"
    elif fact.status_to in (Status.FINANCIAL_OBLIGATION, Status.STOPPED):
        # The clock is stopped while fees are awaited or processing is stopped (8 is an end in rule 2.1).
        open_pause = next((p for p in reversed(fact.pauses) if p.resumed_at is None), None)
        judged, reason = (open_pause.requested_at if open_pause else last), "paused"
    else:
        judged, reason = last, "open"
    citizen_time, due_shift = ZERO, ZERO
    if completed and supplement.resumed_at <= judged:  # type: ignore[union-attr]
        citizen_time = supplement.resumed_at - supplement.requested_at  # type: ignore[union-attr,operator]
        if supplement.due_after is not None and supplement.due_before is not None:  # type: ignore[union-attr]
            due_shift = supplement.due_after - supplement.due_before  # type: ignore[union-attr]
    if fact.due is None:
        if rules.no_due_max_days is None:
            return Verdict(True, judged, "no_due_date")
        elapsed = judged - fact.received - citizen_time
        return Verdict(elapsed <= timedelta(days=float(rules.no_due_max_days)), judged, "no_due_date")
    if rules.supplement_time == "subtract":
        # Compare with the appointment as it stood before the request (NgayHenTraTruoc, plus any later fee
        # or stop extension): the citizen's time is neither ignored nor counted twice.
        return Verdict(judged - citizen_time <= fact.due - due_shift, judged, reason)
    return Verdict(judged <= fact.due, judged, reason)


def finished_in_period(fact: Fact, period: Period) -> bool:
    """Completed (status 9, not a withdrawal) within the period: the dossiers indicator 2.2 averages."""
    return (
        fact.ended is not None
        and fact.withdrawn is None
        and period.start <= fact.ended < period.end
        and fact.received is not None
    )


def working_time(fact: Fact) -> timedelta:
    """Time the agency took: end − receipt − the citizen's completed supplement time (indicator 2.2)."""
    elapsed = fact.ended - fact.received  # type: ignore[operator]
    for pause in _supplements(fact):
        if (
            pause.requested_at >= fact.received
            and pause.resumed_at is not None
            and pause.resumed_at <= fact.ended
        ):  # type: ignore[operator]
            elapsed -= pause.resumed_at - pause.requested_at
    return elapsed
