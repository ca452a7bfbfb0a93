"""Accept a PDF by what it contains, never by its name or the browser's Content-Type.

A result document is signed and published as PDF (PAdES, domain.md §11); anything else (an image
renamed `.pdf`, an empty or truncated upload, an encrypted file the signer cannot open) is refused
with one Vietnamese message before anything is written.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from pyhanko.pdf_utils.reader import PdfFileReader

from congso.core.errors import InvalidInput

MAX_PDF_BYTES = 20 * 1024 * 1024  # 20 MB: a scanned multi-page result stays well below
MAGIC = b"%PDF-"
# ISO 32000 lets the header start within the first 1024 bytes; some scanners write junk before it.
HEADER_WINDOW = 1024

NOT_A_PDF = ("not_a_pdf", "Tệp kết quả phải là tệp PDF hợp lệ.")
TOO_LARGE = ("file_too_large", "Tệp vượt quá dung lượng cho phép (tối đa 20 MB).")


@dataclass(frozen=True)
class PdfFacts:
    pages: int
    signatures: int


def too_large(size: int) -> bool:
    return size > MAX_PDF_BYTES


def ensure_pdf(data: bytes) -> PdfFacts:
    """Check that `data` is a readable, unencrypted PDF with at least one page, or raise InvalidInput."""
    if too_large(len(data)):
        raise InvalidInput(*TOO_LARGE)
    if not data or MAGIC not in data[:HEADER_WINDOW]:
        raise InvalidInput(*NOT_A_PDF)
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        if reader.encrypted:
            raise InvalidInput(*NOT_A_PDF)
        pages = int(reader.root["/Pages"]["/Count"])
        if pages < 1:
            raise InvalidInput(*NOT_A_PDF)
        reader.find_page_for_modification(pages - 1)  # the QR stamp goes on the last page
        signatures = len(reader.embedded_signatures)
    except InvalidInput:
        raise
    except Exception as exc:  # any parser error means "not a PDF we can sign"
        raise InvalidInput(*NOT_A_PDF) from exc
    return PdfFacts(pages=pages, signatures=signatures)
