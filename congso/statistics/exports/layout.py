"""Biểu số 06/VPCP/KSTT as a sheet: the texts, header grid, lines and notes that Excel, PDF and the officer's
page all print, so the three cannot drift apart.

The form is Biểu số 06/VPCP/KSTT of Circular 01/2020/TT-VPCP of 21/10/2020 (Văn phòng Chính phủ), "Tình hình,
kết quả giải quyết thủ tục hành chính tại cơ quan, đơn vị trực tiếp giải quyết thủ tục hành chính" (domain.md
§9.1): units fill it in and send it to the provincial People's Committee's Office. Its columns are numbered so
the notes can state the rates as formulas over column numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from congso.core import clock
from congso.core.text import format_date
from congso.places.choices import ProvinceKind
from congso.places.models import Province
from congso.statistics import form06, rollup
from congso.statistics.selectors import Form06Report

FORM_CODE = "Biểu số 06/VPCP/KSTT"
ISSUED_WITH = "Ban hành kèm theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020 của Văn phòng Chính phủ"
TITLE = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
UNIT_OF_COUNT = "Đơn vị tính: Số hồ sơ TTHC"
MAKER, HEAD = "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG CƠ QUAN"
MAKER_HINT, HEAD_HINT = "(Ký, ghi rõ họ tên)", "(Ký tên, đóng dấu)"

# The 11 figure columns in the form's order (form06.COLUMNS keys); columns 1 and 2 are STT and the label.
FIGURES: tuple[str, ...] = tuple(form06.COLUMNS)
NUMBERS = tuple(f"({n})" for n in range(1, len(FIGURES) + 3))  # (1) … (13)
COLUMN_NO = {name: n for n, name in enumerate(FIGURES, start=3)}  # received_total → 3 … pending_overdue → 13

LABEL_HEADINGS = {"agency": "Cơ quan, đơn vị", "field_level": "Lĩnh vực, cấp giải quyết"}


@dataclass(frozen=True)
class Cell:
    """One header cell over a rectangle of the 3-row header grid (0-based rows and columns, inclusive)."""

    text: str
    first_row: int
    first_col: int
    last_row: int
    last_col: int


def header(group_by: str) -> list[Cell]:
    """The merged header: three groups over their columns, "Trong kỳ" over online and direct/postal."""
    return [
        Cell("STT", 0, 0, 2, 0),
        Cell(LABEL_HEADINGS[group_by], 0, 1, 2, 1),
        Cell("Số hồ sơ nhận giải quyết", 0, 2, 0, 5),
        Cell("Số hồ sơ đã giải quyết", 0, 6, 0, 9),
        Cell("Số hồ sơ đang giải quyết", 0, 10, 0, 12),
        Cell("Tổng số", 1, 2, 2, 2),
        Cell("Trong kỳ", 1, 3, 1, 4),
        Cell("Trực tuyến", 2, 3, 2, 3),
        Cell("Trực tiếp, dịch vụ bưu chính", 2, 4, 2, 4),
        Cell("Từ kỳ trước", 1, 5, 2, 5),
        Cell("Tổng số", 1, 6, 2, 6),
        Cell("Trước hạn", 1, 7, 2, 7),
        Cell("Đúng hạn", 1, 8, 2, 8),
        Cell("Quá hạn", 1, 9, 2, 9),
        Cell("Tổng số", 1, 10, 2, 10),
        Cell("Trong hạn", 1, 11, 2, 11),
        Cell("Quá hạn", 1, 12, 2, 12),
    ]


HEADER_ROWS = 3
WIDTH = len(NUMBERS)  # 13 columns


@dataclass
class Line:
    kind: str  # item | group (a level's subtotal) | total
    number: str  # STT: 1, 2… for items, I, II… for groups, blank for the total
    label: str
    counts: form06.Counts
    key: tuple = ()  # the report row's key, for links to the dossiers behind a figure

    def figures(self) -> list[int]:
        return [getattr(self.counts, name) for name in FIGURES]


@dataclass
class Rate:
    label: str
    formula: str
    value: Decimal | None


@dataclass
class Sheet:
    reporting_unit: str
    receiving_unit: str
    period_line: str
    scope_line: str
    label_heading: str
    lines: list[Line]
    rates: list[Rate]
    notes: list[str]
    place: str
    day: date
    footer: str
    meta_title: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def period_line(report: Form06Report) -> str:
    """'Kỳ báo cáo: Quý 1/2026 (từ ngày 01/01/2026 đến ngày 31/03/2026)'."""
    period = report.period
    name = period.label if period.kind != "custom" else "theo khoảng thời gian"
    return f"Kỳ báo cáo: {name} (từ ngày {format_date(period.first)} đến ngày {format_date(period.last)})"


def _province(code: str) -> Province | None:
    return Province.objects.filter(era="current", code=code).first()


def _committee_of(province: Province | None, code: str) -> tuple[str, str]:
    """('UBND tỉnh Khánh Hòa', 'Khánh Hòa'): the province's People's Committee and the place name."""
    if province is None:
        return f"UBND tỉnh mã {code}", ""
    word = "thành phố" if province.kind == ProvinceKind.CITY else "tỉnh"
    return f"UBND {word} {province.short_name}", province.short_name


def unit_name(labels: dict[str, object]) -> str:
    """An agency row's label: its name, the former province of a merged one (as-was view), or the agencies
    whose figures it now includes (rolled-up view)."""
    name = str(labels["name"])
    if labels.get("former_province"):
        return f"{name} (trước 01/07/2025 thuộc {labels['former_province']})"
    if labels.get("successor"):
        return f"{name} (đã sáp nhập)"
    included = labels.get("includes") or []
    if included:
        return f"{name} (gồm số liệu của: {'; '.join(str(i['name']) for i in included)})"  # type: ignore[index]
    return name


def _roman(n: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letter in numerals:
        while n >= value:
            out, n = out + letter, n - value
    return out


def lines_of(report: Form06Report) -> list[Line]:
    """Items numbered 1…n (by field and level: a subtotal line per level, I, II…, items numbered within it),
    then TỔNG CỘNG."""
    lines: list[Line] = []
    if report.group_by == "agency":
        for n, row in enumerate(report.rows, start=1):
            lines.append(Line("item", str(n), unit_name(row.labels), row.counts, row.key))
    else:
        levels: dict[str, list] = {}
        for row in report.rows:
            levels.setdefault(str(row.key[1]), []).append(row)
        for g, (level, rows) in enumerate(levels.items(), start=1):
            subtotal = form06.Counts()
            for row in rows:
                subtotal += row.counts
            lines.append(Line("group", _roman(g), str(rows[0].labels["level_name"]), subtotal, (None, level)))
            for n, row in enumerate(rows, start=1):
                lines.append(Line("item", str(n), str(row.labels["field_name"]), row.counts, row.key))
    lines.append(Line("total", "", "TỔNG CỘNG", report.total))
    return lines


def rates_of(report: Form06Report) -> list[Rate]:
    c = COLUMN_NO
    return [
        Rate(
            form06.RATES["on_time_rate"],
            f"[({c['resolved_early']}) + ({c['resolved_on_time']})] / ({c['resolved_total']}) × 100",
            report.total.on_time_rate,
        ),
        Rate(
            form06.RATES["on_time_rate_incl_pending"],
            f"[({c['resolved_early']}) + ({c['resolved_on_time']}) + ({c['pending_within_time']})] / "
            f"[({c['resolved_total']}) + ({c['pending_total']})] × 100",
            report.total.on_time_rate_incl_pending,
        ),
    ]


def build(report: Form06Report, *, day: date | None = None) -> Sheet:
    """Everything the printed form shows, from a Form 06 report (any grouping, either view)."""
    province = _province(report.province_code)
    committee, place = _committee_of(province, report.province_code)
    if report.agency is not None:
        reporting = report.agency.name
    else:
        reporting = f"{committee} (tổng hợp các cơ quan, đơn vị trực tiếp giải quyết TTHC)"
    grouping = "theo cơ quan, đơn vị" if report.group_by == "agency" else "theo lĩnh vực và cấp giải quyết"
    c = COLUMN_NO
    notes = [
        f"Công thức tính theo Thông tư {report.formula_version}; kiểm tra trên mọi dòng: "
        f"({c['received_total']}) = ({c['resolved_total']}) + ({c['pending_total']}) — đúng.",
        "Đúng hạn gồm cả hồ sơ rút; trong hạn gồm cả hồ sơ chờ bổ sung, thực hiện nghĩa vụ tài chính hoặc tạm "
        "dừng; trước/đúng/quá hạn so theo ngày trả kết quả và ngày hẹn trả.",
        *report.notes,
    ]
    return Sheet(
        reporting_unit=reporting,
        receiving_unit=f"Văn phòng {committee}",
        period_line=period_line(report),
        scope_line=f"Lập {grouping}. {rollup.VIEWS[report.view]}.",
        label_heading=LABEL_HEADINGS[report.group_by],
        lines=lines_of(report),
        rates=rates_of(report),
        notes=notes,
        place=place,
        day=day or clock.local(clock.now()).date(),
        footer=f"{FORM_CODE} — {reporting} — {period_line(report)}",
        meta_title=f"{FORM_CODE} — {report.period.label}",
    )
