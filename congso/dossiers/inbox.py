"""An officer's queues (inbox): what waits for them, sorted by due moment, each count one query.

Queues are defined once here as Q objects over indexed columns (agency, status, step_role, due_at) so the
list and its counter can never disagree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Q, QuerySet

from congso.core import clock
from congso.core.text import vn_fold
from congso.dossiers.choices import OPEN, Status
from congso.dossiers.models import Dossier
from congso.identity import permissions as identity_permissions
from congso.identity.choices import Role
from congso.identity.models import User
from congso.workdays.selectors import calendar_for

CODE_LIKE = re.compile(r"^[\w.]+-\d{6,8}-\d{4,7}$")  # …H56-260302-0001 or G09.20-20260609-0092637
QUEUES: dict[str, str] = {
    "cho_tiep_nhan": "Chờ tiếp nhận (nộp trực tuyến)",
    "cua_toi": "Hồ sơ tại bước của tôi",
    "cho_bo_sung": "Chờ công dân bổ sung",
    "sap_den_han": "Đến hạn trong 1 ngày làm việc",
    "qua_han": "Quá hạn",
    "cho_tra": "Chờ trả kết quả",
    "tat_ca": "Tất cả hồ sơ của cơ quan",
}


@dataclass(frozen=True)
class Filters:
    q: str = ""
    procedure: str = ""
    channel: int | None = None
    status: int | None = None
    received_from: date | None = None
    received_to: date | None = None
    commune: int | None = None


def queue_conditions(actor: User, *, now: datetime | None = None) -> dict[str, Q]:
    now = now or clock.now()
    grants = identity_permissions.grants_of(actor)
    agencies = identity_permissions.agency_ids_for(actor)
    receiving = {g.agency_id for g in grants if g.role == Role.RECEIVING_OFFICER}
    mine = Q(pk__in=[])
    for grant in grants:
        mine |= Q(agency_id=grant.agency_id, step_role=grant.role)
    open_statuses = [int(s) for s in OPEN]
    soon = calendar_for(None).add_working_days(now, 1).due
    return {
        "cho_tiep_nhan": _at_counter(Status.SUBMITTED, receiving),
        "cua_toi": Q(status__in=[Status.RECEIVED, Status.PROCESSING, Status.FINISHED]) & mine,
        "cho_bo_sung": Q(status=Status.SUPPLEMENT_REQUESTED, agency_id__in=agencies),
        "sap_den_han": Q(status__in=open_statuses, agency_id__in=agencies, due_at__gte=now, due_at__lte=soon),
        "qua_han": Q(status__in=open_statuses, agency_id__in=agencies, due_at__lt=now),
        "cho_tra": _at_counter(Status.FINISHED, receiving),
        # The agency's own dossiers: one indexed column, so the first page never sorts the whole set.
        "tat_ca": Q(agency_id__in=agencies),
    }


def _at_counter(status: int, agencies: set[int]) -> Q:
    """Dossiers in `status` that belong to, or were received at, these agencies' counters. The status sits
    in each branch so PostgreSQL combines two index scans instead of filtering the agencies' whole history."""
    return Q(status=status, agency_id__in=agencies) | Q(status=status, receiving_agency_id__in=agencies)


def counts(actor: User, *, now: datetime | None = None) -> dict[str, int]:
    """Every queue's size, one small COUNT per queue: each condition is served by its own index
    (agency+status+due, agency+step_role+due, agency+due), which beats one aggregate over their union."""
    return {key: Dossier.objects.filter(q).count() for key, q in queue_conditions(actor, now=now).items()}


def dossiers_in(
    actor: User, queue: str, filters: Filters = Filters(), *, now: datetime | None = None
) -> QuerySet[Dossier]:
    conditions = queue_conditions(actor, now=now)
    if queue not in conditions:
        queue = "cua_toi"
    qs = Dossier.objects.filter(conditions[queue])
    if filters.q:
        text = vn_fold(filters.q)[:100]
        # Codes are upper-case (…H56-…); an exact match uses the code index, the rest the folded text
        # (a trigram index on PostgreSQL, migration 0003).
        if CODE_LIKE.match(filters.q.strip()):
            qs = qs.filter(code=filters.q.strip().upper())
        else:
            qs = qs.filter(search_text__contains=text)
    if filters.procedure:
        qs = qs.filter(procedure_code=filters.procedure)
    if filters.channel:
        qs = qs.filter(channel=filters.channel)
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.received_from:
        qs = qs.filter(received_at__date__gte=filters.received_from)
    if filters.received_to:
        qs = qs.filter(received_at__date__lte=filters.received_to)
    if filters.commune:
        qs = qs.filter(applicant__commune_id=filters.commune)
    return (
        qs.select_related("applicant", "agency", "procedure_version")
        .only(
            "code",
            "status",
            "channel",
            "step",
            "step_role",
            "received_at",
            "due_at",
            "new_due_at",
            "step_due_at",
            "procedure_code",
            "summary",
            "version",
            "agency__short_name",
            "agency__name",
            "applicant__full_name",
            "procedure_version__name",
        )
        .order_by("due_at", "pk")
    )
