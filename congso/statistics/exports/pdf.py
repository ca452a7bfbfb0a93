"""Biểu số 06/VPCP/KSTT as a PDF: A4 landscape, the form's layout, numbers with dot thousands.

Circular 01/2020/TT-VPCP prints the form across an A4 sheet turned sideways (13 columns). Fonts, paragraph
styles and the date line come from the documents module, so the Vietnamese text is embedded the same way as
on every congso document (DejaVu, Decree 30/2020/NĐ-CP Appendix I). The header rows repeat on each page.
"""

from __future__ import annotations

from datetime import date

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from congso.core.text import format_number
from congso.documents.pdf import Meta, Paper, date_line, esc, render
from congso.documents.pdf.fonts import SERIF, SERIF_BOLD
from congso.documents.pdf.styles import styles
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
    Sheet,
    build,
    header,
)
from congso.statistics.render import percent
from congso.statistics.selectors import Form06Report

# Decree 30/2020/NĐ-CP's margins are for portrait text (left 30–35 mm); a sideways table keeps a binding
# margin on the left and narrower ones elsewhere so the 13 columns stay readable.
A4_LANDSCAPE = Paper(landscape(A4), 20 * mm, 12 * mm, 12 * mm, 14 * mm)
FRAME_WIDTH = A4_LANDSCAPE.frame_width
STT_W, LABEL_W = 9 * mm, 60 * mm
FIGURE_W = (FRAME_WIDTH - STT_W - LABEL_W) / (len(NUMBERS) - 2)


def form06_pdf(report: Form06Report, *, day: date | None = None) -> bytes:
    """The PDF's bytes, identical for the same report and day (ReportLab's invariant mode)."""
    sheet = build(report, day=day)
    story = [*_title_block(sheet), _table(sheet, report.group_by), *_notes(sheet), _signatures(sheet)]
    meta = Meta(
        title=sheet.meta_title, author="congso — Một cửa điện tử", subject=sheet.period_line,
        footer=(sheet.footer[:190],),
    )  # fmt: skip
    return render(story, meta, A4_LANDSCAPE)


def _style(name: str, parent: ParagraphStyle | None = None, **kw) -> ParagraphStyle:  # type: ignore[no-untyped-def]
    return ParagraphStyle(name, parent=parent or styles()["body"], **kw)


def _title_block(sheet: Sheet) -> list[Flowable]:
    s = styles()
    left = [
        Paragraph(f"<b>{esc(FORM_CODE)}</b>", _style("form_code", fontSize=9.5, leading=12)),
        Paragraph(f"<i>{esc(ISSUED_WITH)}</i>", _style("issued", fontSize=8, leading=10)),
    ]
    right = [
        Paragraph(
            f"Đơn vị báo cáo: <b>{esc(sheet.reporting_unit)}</b>", _style("unit", fontSize=9, leading=11.5)
        ),
        Paragraph(
            f"Đơn vị nhận báo cáo: <b>{esc(sheet.receiving_unit)}</b>", _style("to", fontSize=9, leading=11.5)
        ),
    ]
    top = Table([[left, "", right]], colWidths=[FRAME_WIDTH * 0.36, FRAME_WIDTH * 0.22, FRAME_WIDTH * 0.42])
    top.setStyle(_plain())
    return [
        top,
        Spacer(1, 3 * mm),
        Paragraph(esc(TITLE), _style("form_title", parent=s["title"], fontSize=11.5, leading=14.5)),
        Paragraph(esc(sheet.period_line), s["subtitle"]),
        Paragraph(esc(sheet.scope_line), s["subtitle_italic"]),
        Paragraph(f"<i>{esc(UNIT_OF_COUNT)}</i>", _style("unit_of_count", fontSize=8, alignment=TA_RIGHT)),
        Spacer(1, 1 * mm),
    ]


