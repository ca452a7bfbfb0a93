"""Statistics for other systems: the same JSON as `manage.py statistics … --json`, with the period, the
unit and the formula version in every response. Aggregates only; signed-in officers who hold a
statistics, leader or administrator role may read them."""

from __future__ import annotations

import json
from datetime import date
from typing import Literal

from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from congso.core.errors import InvalidInput, PermissionDenied
from congso.identity import permissions as identity_permissions
from congso.identity.choices import Role
from congso.statistics import render, selectors
from congso.statistics.periods import Period

router = Router(tags=["thống kê"], auth=django_auth)
READERS = {Role.STATISTICS_VIEWER, Role.LEADER, Role.AGENCY_ADMIN, Role.PROVINCE_ADMIN}
MAX_DAYS = 366 * 5


class PeriodQuery(Schema):
    from_: date = Field(..., alias="from", description="ngày đầu kỳ, ví dụ 2026-01-01")
    to: date = Field(..., description="ngày cuối kỳ (tính đến 23:59:59)")
    agency: str | None = Field(None, description="mã cơ quan; bỏ trống = toàn tỉnh")


class Form06Query(PeriodQuery):
    by: Literal["agency", "field_level"] = "agency"


class ExplainQuery(PeriodQuery):
    column: str = Field(..., max_length=40, description="tên cột, ví dụ resolved_late")
    limit: int = Field(200, ge=1, le=5000)


def _check(request, query: PeriodQuery) -> tuple[Period, object]:
    if not any(g.role in READERS for g in identity_permissions.grants_of(request.user)):
        raise PermissionDenied("forbidden", "Bạn không có quyền xem số liệu thống kê.")
    period = Period(query.from_, query.to)
    if (query.to - query.from_).days > MAX_DAYS:
        raise InvalidInput("period_too_long", "Kỳ báo cáo tối đa 5 năm.")
    agency = selectors.find_agency(query.agency) if query.agency else None
    return period, agency


@router.get("/statistics/form06", summary="Biểu số 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP)")
def form06(request, query: Query[Form06Query]):
    period, agency = _check(request, query)
    report = selectors.form06_report(period=period, agency=agency, group_by=query.by)
    return json.loads(render.form06_json(report))


@router.get(
    "/statistics/index766", summary="Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)"
)
def index766(request, query: Query[PeriodQuery]):
    period, agency = _check(request, query)
    return json.loads(render.index766_json(selectors.index766_report(period=period, agency=agency)))


@router.get("/statistics/form06/explain", summary="Danh sách hồ sơ tạo nên một số liệu của Biểu 06")
def explain(request, query: Query[ExplainQuery]):
    period, agency = _check(request, query)
    dossiers = selectors.form06_cell(period=period, column=query.column, agency=agency)
    return {
        "from": str(period.first),
        "to": str(period.last),
        "column": query.column,
        "count": dossiers.count(),
        "codes": list(dossiers.values_list("code", flat=True)[: query.limit]),
    }
