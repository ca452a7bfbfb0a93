"""QR codes (segno) embedded as a lossless PNG image, with a caption under them.

The image keeps whole pixels per module and the 4-module quiet zone of ISO/IEC 18004, so a phone
reads it off a printed A5 slip and a test can read the modules back from the PDF.
"""

from __future__ import annotations

import io

import segno
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Paragraph

from congso.documents.pdf.styles import styles
from congso.documents.pdf.text import esc

ERROR_LEVEL = "m"  # 15 % recovery: survives a fold or a smudge on paper
BORDER = 4  # modules of quiet zone
SCALE = 4  # pixels per module in the embedded PNG


def qr_png(payload: str) -> bytes:
    qr = segno.make(payload, error=ERROR_LEVEL, micro=False)
    out = io.BytesIO()
    qr.save(out, kind="png", scale=SCALE, border=BORDER)
    return out.getvalue()


def qr_image(payload: str, *, size: float = 24 * mm) -> Image:
    image = Image(io.BytesIO(qr_png(payload)), width=size, height=size)
    image.hAlign = "LEFT"
    return image


def qr_figure(payload: str, caption: str, *, size: float = 24 * mm) -> list[Flowable]:
    """The QR code with a short centred caption under it, for a column beside the text."""
    image = qr_image(payload, size=size)
    image.hAlign = "CENTER"
    return [image, Paragraph(esc(caption), styles()["qr_figure"])]
