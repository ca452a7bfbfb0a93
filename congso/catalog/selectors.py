"""Reads of the procedure catalogue, with their joins spelled out."""

from __future__ import annotations

from django.db.models import QuerySet

from congso.catalog.models import AgencyProcedure, Procedure, ProcedureVersion
from congso.core.errors import NotFound
from congso.identity.models import Agency


def get_procedure(code: str) -> Procedure:
    try:
        return Procedure.objects.select_related("current_version", "current_version__field").get(
            code=code.strip()
        )
    except Procedure.DoesNotExist as exc:
        raise NotFound("procedure_not_found", f"Không tìm thấy thủ tục hành chính mã {code}.") from exc


def current_version(code: str) -> ProcedureVersion:
    """The version a new dossier is received under, with its components and fees prefetched."""
    procedure = get_procedure(code)
    if procedure.current_version_id is None:
        raise NotFound("procedure_has_no_version", f"Thủ tục {code} chưa có nội dung được công bố.")
    return (
        ProcedureVersion.objects.select_related("procedure", "field")
        .prefetch_related("documents", "fees")
        .get(pk=procedure.current_version_id)
    )


def procedure_versions(code: str) -> QuerySet[ProcedureVersion]:
    """Every version of a procedure, oldest first (version 1, 2, …)."""
    procedure = get_procedure(code)
    return ProcedureVersion.objects.filter(procedure=procedure).select_related("field").order_by("number")


def procedures_needing_review() -> QuerySet[Procedure]:
    """Active procedures an administrator must look at (no usable time limit, ambiguous unit, …)."""
    return (
        Procedure.objects.filter(needs_review=True, active=True)
        .select_related("current_version", "current_version__field")
        .order_by("code")
    )


def offered_by(agency: Agency) -> QuerySet[AgencyProcedure]:
    """What an agency currently offers, with the online level of each offering.

    Search and intake later limit themselves to these rows (`.values("procedure_id")`).
    """
    return (
        AgencyProcedure.objects.filter(agency=agency, active=True, procedure__active=True)
        .select_related("procedure", "procedure__current_version")
        .order_by("procedure__code")
    )
