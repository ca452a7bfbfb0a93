"""Dossier history and actions over HTTP, for the province's other tools. Same services, same checks."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from django.db import transaction
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth

from congso.core.errors import NotFound
from congso.dossiers import inbox, selectors, services
from congso.dossiers.services import ACTIONS
from congso.identity import services as identity_services
from congso.identity.models import Agency

router = Router(tags=["hồ sơ"], auth=django_auth)

ActionName = Literal[ACTIONS]  # type: ignore[valid-type]


class EventOut(Schema):
    seq: int
    action: str
    from_status: int | None
    to_status: int
    from_step: str
    to_step: str
    at: datetime
    actor_name: str
    actor_agency: str
    reason: str
    step_due_at: datetime | None
    data: dict


class DossierOut(Schema):
    code: str
    procedure_code: str
    agency: str = Field(alias="agency.code")
    receiving_agency: str = Field(alias="receiving_agency.code")
    channel: int
    status: int
    status_label: str = Field(alias="get_status_display")
    step: str
    submitted_at: datetime | None
    received_at: datetime | None
    due_at: datetime | None
    new_due_at: datetime | None
    ended_at: datetime | None
    returned_at: datetime | None
    outcome: str
    version: int


class DossierDetail(DossierOut):
    events: list[EventOut]

    @staticmethod
    def resolve_events(obj):
        return list(selectors.timeline(obj))


class ActionIn(Schema):
    action: ActionName
    expected_version: int | None = Field(
        None, description="phiên bản hồ sơ trang đang hiển thị; lệch thì bị từ chối (stale)"
    )
    reason: str | None = None
    items: list[str] | None = Field(None, description="giấy tờ cần bổ sung (yêu cầu bổ sung)")
    allowed_days: int | None = Field(None, ge=1, le=60)
    amount_vnd: int | None = Field(None, ge=0)
    new_due_at: datetime | None = Field(None, description="ngày hẹn trả mới (phiếu xin lỗi)")
    final: bool | None = None


class ErrorOut(Schema):
    code: str
    message: str
    fields: dict[str, str]


ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


@router.get(
    "/dossiers/{code}", response={200: DossierDetail, **ERRORS}, summary="Hồ sơ và toàn bộ lịch sử xử lý"
)
def get_dossier(request, code: str):
    return selectors.dossier_for(request.user, code)


@router.post(
    "/dossiers/{code}/actions",
    response={200: DossierOut, **ERRORS},
    summary="Thực hiện một thao tác xử lý hồ sơ",
)
def act(request, code: str, payload: ActionIn):
    params = payload.dict(exclude_none=True, exclude={"action", "expected_version"})
    if payload.new_due_at is not None and payload.new_due_at.tzinfo is None:
        from congso.core.clock import VN_TZ

        params["new_due_at"] = payload.new_due_at.replace(tzinfo=VN_TZ)
    return services.act(
        actor=request.user,
        code=code,
        action=payload.action,
        expected_version=payload.expected_version,
        **params,
    )


class InboxItem(Schema):
    code: str
    status: int
    status_label: str = Field(alias="get_status_display")
    channel: int
    procedure_code: str
    applicant: str = Field(alias="applicant.full_name")
    step: str
    received_at: datetime | None
    due_at: datetime | None
    step_due_at: datetime | None
    version: int


class InboxOut(Schema):
    queue: str
    counts: dict[str, int]
    total: int
    page: int
    items: list[InboxItem]


class InboxQuery(Schema):
    queue: Literal[tuple(inbox.QUEUES)] = "cua_toi"  # type: ignore[valid-type]
    q: str | None = Field(
        None, max_length=200, description="mã hồ sơ, tên hoặc số định danh (không dấu cũng được)"
    )
    procedure: str | None = Field(None, max_length=40)
    channel: int | None = Field(None, ge=1, le=3)
    status: int | None = Field(None, ge=1, le=10)
    page: int = Field(1, ge=1, le=10_000)
    size: int = Field(25, ge=1, le=200)


@router.get(
    "/inbox", response={200: InboxOut, **ERRORS}, summary="Hộp hồ sơ của cán bộ: hàng đợi, bộ lọc, số lượng"
)
def inbox_list(request, query: Query[InboxQuery]):
    filters = inbox.Filters(
        q=query.q or "", procedure=query.procedure or "", channel=query.channel, status=query.status
    )
    qs = inbox.dossiers_in(request.user, query.queue, filters)
    start = (query.page - 1) * query.size
    items = list(qs[start : start + query.size])
    counts = inbox.counts(request.user)
    return {"queue": query.queue, "counts": counts, "total": qs.count(), "page": query.page, "items": items}


class ApplicantIn(Schema):
    full_name: str = Field(..., min_length=1, max_length=255)
    id_number: str = Field(..., min_length=1, max_length=20)
    kind: int = Field(
        1, ge=1, le=4, description="LoaiDoiTuong: 1 công dân, 2 doanh nghiệp, 3 cơ quan, 4 khác"
    )
    id_kind: int | None = Field(
        None, ge=1, le=3, description="1 số định danh 12 số, 2 CMND 9 số, 3 mã số thuế"
    )
    phone: str = Field("", max_length=20)
    email: str = Field("", max_length=254)
    address: str = Field("", max_length=255)


class IntakeIn(Schema):
    agency: str = Field(..., description="mã cơ quan giải quyết")
    receiving_agency: str | None = Field(None, description="mã nơi tiếp nhận, nếu khác (phi địa giới)")
    procedure_code: str
    channel: Literal[1, 3] = 1
    summary: str = Field("", max_length=1000)
    applicant: ApplicantIn


@router.post(
    "/dossiers", response={201: DossierOut, **ERRORS}, summary="Tiếp nhận hồ sơ tại quầy hoặc qua bưu chính"
)
def intake(request, payload: IntakeIn):
    agencies = {
        a.code: a for a in Agency.objects.filter(code__in=[payload.agency, payload.receiving_agency or ""])
    }
    agency = agencies.get(payload.agency)
    if agency is None:
        raise NotFound("agency_not_found", f"Không tìm thấy cơ quan mã {payload.agency}.")
    receiving = agencies.get(payload.receiving_agency) if payload.receiving_agency else agency
    if receiving is None:
        raise NotFound("agency_not_found", f"Không tìm thấy cơ quan mã {payload.receiving_agency}.")
    with transaction.atomic():
        applicant = identity_services.find_or_create_applicant(**payload.applicant.dict())
        dossier = services.receive_at_counter(
            actor=request.user,
            agency=agency,
            receiving_agency=receiving,
            procedure_code=payload.procedure_code,
            applicant=applicant,
            channel=payload.channel,
            summary=payload.summary,
        )
    return Status(201, dossier)
