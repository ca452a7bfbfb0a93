"""Deadline alerts: the daily digest per officer and the "this step usually takes longer" warning.

The usual duration of a step is learnt from history: the median working time that recent dossiers of
the same procedure spent at that step (from their events), so a warning reflects how the agency really
works, not a guess.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import Q

from congso.core import clock
from congso.dossiers import inbox
from congso.dossiers.models import Dossier, DossierEvent
from congso.identity.models import User
from congso.workdays.selectors import calendar_for

HISTORY_SAMPLE = 300  # recent dossiers of the procedure looked at to learn a step's usual duration
CACHE_SECONDS = 600


@dataclass(frozen=True)
class Digest:
    user: User
    due_soon: list[Dossier]
    overdue: list[Dossier]

    @property
    def empty(self) -> bool:
        return not self.due_soon and not self.overdue


def digest_for(user: User, *, now: datetime | None = None, limit: int = 50) -> Digest:
    """Dossiers waiting at this officer's steps that fall due within one working day, or are overdue."""
    now = now or clock.now()
    conditions = inbox.queue_conditions(user, now=now)
    mine = Dossier.objects.filter(conditions["cua_toi"] | conditions["cho_tiep_nhan"])
    soon = list(mine.filter(conditions["sap_den_han"]).order_by("due_at")[:limit])
    late = list(mine.filter(conditions["qua_han"]).order_by("due_at")[:limit])
    return Digest(user, soon, late)


def usual_step_time(procedure_code: str, step: str) -> timedelta | None:
    """Median working time recent dossiers of this procedure spent at `step`; None without history."""
    key = f"congso:usual-step:{procedure_code}:{step}"
    cached = cache.get(key)
    if cached is not None:
        return cached or None
    recent = list(
        Dossier.objects.filter(procedure_code=procedure_code)
        .order_by("-id")
        .values_list("id", flat=True)[:HISTORY_SAMPLE]
    )
    rows = list(
        DossierEvent.objects.filter(dossier_id__in=recent)
        .filter(Q(to_step=step) | Q(from_step=step))
        .values_list("dossier_id", "seq", "from_step", "to_step", "at")
    )
    entered: dict[int, datetime] = {}
    spans: list[tuple[datetime, datetime]] = []
    for dossier_id, _seq, from_step, to_step, at in sorted(rows, key=lambda r: (r[0], r[1])):
        if to_step == step and from_step != step:
            entered[dossier_id] = at
        elif from_step == step and to_step != step and dossier_id in entered:
            spans.append((entered.pop(dossier_id), at))
    result = None
    if len(spans) >= 5:  # too few examples say nothing about what is usual
        calendar = calendar_for(None)
        result = timedelta(
            seconds=statistics.median(calendar.working_time_between(a, b).total_seconds() for a, b in spans)
        )
    cache.set(key, result or 0, CACHE_SECONDS)
    return result


@dataclass(frozen=True)
class StepWarning:
    remaining: timedelta
    usual: timedelta

    def message(self) -> str:
        return (
            f"Còn {_hours(self.remaining)} làm việc ở bước này, trong khi bước này thường mất {_hours(self.usual)}: "
            "cần ưu tiên xử lý để không trễ hạn."
        )


def step_warning(dossier: Dossier, *, now: datetime | None = None) -> StepWarning | None:
    if not dossier.step or dossier.step_due_at is None or not dossier.is_open:
        return None
    usual = usual_step_time(dossier.procedure_code, dossier.step)
    if usual is None:
        return None
    now = now or clock.now()
    remaining = calendar_for(dossier.province_code).working_time_between(now, dossier.step_due_at)
    return StepWarning(remaining, usual) if remaining < usual else None


def _hours(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} giờ {minutes:02d} phút" if hours else f"{minutes} phút"
