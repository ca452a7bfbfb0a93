from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import QuerySet

from congso.core import clock
from congso.core.errors import NotFound
from congso.dossiers import permissions as perms
from congso.dossiers.choices import Status
from congso.dossiers.models import Dossier, DossierEvent
from congso.identity.models import User
from congso.workdays.selectors import calendar_for
from congso.workflow.models import ProcessStep


def dossier_for(actor: User, code: str) -> Dossier:
    """The dossier `code` if `actor` may read it; otherwise the same 'not found' as a missing one."""
    dossier = (
        Dossier.objects.select_related("agency", "receiving_agency", "applicant", "procedure_version")
        .filter(code=code)
        .first()
    )
    if dossier is None or not perms.can_read(actor, dossier):
        raise NotFound("dossier_not_found", "Không tìm thấy hồ sơ.")
    return dossier


def timeline(dossier: Dossier) -> QuerySet[DossierEvent]:
    return dossier.events.select_related("actor").order_by("seq")


def visible_dossiers(actor: User) -> QuerySet[Dossier]:
    if actor.is_superuser:
        return Dossier.objects.all()
    ids = perms.readable_agency_ids(actor)
    return Dossier.objects.filter(agency_id__in=ids) | Dossier.objects.filter(receiving_agency_id__in=ids)


@dataclass(frozen=True)
class TimelineRow:
    event: DossierEvent
    working_time: timedelta | None  # working time until the next event (or now, for the last one)


def timeline_with_durations(dossier: Dossier, *, now=None) -> list[TimelineRow]:
    """The history with the working time spent after each event, for the audit view (form 05 spirit)."""
    events = list(timeline(dossier))
    calendar = calendar_for(dossier.province_code)
    now = now or clock.now()
    rows = []
    terminal = {Status.REFUSED, Status.RETURNED}
    for i, event in enumerate(events):
        end = events[i + 1].at if i + 1 < len(events) else (None if event.to_status in terminal else now)
        rows.append(TimelineRow(event, calendar.working_time_between(event.at, end) if end else None))
    return rows


def step_roles(dossier: Dossier) -> tuple[str | None, bool]:
    """(role of the current step, whether the dossier is at its approval or return step)."""
    steps = list(ProcessStep.objects.filter(template__key=dossier.procedure_code).order_by("order"))
    codes = [s.code for s in steps]
    current = next((s for s in steps if s.code == dossier.step), None)
    at_end = bool(codes) and dossier.step in codes[-2:]
    return (current.role if current else None), at_end


def _digits(text: str) -> str:
    return "".join(ch for ch in (text or "") if ch.isdigit())


def public_lookup(code: str, secret: str) -> Dossier | None:
    """A citizen's own dossier, found by its code AND the phone number or identity number given at
    submission. Either wrong gives the same None, so the code alone reveals nothing personal."""
    code = (code or "").strip().upper()[:60]
    secret = _digits(secret)
    if not code or len(secret) < 9:
        return None
    dossier = (
        Dossier.objects.select_related("applicant", "agency", "procedure_version").filter(code=code).first()
    )
    if dossier is None:
        return None
    known = {_digits(dossier.applicant.phone), _digits(dossier.applicant.id_number)} - {""}
    phone_variants = {secret, "0" + secret[2:] if secret.startswith("84") else secret}
    return dossier if known & phone_variants else None
