"""Building blocks of a Vietnamese administrative document (Decree 30/2020/NĐ-CP, Appendix I).

Layout of the first lines (Appendix I, Part I, section II and the layout diagram of Part IV):

    TÊN CƠ QUAN CHỦ QUẢN              CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    TÊN CƠ QUAN BAN HÀNH                   Độc lập - Tự do - Hạnh phúc
          ─────                            ───────────────────────────
    Số: …/…                           Khánh Hòa, ngày 05 tháng 3 năm 2026

                               TÊN LOẠI VĂN BẢN
then the content, then the signature block(s). Every block takes plain values; nothing here knows
about dossiers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Spacer, Table, TableStyle

from congso.documents.pdf.fonts import SERIF, SERIF_BOLD
from congso.documents.pdf.styles import styles
from congso.documents.pdf.text import DOTS, clean, date_line, esc, upper


@dataclass(frozen=True)
class Issuer:
    """The top-left block: the issuing agency (bold) under its managing agency (regular), and the
    place name (địa danh) of the date line, e.g. 'Khánh Hòa'."""

    name: str
    parent: str = ""
    place: str = ""


@dataclass(frozen=True)
class Signature:
    """One signature block: 'NGƯỜI TIẾP NHẬN HỒ SƠ' / '(Ký và ghi rõ họ tên)' / room to sign / name."""

    title: str
    name: str = ""
    hint: str = "(Ký và ghi rõ họ tên)"
    space: float = 13 * mm


def national_header(
    issuer: Issuer, *, width: float, number: str | None = "", day: date | datetime | None = None
) -> Table:
    """Agency name and number on the left, national title, motto and place/date on the right.
    `number=None` leaves the number line out; an empty number prints a blank to fill in."""
    s = styles()
    left_w, right_w = width * 0.4, width * 0.6
    left: list[Flowable] = []
    if clean(issuer.parent):
        left.append(Paragraph(esc(upper(issuer.parent)), s["agency_parent"]))
    left.append(Paragraph(esc(upper(issuer.name)), s["agency"]))
    # A solid line a third to a half as long as the agency name, centred (Appendix I, II.2).
    name_w = min(stringWidth(upper(issuer.name), SERIF_BOLD, s["agency"].fontSize), left_w - 12)
    left.append(_rule(max(name_w * 0.45, 28)))
    motto = "Độc lập - Tự do - Hạnh phúc"
    right: list[Flowable] = [
        Paragraph("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", s["nation"]),
        Paragraph(motto, s["motto"]),
        # The line under the motto is as long as the motto (Appendix I, II.1).
        _rule(stringWidth(motto, SERIF_BOLD, s["motto"].fontSize)),
    ]
    number_cell = Paragraph(f"Số: {esc(number) or DOTS}", s["number"]) if number is not None else Spacer(1, 1)
    date_cell = (
        Paragraph(esc(date_line(issuer.place, day)), s["place_date"]) if day is not None else Spacer(1, 1)
    )
    table = Table([[left, right], [number_cell, date_cell]], colWidths=[left_w, right_w])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), SERIF),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),  # centres the rules under the names
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 3),
                ("TOPPADDING", (0, 1), (-1, 1), 2),
            ]
        )
    )
    return table


def _rule(length: float) -> HRFlowable:
    return HRFlowable(
        width=length, thickness=0.6, color=colors.black, hAlign="CENTER", spaceBefore=3, spaceAfter=1
    )


def title_block(title: str, *lines: str, italic: Sequence[str] = ()) -> list[Flowable]:
    """The document type in bold capitals, centred, then centred lines (code) and italic notes."""
    s = styles()
    out: list[Flowable] = [Spacer(1, 3.5 * mm), Paragraph(esc(upper(title)), s["title"])]
    out += [Paragraph(line, s["subtitle"]) for line in lines]
    out += [Paragraph(esc(note), s["subtitle_italic"]) for note in italic]
    out.append(Spacer(1, 2 * mm))
    return out


def field(label: str, value: object, *, strong: bool = False, missing: str = DOTS) -> Paragraph:
    """'Label: value' on one wrapping line; an empty value prints a blank to fill in by hand."""
    text = esc(value)
    if not text:
        text = missing
    elif strong:
        text = f"<b>{text}</b>"
    return Paragraph(f"{esc(label)}: {text}", styles()["field"])


def fields_row(pairs: Sequence[tuple[str, object]], *, width: float) -> Table:
    """Two or three short fields side by side ('Số điện thoại: …   Thư điện tử: …')."""
    cells = [field(label, value) for label, value in pairs]
    table = Table([cells], colWidths=[width / len(cells)] * len(cells))
    table.setStyle(_plain())
    return table


def paragraph(markup: str, style: str = "body") -> Paragraph:
    """A paragraph whose caller escaped every value it interpolated (see text.esc)."""
    return Paragraph(markup, styles()[style])


def numbered(items: Sequence[str], *, style: str = "item", start: int = 1) -> list[Paragraph]:
    s = styles()[style]
    return [Paragraph(esc(item), s, bulletText=f"{i}.") for i, item in enumerate(items, start)]


def grid_table(
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    widths: Sequence[float],
    center_columns: Sequence[int] = (),
    spans: Sequence[int] = (),
) -> Table:
    """A ruled table whose cells wrap (every cell is a Paragraph); the header repeats on each page.
    `spans` lists row indexes (0 = first data row) drawn as one merged, italic cell (a sub-heading)."""
    s = styles()

    def cell(value: object, col: int) -> Flowable:
        if isinstance(value, Flowable):
            return value
        return Paragraph(esc(value), s["cell_center"] if col in center_columns else s["cell"])

    data: list[list[object]] = [[Paragraph(esc(h), s["cell_head"]) for h in header]]
    for i, row in enumerate(rows):
        if i in spans:
            data.append([Paragraph(f"<i>{esc(row[0])}</i>", s["cell"])] + [""] * (len(header) - 1))
        else:
            data.append([cell(v, c) for c, v in enumerate(row)])
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), SERIF),
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.93, 0.93, 0.93)),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("SPAN", (0, i + 1), (-1, i + 1)) for i in spans]
    table = Table(data, colWidths=list(widths), repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def signatures(blocks: Sequence[Signature | None], *, width: float) -> Table:
    """Signature blocks side by side (one table row never splits across pages); None leaves a column empty (the right-hand
    column is where a single signer goes, Appendix I, section II.7)."""
    s = styles()
    cells: list[list[Flowable] | str] = []
    for block in blocks:
        if block is None:
            cells.append("")
            continue
        cell: list[Flowable] = [Paragraph(esc(upper(block.title)), s["sign_title"])]
        if block.hint:
            cell.append(Paragraph(esc(block.hint), s["sign_hint"]))
        cell.append(Spacer(1, block.space))
        cell.append(Paragraph(esc(block.name) if clean(block.name) else "", s["sign_name"]))
        cells.append(cell)
    table = Table([cells], colWidths=[width / len(cells)] * len(cells), spaceBefore=2.5 * mm)
    table.setStyle(_plain())
    return table


def recipients_and_signature(recipients: Sequence[str], block: Signature, *, width: float) -> Table:
    """'Nơi nhận:' bottom left and the signer on the right (Appendix I, section II.9)."""
    s = styles()
    left: list[Flowable] = [Paragraph("<i>Nơi nhận:</i>", s["recipients_head"])]
    left += [Paragraph(f"- {esc(line)}", s["recipients"]) for line in recipients]
    right: list[Flowable] = [Paragraph(esc(upper(block.title)), s["sign_title"])]
    if block.hint:
        right.append(Paragraph(esc(block.hint), s["sign_hint"]))
    right += [Spacer(1, block.space), Paragraph(esc(block.name), s["sign_name"])]
    table = Table([[left, right]], colWidths=[width * 0.45, width * 0.55], spaceBefore=3 * mm)
    table.setStyle(_plain())
    return table


def beside(left: Sequence[Flowable], right: Sequence[Flowable], *, right_width: float, width: float) -> Table:
    """Two columns without rules: the content on the left, a figure (a QR code) on the right."""
    table = Table([[list(left), list(right)]], colWidths=[width - right_width, right_width])
    style = _plain()
    style.add("ALIGN", (1, 0), (1, 0), "CENTER")
    table.setStyle(style)
    return table


def _plain() -> TableStyle:
    # Plain-string cells (an empty signature column) are drawn in the table's FONTNAME, which
    # defaults to Helvetica: name an embedded font so no base-14 font enters the PDF.
    return TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), SERIF),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ]
    )
