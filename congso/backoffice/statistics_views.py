"""The yearly Form 06 screen (/mot-cua/thong-ke/): pick a period, a unit, a grouping and a view; read the table;
download Biểu số 06 as Excel or PDF; open the dossiers behind any figure.

Who sees what is `statistics.permissions`, the rule the statistics API and the dashboard follow too. Form 06 is aggregated (one row per agency), so even a province-year is built inline; the time it
took is sent in a Server-Timing header so operators can watch it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from django import forms
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render

from congso.backoffice.views import officer_required
from congso.core import clock
from congso.core.errors import DomainError, InvalidInput, NotFound
from congso.core.text import format_date
from congso.identity.models import Agency
from congso.statistics import form06, rollup, selectors
from congso.statistics.exports.layout import COLUMN_NO, FIGURES, build
from congso.statistics.exports.pdf import form06_pdf
from congso.statistics.exports.xlsx import form06_xlsx
from congso.statistics.periods import Period, parse_day
from congso.statistics.permissions import Access, access_of
from congso.statistics.render import percent

MAX_DAYS = 366 * 5  # the same ceiling as the statistics API: five years per report
WHOLE_PROVINCE = ""

PERIOD_KINDS = [("nam", "Năm"), ("quy", "Quý"), ("thang", "Tháng"), ("khoang", "Từ ngày … đến ngày …")]
GROUPINGS = [("agency", "Theo cơ quan, đơn vị"), ("field_level", "Theo lĩnh vực và cấp giải quyết")]
VIEWS = [
    (rollup.ROLLED_UP, "Cộng đơn vị đã sáp nhập vào đơn vị tiếp nhận"),
    (rollup.AS_WAS, "Như trước sáp nhập"),
]


# --- who may read which unit --------------------------------------------------------------------------


def unit_choices(access: Access) -> list[tuple[str, str]]:
    units = []
    if access.province is not None:  # "Toàn tỉnh Khánh Hòa"
        name = access.province.name
        units.append((WHOLE_PROVINCE, f"Toàn {name[:1].lower()}{name[1:]}"))
    for agency in access.agencies:
        closed = " — đã sáp nhập" if agency.successor_id else ""
        units.append((agency.code, f"{agency.name} ({agency.code}){closed}"))
    return units


# --- the form -----------------------------------------------------------------------------------------


class Form06Form(forms.Form):
    ky = forms.ChoiceField(label="Kỳ báo cáo", choices=PERIOD_KINDS)
    nam = forms.IntegerField(
        label="Năm",
        required=False,
        min_value=2000,
        max_value=2100,
        error_messages={
            "invalid": "Năm phải là số, ví dụ 2026.",
            "min_value": "Năm phải từ 2000 trở đi.",
            "max_value": "Năm phải trước 2100.",
        },
    )
    quy = forms.TypedChoiceField(
        label="Quý", required=False, coerce=int, choices=[(q, f"Quý {q}") for q in range(1, 5)]
    )
    thang = forms.TypedChoiceField(
        label="Tháng", required=False, coerce=int, choices=[(m, f"Tháng {m}") for m in range(1, 13)]
    )
    tu = forms.CharField(label="Từ ngày (dd/mm/yyyy)", required=False, max_length=10)
    den = forms.CharField(label="Đến ngày (dd/mm/yyyy)", required=False, max_length=10)
    # Any code is accepted here; the view answers 403 for a unit the officer may not read.
    don_vi = forms.CharField(label="Đơn vị", required=False, max_length=40)
    nhom = forms.ChoiceField(label="Lập biểu", choices=GROUPINGS)
    xem = forms.ChoiceField(label="Đơn vị đã sáp nhập", choices=VIEWS)

    def __init__(self, *args, access: Access, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.unit_choices = unit_choices(access)
        for name in ("ky", "nhom", "xem", "quy", "thang"):
            self.fields[name].error_messages["invalid_choice"] = "Lựa chọn không hợp lệ."
        self.fields["ky"].error_messages["required"] = "Hãy chọn kỳ báo cáo."

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if self.errors:
            return data
        try:
            data["period"] = self._period(data)
        except InvalidInput as error:
            raise forms.ValidationError(error.message) from error
        return data

    def _period(self, data: dict) -> Period:
        kind, year = data["ky"], data.get("nam")
        if kind != "khoang" and year is None:
            raise InvalidInput("year_required", "Hãy nhập năm của kỳ báo cáo, ví dụ 2026.")
        if kind == "nam":
            return Period.year(year)
        if kind == "quy":
            if not data.get("quy"):
                raise InvalidInput("quarter_required", "Hãy chọn quý.")
            return Period.quarter(year, data["quy"])
        if kind == "thang":
            if not data.get("thang"):
                raise InvalidInput("month_required", "Hãy chọn tháng.")
            return Period.month(year, data["thang"])
        first = _day(data.get("tu"), "Từ ngày")
        last = _day(data.get("den"), "Đến ngày")
        period = Period(first, last)  # raises period_reversed with both dates in dd/mm/yyyy
        if (last - first).days > MAX_DAYS:
            raise InvalidInput(
                "period_too_long",
                f"Kỳ báo cáo tối đa 5 năm; từ {format_date(first)} đến {format_date(last)} dài hơn. "
                "Hãy chia thành nhiều kỳ.",
            )
        return period


def _day(text: str | None, label: str) -> date:
    value = (text or "").strip()
    if not value:
        raise InvalidInput("date_required", f"Hãy nhập “{label}” dạng dd/mm/yyyy, ví dụ 31/01/2026.")
    try:
        return parse_day(value, label)
    except InvalidInput:
        raise InvalidInput(
            "invalid_date",
            f"“{label}”: “{value}” không phải ngày hợp lệ; hãy nhập dạng dd/mm/yyyy, ví dụ 31/01/2026.",
        ) from None


def _defaults(access: Access) -> dict[str, str]:
    today = clock.local(clock.now()).date()
    unit = WHOLE_PROVINCE if access.province else access.agencies[0].code
    return {
        "ky": "thang",
        "nam": str(today.year),
        "thang": str(today.month),
        "quy": str((today.month - 1) // 3 + 1),
        "tu": f"01/01/{today.year}",
        "den": format_date(today),
        "don_vi": unit,
        "nhom": "agency",
        "xem": rollup.ROLLED_UP,
    }


# --- the pages ----------------------------------------------------------------------------------------


class Forbidden(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _forbidden(request, message: str):  # type: ignore[no-untyped-def]
    return render(request, "backoffice/statistics_forbidden.html", {"message": message}, status=403)


@dataclass
class Request06:
    form: Form06Form
    access: Access
    agency: Agency | None = None
    province_code: str = ""


def _parse(request) -> Request06:  # type: ignore[no-untyped-def]
    access = access_of(request.user)
    if not access.readable:
        raise Forbidden(
            "Bạn không có quyền xem số liệu thống kê (cần vai trò Xem thống kê, Lãnh đạo cơ quan, Quản trị cơ quan "
            "hoặc Quản trị cấp tỉnh)."
        )
    data = {**_defaults(access), **{k: v for k, v in request.GET.items() if k in Form06Form.base_fields}}
    parsed = Request06(Form06Form(data, access=access), access)
    if not parsed.form.is_valid():
        return parsed
    code = parsed.form.cleaned_data["don_vi"].strip()
    if code == WHOLE_PROVINCE:
        if access.province is None:
            raise Forbidden("Chỉ quản trị cấp tỉnh được xem số liệu toàn tỉnh; hãy chọn cơ quan của bạn.")
        parsed.province_code = access.province.code
        return parsed
    try:
        agency = selectors.find_agency(code)
    except NotFound as error:
        parsed.form.add_error("don_vi", error.message)
        return parsed
    if not access.allows(agency):
        raise Forbidden(f"Bạn không có quyền xem số liệu của {agency.name}.")
    parsed.agency, parsed.province_code = agency, agency.province.code
    return parsed


def _report(parsed: Request06) -> tuple[selectors.Form06Report | None, float]:
    data = parsed.form.cleaned_data
    started = time.perf_counter()
    try:
        report = selectors.form06_report(
            period=data["period"],
            province_code=parsed.province_code,
            agency=parsed.agency,
            group_by=data["nhom"],
            view=data["xem"],
        )
    except DomainError as error:
        parsed.form.add_error(None, error.message)
        return None, 0.0
    except form06.IdentityError as error:  # a replay bug, never a figure to print: say so plainly
        parsed.form.add_error(None, f"Không lập được biểu: {error} Hãy báo quản trị hệ thống.")
        return None, 0.0
    return report, time.perf_counter() - started


@officer_required
def statistics_view(request):
    try:
        parsed = _parse(request)
    except Forbidden as error:
        return _forbidden(request, error.message)
    report, seconds = _report(parsed) if parsed.form.is_valid() else (None, 0.0)
    context = {"form": parsed.form, "access": parsed.access, "report": report, "seconds": seconds}
    if report is not None:
        sheet = build(report)
        query = _query(parsed)
        context.update(
            sheet=sheet,
            rows=[_html_row(line, report, query) for line in sheet.lines],
            rates=[
                {
                    "label": r.label,
                    "formula": r.formula,
                    "text": percent(r.value) if r.value is not None else "—",
                }
                for r in sheet.rates
            ],
        )
    status = 200 if parsed.form.is_valid() else 400
    response = render(request, "backoffice/statistics.html", context, status=status)
    if report is not None:
        response["Server-Timing"] = f"form06;dur={seconds * 1000:.0f}"
    return response


EXPORTS = {
    "xlsx": (form06_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "pdf": (form06_pdf, "application/pdf"),
}


@officer_required
def statistics_export_view(request, fmt: str):
    """Biểu số 06 as a file, for the same choices as the page; a bad choice shows the page with its message."""
    if fmt not in EXPORTS:
        raise Http404("Chỉ tải được Biểu số 06 dạng .xlsx hoặc .pdf.")
    try:
        parsed = _parse(request)
    except Forbidden as error:
        return _forbidden(request, error.message)
    report, _ = _report(parsed) if parsed.form.is_valid() else (None, 0.0)
    if report is None:
        context = {"form": parsed.form, "access": parsed.access, "report": None}
        return render(request, "backoffice/statistics.html", context, status=400)
    started = time.perf_counter()
    make, content_type = EXPORTS[fmt]
    response = HttpResponse(make(report), content_type=content_type)
    unit = parsed.agency.code if parsed.agency else f"tinh-{parsed.province_code}"
    name = f"bieu-06-{unit}-{report.period.first:%Y%m%d}-{report.period.last:%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Server-Timing"] = f"render;dur={(time.perf_counter() - started) * 1000:.0f}"
    return response


@officer_required
def statistics_cell_view(request):
    """The dossiers behind one figure of the table: ?…same choices…&cot=resolved_late&hang=a:CODE."""
    try:
        parsed = _parse(request)
    except Forbidden as error:
        return _forbidden(request, error.message)
    column = request.GET.get("cot", "")
    dossiers, title = None, ""
    if parsed.form.is_valid():
        try:
            row = _row(request.GET.get("hang", ""), parsed)
            data = parsed.form.cleaned_data
            dossiers = rollup.cell(
                period=data["period"],
                column=column,
                province_code=parsed.province_code,
                agency=parsed.agency,
                view=data["xem"],
                **row,
            ).select_related("applicant", "procedure_version", "agency")
            title = form06.COLUMNS.get(column, column)
        except Forbidden as error:
            return _forbidden(request, error.message)
        except DomainError as error:
            parsed.form.add_error(None, error.message)
    page = Paginator(dossiers, 50).get_page(request.GET.get("trang")) if dossiers is not None else None
    back = _query(parsed) if parsed.form.is_valid() else ""
    context = {"form": parsed.form, "page": page, "title": title, "back": back, "now": clock.now()}
    return render(
        request, "backoffice/statistics_cell.html", context, status=200 if page is not None else 400
    )


def _row(key: str, parsed: Request06) -> dict[str, object]:
    """`a:CODE` an agency row, `f:FIELD|none:LEVEL` a field and level row, `l:LEVEL` a level's subtotal,
    empty for the total."""
    kind, _, rest = key.partition(":")
    if not key:
        return {}
    if kind == "a":
        agency = selectors.find_agency(rest)
        if parsed.agency is not None and agency.id != parsed.agency.id:
            raise Forbidden(f"Bạn không có quyền xem số liệu của {agency.name}.")
        if parsed.agency is None and agency.province.code != parsed.province_code:
            raise Forbidden(f"{agency.name} không thuộc tỉnh bạn quản trị.")
        return {"row_agency": agency}
    if kind == "l":
        return {"level": rest}
    if kind == "f":
        field_id, _, level = rest.partition(":")
        if field_id == "none":
            return {"no_field": True, "level": level}
        if field_id.isdigit():
            return {"field_id": int(field_id), "level": level}
    raise InvalidInput("invalid_row", "Dòng của biểu không hợp lệ; hãy mở lại từ bảng số liệu.")


def _query(parsed: Request06) -> str:
    data = parsed.form.cleaned_data
    keys = ("ky", "nam", "quy", "thang", "tu", "den", "don_vi", "nhom", "xem")
    return urlencode({k: "" if data.get(k) is None else data[k] for k in keys})


def _html_row(line, report, query: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    if line.kind == "total":
        key = ""
    elif line.kind == "group":
        key = f"l:{line.key[1]}"
    elif report.group_by == "agency":
        key = f"a:{line.key[0]}"
    else:
        key = f"f:{line.key[0] if line.key[0] is not None else 'none'}:{line.key[1]}"
    cells = []
    for name, value in zip(FIGURES, line.figures(), strict=True):
        link = f"{query}&{urlencode({'cot': name, 'hang': key})}" if value else ""
        cells.append({"value": value, "link": link, "column": f"({COLUMN_NO[name]})"})
    return {"line": line, "cells": cells}
