"""Read back what a PDF shows: its text, its fonts and its QR code (used by documents and dossiers tests)."""

from __future__ import annotations

import io
import re

import segno
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from congso.documents.pdf import qr as qr_settings

_SPACES = re.compile(r"\s+")


def reader(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-"), "not a PDF"
    return PdfReader(io.BytesIO(pdf))


def text_of(pdf: bytes) -> str:
    """All pages' text on one line: line breaks and no-break spaces become single spaces, so a value
    wrapped over two lines ('Sở Tư / pháp') still reads as written."""
    raw = " ".join(page.extract_text() or "" for page in reader(pdf).pages)
    return _SPACES.sub(" ", raw.replace("\u00a0", " ")).strip()


def page_count(pdf: bytes) -> int:
    return len(reader(pdf).pages)


def fonts(pdf: bytes) -> list[tuple[str, str, bool]]:
    """(BaseFont, Subtype, embedded) for every font any page or form XObject uses."""
    found: dict[str, tuple[str, str, bool]] = {}

    def visit(resources: DictionaryObject | None) -> None:
        if not resources:
            return
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            name = str(font.get("/BaseFont"))
            descriptor = font.get("/FontDescriptor")
            descendants = font.get("/DescendantFonts")
            if descriptor is None and descendants:
                descriptor = descendants[0].get_object().get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            found[name] = (name, str(font.get("/Subtype")), embedded)
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))

    for page in reader(pdf).pages:
        visit(page.get("/Resources"))
    return sorted(found.values())


def assert_only_embedded_fonts(pdf: bytes) -> None:
    """Every font is a TrueType subset of the vendored DejaVu, embedded; no base-14 fallback."""
    used = fonts(pdf)
    assert used, "no font at all"
    for name, _subtype, embedded in used:
        assert embedded, f"{name} is not embedded"
        assert "DejaVu" in name, f"unexpected font {name}"
        assert "Helvetica" not in name and "Times" not in name and "Courier" not in name


def images(pdf: bytes, page: int = 0) -> list:
    return [image.image for image in reader(pdf).pages[page].images]


def qr_modules(image) -> list[list[bool]]:
    """Read the modules back from the embedded QR image: one sample in the middle of each module."""
    grey = image.convert("L")
    width, _ = grey.size
    scale = qr_settings.SCALE
    n = width // scale
    return [
        [grey.getpixel((x * scale + scale // 2, y * scale + scale // 2)) < 128 for x in range(n)]
        for y in range(n)
    ]


def expected_modules(payload: str) -> list[list[bool]]:
    qr = segno.make(payload, error=qr_settings.ERROR_LEVEL, micro=False)
    return [[bool(v) for v in row] for row in qr.matrix_iter(scale=1, border=qr_settings.BORDER)]


def qr_payload_is(pdf: bytes, payload: str, page: int = 0) -> bool:
    """True when an image on the page is, module for module, the QR symbol segno makes of `payload`."""
    want = expected_modules(payload)
    return any(qr_modules(image) == want for image in images(pdf, page))
