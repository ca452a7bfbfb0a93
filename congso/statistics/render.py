"""The shell's two outputs: the JSON contract scripts read, and a readable Vietnamese table.

JSON: rates and scores are numbers with exactly 2 decimals (80.20, not 80.2), or null; counts are
integers. Text: dot thousands (57.393) and comma decimals (80,23%), as Vietnamese reports print them
(domain.md §12).
"""

from __future__ import annotations

import json
import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from congso.core.text import format_date, format_number
from congso.statistics import form06
from congso.statistics.index766.compute import IndexReport, IndicatorResult
from congso.statistics.index766.scoring import round2
from congso.statistics.selectors import Form06Report

_RAW = "\u0000num:"
_RAW_JSON = re.compile(r'"\\u0000num:(-?\d+(?:\.\d+)?)"')


def _num(value: Decimal | None) -> str | None:
    """A Decimal kept digit for digit in the JSON text (json would print 80.2 for 80.20)."""
    return None if value is None else f"{_RAW}{value}"


def dumps(data: object) -> str:
    return _RAW_JSON.sub(r"\1", json.dumps(data, ensure_ascii=False, indent=2))


def percent(value: Decimal | None) -> str:
    """80,23% — or an em dash when there is no rate."""
    if value is None:
        return "—"
    return f"{value:.2f}".replace(".", ",") + "%"


def decimal_vn(value: Decimal | None, places: int = 2) -> str:
    if value is None:
        return "—"
    whole, _, frac = f"{value:.{places}f}".partition(".")
    return format_number(Decimal(whole)) + ("," + frac if frac else "")


# --- Form 06 ------------------------------------------------------------------------------------------


def _columns(counts: form06.Counts) -> dict[str, object]:
    values = counts.as_dict()
    return {k: (_num(v) if k in form06.RATES else v) for k, v in values.items()}  # type: ignore[arg-type]


def form06_json(report: Form06Report) -> str:
    return dumps(
        {
            "from": report.period.first.isoformat(),
            "to": report.period.last.isoformat(),
            "formula_version": report.formula_version,
            "province": report.province_code,
            "group_by": report.group_by,
            "view": report.view,  # rolled_up | as_was (rollup.py)
            "rows": [{**row.labels, **_columns(row.counts)} for row in report.rows],
            "total": _columns(report.total),
            "notes": report.notes,
        }
    )


HEADERS = ["Tổng", "Tr.tuyến", "TT+BC", "Kỳ trước", "Tổng", "Trước", "Đúng", "Quá", "Tổng", "Tr.hạn", "Quá"]


def form06_text(report: Form06Report, *, show_empty: bool = False) -> str:
    lines = [
        "BIỂU SỐ 06/VPCP/KSTT — TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        f"(Thông tư {report.formula_version}) — kỳ báo cáo từ {format_date(report.period.first)} "
        f"đến {format_date(report.period.last)}",
        f"Phạm vi: {report.agency.name if report.agency else f'toàn tỉnh (mã {report.province_code})'}; "
        + ("theo cơ quan, đơn vị (06a)" if report.group_by == "agency" else "theo lĩnh vực và cấp"),
        "",
    ]
    label_width = 44
    head = f"{'Đơn vị / lĩnh vực':<{label_width}}" + "".join(f"{h:>9}" for h in HEADERS) + f"{'Tỷ lệ ĐH':>10}"
    lines += [
        " " * label_width
        + f"{'┌── Số hồ sơ nhận giải quyết ──┐':^36}{'┌───── Đã giải quyết ─────┐':^36}"
        + f"{'┌─ Đang giải quyết ─┐':^27}",
        head,
        "─" * len(head),
    ]
    hidden = 0
    for row in report.rows:
        if not show_empty and row.counts.received_total == 0 and len(report.rows) > 1:
            hidden += 1
            continue
        if report.group_by == "agency":
            label = f"{row.labels['name']}"
        else:
            label = f"{row.labels['level_name']} — {row.labels['field_name']}"
        lines.append(_line(label, row.counts, label_width))
    lines.append("─" * len(head))
    lines.append(_line("TỔNG CỘNG", report.total, label_width))
    lines.append("")
    if hidden:
        lines.append(f"({hidden} đơn vị không có hồ sơ trong kỳ không hiển thị; xem đầy đủ với --json.)")
    lines.append(
        f"Tỷ lệ giải quyết đúng và trước hạn: {percent(report.total.on_time_rate)} (trên số đã giải quyết); "
        f"kể cả hồ sơ đang giải quyết trong hạn: {percent(report.total.on_time_rate_incl_pending)}."
    )
    lines.append("Đẳng thức kiểm tra: nhận giải quyết = đã giải quyết + đang giải quyết (mọi dòng: đúng).")
    lines.append(
        "Tr.tuyến: trực tuyến; TT+BC: trực tiếp và dịch vụ bưu chính; Trước/Đúng/Quá: trước hạn, đúng hạn "
        "(kể cả rút hồ sơ), quá hạn theo ngày; Tr.hạn: trong hạn (kể cả chờ bổ sung); Tỷ lệ ĐH: đúng và trước hạn."
    )
    lines += report.notes
    return "\n".join(lines)


