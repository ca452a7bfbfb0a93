"""How values are written on official documents: dates, moments, escaping for ReportLab paragraphs."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from xml.sax.saxutils import escape

from congso.core.clock import local
from congso.core.text import format_date

DOTS = "…………"  # a blank the officer fills in by hand (number, register page)
NBSP = "\u00a0"  # ReportLab never breaks a line there: keeps "09:00, ngày 09/03/2026" whole


def clean(text: object) -> str:
    """NFC text: ReportLab draws one glyph per code point and does no shaping, so a decomposed
    'ễ' (e + two combining marks) would print its marks beside the letter instead of on it."""
    if text is None:
        return ""
    return unicodedata.normalize("NFC", str(text)).strip()


def esc(text: object) -> str:
    """Text for a ReportLab Paragraph, whose input is mini-HTML: '&' and '<' in a name or a reason
    must not become markup (or break the paragraph parser)."""
    return escape(clean(text))


def esc_lines(text: object) -> str:
    """Like esc, keeping the line breaks an officer typed in a reason (Paragraph would join them)."""
    return "<br/>".join(escape(line.strip()) for line in clean(text).splitlines() if line.strip())


def upper(text: object) -> str:
    return clean(text).upper()


def date_line(place: str, day: date | datetime) -> str:
    """'Khánh Hòa, ngày 05 tháng 3 năm 2026' (Decree 30/2020/NĐ-CP, Appendix I, section II.5: days
    below 10 and the months 1 and 2 take a leading zero, the other months do not)."""
    if isinstance(day, datetime):
        day = local(day).date()
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    prefix = f"{clean(place)}, " if clean(place) else ""
    return f"{prefix}ngày {day.day:02d} tháng {month} năm {day.year}"


def moment_text(moment: datetime | None, *, missing: str = "") -> str:
    """'09:00, ngày 09/03/2026': 24-hour time then dd/mm/yyyy, on Vietnamese time (UTC+7), with
    no-break spaces so a line never ends between the time and the date."""
    if moment is None:
        return missing
    return f"{local(moment):%H:%M},{NBSP}ngày{NBSP}{format_date(moment)}"


def day_text(value: date | datetime | None, *, missing: str = "") -> str:
    return format_date(value) if value is not None else missing
