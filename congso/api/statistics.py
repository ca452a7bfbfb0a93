"""Statistics for other systems: the same JSON as `manage.py statistics … --json`, with the period, the
unit and the formula version in every response. Aggregates only; signed-in officers who hold a
statistics, leader or administrator role may read them."""

from __future__ import annotations

import json
from datetime import date
from typing import Literal

from django.http import HttpResponse
from ninja import Field, Query, Router, Schema
from ninja.security import django_auth

from congso.core.errors import InvalidInput, PermissionDenied
from congso.statistics import permissions, render, selectors
from congso.statistics.exports.pdf import form06_pdf
from congso.statistics.exports.xlsx import form06_xlsx
from congso.statistics.periods import Period

router = Router(tags=["thống kê"], auth=django_auth)
MAX_DAYS = 366 * 5


class PeriodQuery(Schema):
    from_: date = Field(..., alias="from", description="ngày đầu kỳ, ví dụ 2026-01-01")
    to: date = Field(..., description="ngày cuối kỳ (tính đến 23:59:59)")
    agency: str | None = Field(None, description="mã cơ quan; bỏ trống = toàn tỉnh")


class Form06Query(PeriodQuery):
    by: Literal["agency", "field_level"] = "agency"
    view: Literal["rolled_up", "as_was"] = Field(
        "rolled_up",
        description="rolled_up: đơn vị đã sáp nhập cộng vào đơn vị tiếp nhận; as_was: như trước sáp nhập",
    )


class ExplainQuery(PeriodQuery):
    column: str = Field(..., max_length=40, description="tên cột, ví dụ resolved_late")
    limit: int = Field(200, ge=1, le=5000)


def _check(request, query: PeriodQuery) -> tuple[Period, object]:
    reader = permissions.access_of(request.user)
    if not reader.readable:
        raise PermissionDenied("forbidden", "Bạn không có quyền xem số liệu thống kê.")
    period = Period(query.from_, query.to)
    if (query.to - query.from_).days > MAX_DAYS:
        raise InvalidInput("period_too_long", "Kỳ báo cáo tối đa 5 năm.")
    agency = selectors.find_agency(query.agency) if query.agency else None
    if not reader.allows(agency):
        if agency is None:
            raise PermissionDenied(
                "province_forbidden",
                "Chỉ lãnh đạo, cán bộ thống kê của UBND tỉnh và quản trị cấp tỉnh xem được số liệu toàn tỉnh; "
                "hãy chọn cơ quan của mình (tham số agency).",
            )
        raise PermissionDenied("agency_forbidden", "Bạn không có quyền xem số liệu của cơ quan này.")
    return period, agency


@router.get("/statistics/form06", summary="Biểu số 06/VPCP/KSTT (Thông tư 01/2020/TT-VPCP)")
def form06(request, query: Query[Form06Query]):
    period, agency = _check(request, query)
    report = selectors.form06_report(period=period, agency=agency, group_by=query.by, view=query.view)
    return json.loads(render.form06_json(report))


EXPORTS = {
    "xlsx": (form06_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pdf": (form06_pdf, "application/pdf"),
}


def _form06_file(request, query: Form06Query, fmt: str) -> HttpResponse:
    period, agency = _check(request, query)
    report = selectors.form06_report(period=period, agency=agency, group_by=query.by, view=query.view)
    make, content_type = EXPORTS[fmt]
    response = HttpResponse(make(report), content_type=content_type)
    unit = agency.code if agency else f"tinh-{report.province_code}"
    name = f"bieu-06-{unit}-{period.first:%Y%m%d}-{period.last:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get("/statistics/form06.xlsx", summary="Biểu số 06/VPCP/KSTT dạng Excel, đúng mẫu")
def form06_xlsx_file(request, query: Query[Form06Query]):
    return _form06_file(request, query, "xlsx")


@router.get("/statistics/form06.pdf", summary="Biểu số 06/VPCP/KSTT dạng PDF (A4 ngang), đúng mẫu")
def form06_pdf_file(request, query: Query[Form06Query]):
    return _form06_file(request, query, "pdf")


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
