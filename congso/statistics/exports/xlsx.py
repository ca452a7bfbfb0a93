"""Biểu số 06/VPCP/KSTT as an Excel workbook (XlsxWriter), in the form's layout.

Figures are real numbers with a number format (an officer sums and checks them in Excel), rates are
numbers formatted as percentages; the header is frozen and repeats on every printed page, which is A4
landscape fitted to the page width.
"""

from __future__ import annotations

import io
from datetime import date, datetime, time
from decimal import Decimal

import xlsxwriter

from congso.documents.pdf.text import date_line
from congso.statistics.exports.layout import (
    FORM_CODE,
    HEAD,
    HEAD_HINT,
    HEADER_ROWS,
    ISSUED_WITH,
    MAKER,
    MAKER_HINT,
    NUMBERS,
    TITLE,
    UNIT_OF_COUNT,
    WIDTH,
    Sheet,
    build,
    header,
)
from congso.statistics.selectors import Form06Report

FONT = "Times New Roman"  # Decree 30/2020/NĐ-CP, Appendix I: a Unicode Vietnamese font (TCVN 6909:2001)
LAST = WIDTH - 1
HEADER_TOP = 7  # 0-based row of the first header row; rows above hold the title block


def form06_xlsx(report: Form06Report, *, day: date | None = None) -> bytes:
    """The workbook's bytes: one sheet "Biểu 06" with the title block, the table and the signatures."""
    sheet = build(report, day=day)
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.set_properties(
        {
            "title": sheet.meta_title,
            "subject": sheet.period_line,
            "author": "congso — Một cửa điện tử",
            "company": sheet.reporting_unit,
            # A fixed creation time (the report's date) keeps two exports of the same report identical.
            "created": datetime.combine(sheet.day, time(0, 0)),
        }
    )
    fmt = _formats(book)
    ws = book.add_worksheet("Biểu 06")
    _title_block(ws, fmt, sheet)
    first_data = _header(ws, fmt, report.group_by)
    row = first_data
    for line in sheet.lines:
        style = {"item": "", "group": "group_", "total": "total_"}[line.kind]
        ws.write_string(row, 0, line.number, fmt[style + "stt"])
        ws.write_string(row, 1, line.label, fmt[style + "label"])
        for col, value in enumerate(line.figures(), start=2):
            ws.write_number(row, col, value, fmt[style + "number"])
        row += 1
    row = _notes(ws, fmt, sheet, row + 1)
    last_row = _signatures(ws, fmt, sheet, row + 1)

    ws.set_column(0, 0, 5)
    ws.set_column(1, 1, 42)
    ws.set_column(2, LAST, 11.5)
    ws.freeze_panes(first_data, 2)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)  # as wide as one page, as many pages long as needed
    ws.repeat_rows(HEADER_TOP, first_data - 1)
    ws.center_horizontally()
    ws.set_margins(left=0.5, right=0.4, top=0.5, bottom=0.6)
    ws.set_footer("&L&8" + FORM_CODE + "&R&8Trang &P/&N")
    ws.print_area(0, 0, last_row + 4, LAST)  # room under the titles to sign
    book.close()
    return out.getvalue()


def _formats(book: xlsxwriter.Workbook) -> dict:
    base = {"font_name": FONT, "font_size": 11, "valign": "vcenter"}

    def f(*parts: dict, **kw):  # type: ignore[no-untyped-def]
        merged = dict(base)
        for part in (*parts, kw):
            merged.update(part)
        return book.add_format(merged)

    cell = {"border": 1, "font_size": 10}
    number = {**cell, "num_format": "#,##0", "align": "right"}
    return {
        "bold": f(bold=True),
        "italic": f(italic=True, text_wrap=True, valign="top"),
        "right": f(align="right", italic=True),
        "title": f(bold=True, font_size=13, align="center", text_wrap=True),
        "center": f(align="center", text_wrap=True),
        "center_italic": f(align="center", italic=True, text_wrap=True),
        "head": f(cell, bold=True, align="center", text_wrap=True, bg_color="#EDEDED"),
        "head_no": f(cell, italic=True, align="center", font_size=9),
        "stt": f(cell, align="center"),
        "label": f(cell, text_wrap=True),
        "number": f(number),
        "group_stt": f(cell, align="center", bold=True),
        "group_label": f(cell, bold=True, text_wrap=True),
        "group_number": f(number, bold=True),
        "total_stt": f(cell, bold=True, top=2),
        "total_label": f(cell, bold=True, align="center", top=2),
        "total_number": f(number, bold=True, top=2),
        "note": f(text_wrap=True, valign="top", font_size=10),
        "rate": f(num_format="0.00%", bold=True, align="left"),
        "rate_none": f(bold=True, align="left"),
        "sign": f(bold=True, align="center"),
        "sign_hint": f(italic=True, align="center"),
        "place": f(italic=True, align="center"),
    }