def _line(label: str, counts: form06.Counts, width: int) -> str:
    label = label if len(label) <= width - 1 else label[: width - 2] + "…"
    values = [getattr(counts, c) for c in form06.COLUMNS]
    return (
        f"{label:<{width}}"
        + "".join(f"{format_number(v):>9}" for v in values)
        + f"{percent(counts.on_time_rate):>10}"
    )


# --- Decision 766 -------------------------------------------------------------------------------------


def _ratio(value: Fraction | None, places: str) -> Decimal | None:
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal(places), rounding=ROUND_HALF_UP
    )


def _indicator(r: IndicatorResult) -> dict[str, object]:
    ind = r.indicator
    average = ind.code == "2.2"
    numerator = r.numerator
    return {
        "code": ind.code,
        "name": ind.name,
        "group": ind.group,
        "points": ind.points,
        "rule": ind.rule,
        "target": _num(_ratio(ind.target, "0.01")),
        "definition": ind.definition,
        "numerator": _num(numerator) if isinstance(numerator, Decimal) else numerator,
        "denominator": r.denominator,
        "ratio": _num(round2(r.ratio) if average and r.ratio is not None else _ratio(r.ratio, "0.0001")),
        "percent": None if average else _num(_ratio(r.ratio * 100 if r.ratio is not None else None, "0.01")),
        "score": _num(r.score),
        "status": r.status,
        "reason": r.reason,
    }


def index766_json(report: IndexReport) -> str:
    return dumps(
        {
            "from": report.period.first.isoformat(),
            "to": report.period.last.isoformat(),
            "period": {"kind": report.period.kind, "label": report.period.label},
            "unit": {"kind": report.unit.kind, "code": report.unit.code, "name": report.unit.name},
            "formula_version": report.formula.version,
            "settings": report.rules.as_dict(),
            "indicators": [_indicator(r) for r in report.indicators],
            "groups": [
                {
                    "code": g.code,
                    "name": g.name,
                    "points": g.points,
                    "formula": g.formula,
                    "score": _num(g.score),
                    "available_points": g.available_points,
                }
                for g in report.groups
            ],
            "total": {"points": 100, "score": _num(report.total), "available_points": report.total_available},
        }
    )


def index766_text(report: IndexReport) -> str:
    lines = [
        "BỘ CHỈ SỐ CHỈ ĐẠO, ĐIỀU HÀNH VÀ ĐÁNH GIÁ CHẤT LƯỢNG PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP",
        f"(Quyết định 766/QĐ-TTg; bộ công thức {report.formula.version}) — {report.period.label} "
        f"({format_date(report.period.first)}–{format_date(report.period.last)})",
        f"Đơn vị: {report.unit.label} — {report.unit.name}",
        "",
        f"{'Mã':<6}{'Chỉ số':<48}{'Điểm':>6}{'Tử số':>12}{'Mẫu số':>12}{'Tỷ lệ':>10}{'Điểm đạt':>10}",
    ]
    notes = []
    for group in report.groups:
        lines.append(f"{group.name.upper()} ({group.points} điểm; {group.formula})")
        for r in report.indicators:
            if r.indicator.group != group.code:
                continue
            ind = r.indicator
            name = ind.name if len(ind.name) <= 46 else ind.name[:45] + "…"
            if ind.code == "2.2":
                shown_ratio = decimal_vn(round2(r.ratio)) + " ngày" if r.ratio is not None else "—"
                numerator = decimal_vn(r.numerator)  # type: ignore[arg-type]
            else:
                shown_ratio = percent(_ratio(r.ratio * 100, "0.01") if r.ratio is not None else None)
                numerator = format_number(r.numerator) if r.numerator is not None else "—"
            denominator = format_number(r.denominator) if r.denominator is not None else "—"
            score = decimal_vn(r.score) if r.score is not None else "N/A"
            lines.append(
                f"{ind.code:<6}{name:<48}{ind.points:>6}{numerator:>12}{denominator:>12}{shown_ratio:>10}{score:>10}"
            )
            if r.reason:
                notes.append(f"  {ind.code}: {r.reason}")
        score = decimal_vn(group.score) if group.score is not None else "N/A"
        lines.append(
            f"{'':<6}{'Cộng nhóm (trên số điểm tính được: ' + str(group.available_points) + ')':<84}{score:>10}"
        )
        lines.append("")
    total = decimal_vn(report.total) if report.total is not None else "N/A"
    lines.append(f"TỔNG ĐIỂM: {total} / 100 (các chỉ số tính được chiếm {report.total_available} điểm)")
    lines += ["", "Ghi chú:", *notes]
    return "\n".join(lines)
