from __future__ import annotations

from django.db.models import QuerySet

from congso.core.errors import NotFound
from congso.dossiers import permissions as perms
from congso.dossiers.models import Dossier, DossierEvent
from congso.identity.models import User


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