def _title_block(ws, fmt: dict, sheet: Sheet) -> None:  # type: ignore[no-untyped-def]
    ws.merge_range(0, 0, 0, 4, FORM_CODE, fmt["bold"])
    ws.merge_range(1, 0, 2, 4, ISSUED_WITH, fmt["italic"])
    ws.merge_range(0, 8, 0, LAST, f"Đơn vị báo cáo: {sheet.reporting_unit}", fmt["bold"])
    ws.merge_range(1, 8, 1, LAST, f"Đơn vị nhận báo cáo: {sheet.receiving_unit}", fmt["bold"])
    ws.merge_range(3, 0, 3, LAST, TITLE, fmt["title"])
    ws.set_row(3, 36)
    ws.merge_range(4, 0, 4, LAST, sheet.period_line, fmt["center"])
    ws.merge_range(5, 0, 5, LAST, sheet.scope_line, fmt["center_italic"])
    ws.merge_range(6, 9, 6, LAST, UNIT_OF_COUNT, fmt["right"])


def _header(ws, fmt: dict, group_by: str) -> int:  # type: ignore[no-untyped-def]
    """Writes the merged header and the column numbers; returns the first data row."""
    for cell in header(group_by):
        top, bottom = HEADER_TOP + cell.first_row, HEADER_TOP + cell.last_row
        if (top, cell.first_col) == (bottom, cell.last_col):
            ws.write_string(top, cell.first_col, cell.text, fmt["head"])
        else:
            ws.merge_range(top, cell.first_col, bottom, cell.last_col, cell.text, fmt["head"])
    ws.set_row(HEADER_TOP + 2, 30)
    numbers_row = HEADER_TOP + HEADER_ROWS
    for col, text in enumerate(NUMBERS):
        ws.write_string(numbers_row, col, text, fmt["head_no"])
    return numbers_row + 1


def _notes(ws, fmt: dict, sheet: Sheet, row: int) -> int:  # type: ignore[no-untyped-def]
    for rate in sheet.rates:
        ws.merge_range(row, 0, row, 9, f"{rate.label} = {rate.formula}:", fmt["note"])
        if rate.value is None:
            ws.merge_range(row, 10, row, LAST, "— (chưa có hồ sơ)", fmt["rate_none"])
        else:
            # 83.33 (%) → 0.8333 shown as 83.33% (83,33% in a Vietnamese Excel): a number, not text.
            ws.merge_range(row, 10, row, LAST, None, fmt["rate"])
            ws.write_number(row, 10, float(rate.value / Decimal(100)), fmt["rate"])
        row += 1
    for note in sheet.notes:
        ws.merge_range(row, 0, row, LAST, f"Ghi chú: {note}", fmt["note"])
        ws.set_row(row, 28)
        row += 1
    return row


def _signatures(ws, fmt: dict, sheet: Sheet, row: int) -> int:  # type: ignore[no-untyped-def]
    ws.merge_range(row, 8, row, LAST, date_line(sheet.place, sheet.day), fmt["place"])
    ws.merge_range(row + 1, 0, row + 1, 4, MAKER, fmt["sign"])
    ws.merge_range(row + 2, 0, row + 2, 4, MAKER_HINT, fmt["sign_hint"])
    ws.merge_range(row + 1, 8, row + 1, LAST, HEAD, fmt["sign"])
    ws.merge_range(row + 2, 8, row + 2, LAST, HEAD_HINT, fmt["sign_hint"])
    return row + 2
