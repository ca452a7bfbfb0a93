"""Generic PDF building blocks for Vietnamese administrative documents (ReportLab + vendored DejaVu)."""

from congso.documents.pdf.blocks import (
    Issuer,
    Signature,
    beside,
    field,
    fields_row,
    grid_table,
    national_header,
    numbered,
    paragraph,
    recipients_and_signature,
    signatures,
    title_block,
)
from congso.documents.pdf.document import A5_FORM, FRAME_WIDTH, Meta, Paper, render
from congso.documents.pdf.fonts import register_fonts
from congso.documents.pdf.qr import qr_figure, qr_png
from congso.documents.pdf.text import NBSP, clean, date_line, day_text, esc, esc_lines, moment_text

__all__ = [
    "A5_FORM",
    "FRAME_WIDTH",
    "NBSP",
    "Issuer",
    "Meta",
    "Paper",
    "Signature",
    "beside",
    "clean",
    "date_line",
    "day_text",
    "esc",
    "esc_lines",
    "field",
    "fields_row",
    "grid_table",
    "moment_text",
    "national_header",
    "numbered",
    "paragraph",
    "qr_figure",
    "qr_png",
    "recipients_and_signature",
    "register_fonts",
    "render",
    "signatures",
    "title_block",
]
