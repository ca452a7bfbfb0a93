"""The embedded fonts every congso PDF uses.

Decree 30/2020/NĐ-CP (Appendix I) asks for a Unicode Vietnamese font (TCVN 6909:2001); the PDF
base-14 fonts (Helvetica, Times) have no Vietnamese glyphs, and a font taken from the host would
print differently on every server. So the DejaVu TrueType files are vendored next to this package
(`congso/documents/fonts/`, licence in `fonts/LICENSE`) and embedded as subsets in every document.
"""

from __future__ import annotations

from pathlib import Path
from threading import Lock

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"

# ReportLab names (what shows up, subset-prefixed, as /BaseFont in the PDF) -> vendored file.
SERIF = "CongsoSerif"
SERIF_BOLD = "CongsoSerif-Bold"
SERIF_ITALIC = "CongsoSerif-Italic"
SANS = "CongsoSans"
SANS_BOLD = "CongsoSans-Bold"

FILES: dict[str, str] = {
    SERIF: "DejaVuSerif.ttf",
    SERIF_BOLD: "DejaVuSerif-Bold.ttf",
    SERIF_ITALIC: "DejaVuSerif-Italic.ttf",
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
}

_lock = Lock()
_registered = False


def register_fonts() -> None:
    """Register the vendored fonts with ReportLab once per process (idempotent, thread-safe)."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        for name, filename in FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / filename)))
        # <b> and <i> inside paragraphs pick these faces; no bold italic is vendored, so bold wins.
        for family, bold, italic in ((SERIF, SERIF_BOLD, SERIF_ITALIC), (SANS, SANS_BOLD, SANS)):
            addMapping(family, 0, 0, family)
            addMapping(family, 1, 0, bold)
            addMapping(family, 0, 1, italic)
            addMapping(family, 1, 1, bold)
        _registered = True