def _table(sheet: Sheet, group_by: str) -> Table:
    s = styles()
    # General rules first: ReportLab applies table commands in order, so the bold lines below win.
    commands: list[tuple] = [
        ("FONTNAME", (0, 0), (-1, -1), SERIF),
        ("FONTSIZE", (0, 0), (-1, -1), 7.6),
        ("FONTSIZE", (0, HEADER_ROWS), (-1, HEADER_ROWS), 6.8),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, HEADER_ROWS - 1), colors.Color(0.93, 0.93, 0.93)),
        ("VALIGN", (0, 0), (-1, HEADER_ROWS - 1), "MIDDLE"),
        ("VALIGN", (0, HEADER_ROWS), (-1, -1), "TOP"),
        ("ALIGN", (0, 0), (0, -1), "CENTER"),
        ("ALIGN", (0, HEADER_ROWS), (-1, HEADER_ROWS), "CENTER"),
        ("ALIGN", (2, HEADER_ROWS + 1), (-1, -1), "RIGHT"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    data: list[list[object]] = [[""] * len(NUMBERS) for _ in range(HEADER_ROWS)]
    for cell in header(group_by):
        data[cell.first_row][cell.first_col] = Paragraph(esc(cell.text), s["cell_head"])
        if (cell.first_row, cell.first_col) != (cell.last_row, cell.last_col):
            commands.append(("SPAN", (cell.first_col, cell.first_row), (cell.last_col, cell.last_row)))
    data.append(list(NUMBERS))
    label = s["cell"]
    bold_label = _style("cell_bold", parent=label, fontName=SERIF_BOLD)
    total_label = _style("cell_total", parent=label, fontName=SERIF_BOLD, alignment=TA_CENTER)
    for line in sheet.lines:
        r = len(data)
        style = {"item": label, "group": bold_label, "total": total_label}[line.kind]
        data.append(
            [line.number, Paragraph(esc(line.label), style), *(format_number(v) for v in line.figures())]
        )
        if line.kind != "item":
            commands.append(("FONTNAME", (0, r), (-1, r), SERIF_BOLD))
        if line.kind == "total":
            commands.append(("LINEABOVE", (0, r), (-1, r), 1.2, colors.black))
    widths = [STT_W, LABEL_W, *([FIGURE_W] * (len(NUMBERS) - 2))]
    table = Table(data, colWidths=widths, repeatRows=HEADER_ROWS + 1)
    table.setStyle(TableStyle(commands))
    return table


def _notes(sheet: Sheet) -> list[Flowable]:
    note = _style("form06_note", fontSize=8.5, leading=11)
    out: list[Flowable] = [Spacer(1, 2.5 * mm)]
    for rate in sheet.rates:
        value = percent(rate.value) if rate.value is not None else "— (chưa có hồ sơ đã giải quyết)"
        out.append(Paragraph(f"{esc(rate.label)} = {esc(rate.formula)}: <b>{esc(value)}</b>", note))
    for text in sheet.notes:
        out.append(Paragraph(f"<i>Ghi chú:</i> {esc(text)}", note))
    return out


def _signatures(sheet: Sheet) -> Table:
    s = styles()
    left = [Paragraph(esc(MAKER), s["sign_title"]), Paragraph(esc(MAKER_HINT), s["sign_hint"])]
    right = [
        Paragraph(esc(date_line(sheet.place, sheet.day)), s["place_date"]),
        Paragraph(esc(HEAD), s["sign_title"]),
        Paragraph(esc(HEAD_HINT), s["sign_hint"]),
        Spacer(1, 18 * mm),
    ]
    table = Table([[left, "", right]], colWidths=[FRAME_WIDTH * 0.35, FRAME_WIDTH * 0.25, FRAME_WIDTH * 0.4])
    table.setStyle(_plain())
    table.spaceBefore = 4 * mm
    # The signature block never starts a page alone: keep it whole (one table row never splits).
    return table


def _plain() -> TableStyle:
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SERIF),  # plain-string cells: an embedded font, never Helvetica
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
