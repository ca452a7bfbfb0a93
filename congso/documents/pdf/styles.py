"""Paragraph styles for the one-stop forms.

Sizes follow Decree 30/2020/NĐ-CP, Appendix I (national title 12–13 pt, motto 13–14 pt, body
13–14 pt on A4) scaled for the A5 sheet that Circular 01/2018/TT-VPCP prescribes for forms 01–05,
and for DejaVu Serif, which is wider than Times New Roman. Every style names its bullet font too:
ReportLab's default bullet font is Helvetica, which has no Vietnamese glyphs and would be added to
the PDF as an unembedded font.
"""

from __future__ import annotations

from functools import cache

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from congso.documents.pdf.fonts import SANS, SERIF, SERIF_BOLD, SERIF_ITALIC, register_fonts

BODY_SIZE = 9
BODY_LEADING = 11.6
SMALL_SIZE = 7.6


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle(
        "body",
        fontName=SERIF,
        fontSize=BODY_SIZE,
        leading=BODY_LEADING,
        alignment=TA_LEFT,
        bulletFontName=SERIF,
        bulletFontSize=BODY_SIZE,
        spaceAfter=1.5,
        splitLongWords=True,
    )

    def derive(name: str, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **kw)

    head = {"fontSize": 8, "leading": 10, "alignment": TA_CENTER, "spaceAfter": 0}
    return {
        "body": base,
        "justify": derive("justify", alignment=TA_JUSTIFY, firstLineIndent=14),
        "field": derive("field", leftIndent=0),
        "item": derive("item", leftIndent=16, bulletIndent=4),
        "subitem": derive("subitem", leftIndent=26, bulletIndent=16),
        # National header (Decree 30/2020, Appendix I, items 1 and 2 of section II).
        "agency_parent": derive("agency_parent", fontName=SERIF, **head),
        "agency": derive("agency", fontName=SERIF_BOLD, **head),
        "nation": derive("nation", fontName=SERIF_BOLD, **head),
        "motto": derive(
            "motto", fontName=SERIF_BOLD, fontSize=9, leading=11, alignment=TA_CENTER, spaceAfter=0
        ),
        "number": derive("number", fontSize=8.5, leading=11, alignment=TA_CENTER, spaceAfter=0),
        "place_date": derive(
            "place_date", fontName=SERIF_ITALIC, fontSize=9, leading=11, alignment=TA_CENTER, spaceAfter=0
        ),
        "title": derive(
            "title", fontName=SERIF_BOLD, fontSize=10.5, leading=13, alignment=TA_CENTER, spaceAfter=1
        ),
        "subtitle": derive("subtitle", alignment=TA_CENTER, spaceAfter=0),
        "subtitle_italic": derive(
            "subtitle_italic", fontName=SERIF_ITALIC, fontSize=8.5, leading=11, alignment=TA_CENTER
        ),
        "cell": derive("cell", fontSize=SMALL_SIZE, leading=9.2, spaceAfter=0, bulletFontSize=SMALL_SIZE),
        "cell_center": derive(
            "cell_center", fontSize=SMALL_SIZE, leading=9.2, spaceAfter=0, alignment=TA_CENTER
        ),
        "cell_head": derive(
            "cell_head", fontName=SERIF_BOLD, fontSize=SMALL_SIZE, leading=9.2, alignment=TA_CENTER
        ),
        "sign_title": derive("sign_title", fontName=SERIF_BOLD, alignment=TA_CENTER, spaceAfter=0),
        "sign_hint": derive(
            "sign_hint", fontName=SERIF_ITALIC, fontSize=8.5, leading=10.5, alignment=TA_CENTER
        ),
        "sign_name": derive("sign_name", fontName=SERIF_BOLD, alignment=TA_CENTER),
        "recipients": derive("recipients", fontSize=7.5, leading=9.5, spaceAfter=0),
        "recipients_head": derive(
            "recipients_head", fontName=SERIF_BOLD, fontSize=8, leading=10, spaceAfter=0
        ),
        "note": derive("note", fontName=SERIF_ITALIC, fontSize=8.5, leading=11),
        "qr_caption": derive("qr_caption", fontName=SANS, fontSize=7.5, leading=9.5, spaceAfter=0),
        "qr_figure": derive(
            "qr_figure", fontName=SANS, fontSize=6.5, leading=8, alignment=TA_CENTER, spaceAfter=0
        ),
        "footer": derive("footer", fontName=SANS, fontSize=6.5, leading=8, alignment=TA_LEFT),
        "footer_right": derive("footer_right", fontName=SANS, fontSize=6.5, leading=8, alignment=TA_RIGHT),
    }
