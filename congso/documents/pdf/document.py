"""Turn a list of flowables into PDF bytes: A5 page, margins, embedded fonts, footer, metadata.

Circular 01/2018/TT-VPCP designs forms 01–05 for A5 (148 × 210 mm) and the register (form 06) for
A4; Circular 03/2025/TT-VPCP keeps the same sheets. Margins are Decree 30/2020/NĐ-CP's (top and
bottom 20–25 mm, left 30–35 mm, right 15–20 mm on A4) scaled down to A5.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.pagesizes import A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate

from congso.documents.pdf.fonts import SANS, register_fonts
from congso.documents.pdf.styles import styles
from congso.documents.pdf.text import clean


@dataclass(frozen=True)
class Paper:
    """A sheet and its margins: the frame the story flows in, and where the footer goes."""

    size: tuple[float, float]
    left: float
    right: float
    top: float
    bottom: float

    @property
    def frame_width(self) -> float:
        return self.size[0] - self.left - self.right


A5_FORM = Paper(A5, 18 * mm, 10 * mm, 11 * mm, 14 * mm)
PAGE = A5_FORM.size
FRAME_WIDTH = A5_FORM.frame_width


@dataclass(frozen=True)
class Meta:
    """Document properties and the footer lines ('Mẫu số 01 …', 'Mã hồ sơ …'; 'Trang 1/1' is added)."""

    title: str
    author: str = ""
    subject: str = ""
    footer: tuple[str, ...] = ()


def render(story: Sequence[Flowable], meta: Meta, paper: Paper = A5_FORM) -> bytes:
    """Lay out `story` and return the PDF. Output is deterministic for the same input (ReportLab's
    invariant mode: no creation timestamp, fixed document id), so a reprint is byte-identical."""
    register_fonts()
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=paper.size,
        leftMargin=paper.left,
        rightMargin=paper.right,
        topMargin=paper.top,
        bottomMargin=paper.bottom,
        title=clean(meta.title),
        author=clean(meta.author),
        subject=clean(meta.subject),
        creator="congso — Một cửa điện tử",
        producer="congso",
        invariant=1,
        pageCompression=1,
        lang="vi-VN",
        displayDocTitle=1,
        # ReportLab opens every page with "BT /F1 12 Tf" in Helvetica unless told otherwise; that
        # would put an unembedded, non-Vietnamese base-14 font in every page's resources.
        initialFontName=SANS,
        initialFontSize=9,
        initialLeading=11,
    )
    # One frame without inner padding, so FRAME_WIDTH is exactly the width tables may use.
    frame = Frame(
        paper.left, paper.bottom, paper.frame_width, paper.size[1] - paper.top - paper.bottom, 0, 0, 0, 0,
        id="body",
    )  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    footer = tuple(clean(line) for line in meta.footer)
    doc.build(list(story), canvasmaker=_footer_canvas(footer, paper))
    return out.getvalue()


def _footer_canvas(footer: tuple[str, ...], paper: Paper) -> type[Canvas]:
    class FooterCanvas(Canvas):
        """Defers each page until the page count is known, then writes 'Trang x/y' and the footer."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self):
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._draw_footer(total)
                super().showPage()
            super().save()

        def _draw_footer(self, total: int) -> None:
            style = styles()["footer"]
            self.saveState()
            self.setFont(SANS, style.fontSize)
            self.setFillGray(0.35)
            self.setStrokeGray(0.6)
            top, left, right = paper.bottom - 4 * mm, paper.left, paper.size[0] - paper.right
            self.setLineWidth(0.3)
            self.line(left, top + style.leading - 1, right, top + style.leading - 1)
            for i, line in enumerate(footer):
                self.drawString(left, top - i * style.leading, line)
            self.drawRightString(right, top, f"Trang {self._pageNumber}/{total}")
            self.restoreState()

    return FooterCanvas
