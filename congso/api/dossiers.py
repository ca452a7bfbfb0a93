"""Dossier history and actions over HTTP, for the province's other tools. Same services, same checks."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from ninja import Field, Router, Schema
from ninja.security import django_auth

from congso.dossiers import selectors, services
from congso.dossiers.services import ACTIONS

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
