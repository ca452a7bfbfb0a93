"""The verification stamp: a small QR code to the public verification page, on the last page.

It is drawn BEFORE signing, so the signature covers it: a copy whose QR was swapped for another no
longer validates. The stamp goes in the bottom-left corner, inside the left (binding) margin that
Decree 30/2020/NĐ-CP keeps free on every administrative document (30–35 mm on A4, 18 mm on congso's
A5 forms), beside the body and above the footer, so it does not cover text.

It is added as an incremental update (pyHanko), never by rewriting the file: the original bytes stay
a prefix of the stamped file.
"""

from __future__ import annotations

import io

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.pdf_utils.rw_common import find_inherited_value_in_tree
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from congso.documents.pdf.fonts import SANS, register_fonts
from congso.documents.pdf.qr import qr_png

CAPTION = "Tra cứu, xác thực văn bản"
QR_SIZE = 15 * mm  # 41 modules (version 4 + quiet zone) at ~0.37 mm: a phone reads it off paper
LEFT = 1.5 * mm
# Above the footer band (congso prints the form reference and "Trang x/y" in the lowest 14 mm).
BOTTOM = 14 * mm
CAPTION_WIDTH = QR_SIZE + 1 * mm
FONT_SIZE = 5.2
LEADING = 6.0
RESOURCE = "/CongsoXacThuc"


def stamp_qr(pdf_bytes: bytes, url: str, *, caption: str = CAPTION) -> bytes:
    """Return `pdf_bytes` with a QR code of `url` and `caption` drawn on its last page."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes), strict=False)
    last = int(writer.root["/Pages"]["/Count"]) - 1
    page_ref, _resources = writer.find_page_for_modification(last)
    box = find_inherited_value_in_tree(page_ref.get_object(), "/MediaBox", "/Parent")
    llx, lly, urx, ury = (float(v) for v in box)
    overlay = _overlay(url, caption, width=abs(urx - llx), height=abs(ury - lly))
    xobject = writer.import_page_as_xobject(PdfFileReader(io.BytesIO(overlay)), page_ix=0)
    # Isolate the page's own graphics state (q … Q) so a transformation it leaves behind cannot move
    # or scale the stamp, then paint the stamp in the page's coordinates.
    writer.add_stream_to_page(last, writer.add_object(generic.StreamObject(stream_data=b"q")), prepend=True)
    writer.add_stream_to_page(last, writer.add_object(generic.StreamObject(stream_data=b"Q")))
    paint = b"q 1 0 0 1 %.3f %.3f cm %s Do Q" % (min(llx, urx), min(lly, ury), RESOURCE.encode())
    resources = generic.DictionaryObject(
        {pdf_name("/XObject"): generic.DictionaryObject({pdf_name(RESOURCE): xobject})}
    )
    writer.add_stream_to_page(last, writer.add_object(generic.StreamObject(stream_data=paint)), resources)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _overlay(url: str, caption: str, *, width: float, height: float) -> bytes:
    """A transparent page of the same size with only the stamp on it (ReportLab, embedded DejaVu)."""
    register_fonts()
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(width, height), invariant=1, initialFontName=SANS)
    canvas.drawImage(ImageReader(io.BytesIO(qr_png(url))), LEFT, BOTTOM + 2 * LEADING, QR_SIZE, QR_SIZE)
    size = FONT_SIZE
    lines = simpleSplit(caption, SANS, size, CAPTION_WIDTH)
    while len(lines) > 2 and size > 4:
        size -= 0.2
        lines = simpleSplit(caption, SANS, size, CAPTION_WIDTH)
    canvas.setFont(SANS, size)
    canvas.setFillGray(0.15)
    centre = LEFT + QR_SIZE / 2
    for i, line in enumerate(lines[:2]):
        canvas.drawString(centre - stringWidth(line, SANS, size) / 2, BOTTOM + LEADING * (1 - i), line)
    canvas.showPage()
    canvas.save()
    return out.getvalue()
