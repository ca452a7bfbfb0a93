"""The generic building blocks: Vietnamese date lines, escaping, embedded fonts, QR codes, layout."""

from __future__ import annotations

import io
import unicodedata
from datetime import date

import pytest
from PIL import Image

from congso.core.clock import vn
from congso.documents.pdf import (
    FRAME_WIDTH,
    Issuer,
    Meta,
    Signature,
    date_line,
    esc,
    esc_lines,
    grid_table,
    moment_text,
    national_header,
    paragraph,
    qr_png,
    render,
    signatures,
    title_block,
)
from congso.documents.pdf.fonts import FILES, FONT_DIR
from congso.documents.tests import pdfcheck


@pytest.mark.parametrize(
    ("day", "line"),
    [
        (date(2026, 3, 5), "Khánh Hòa, ngày 05 tháng 3 năm 2026"),  # months 3–12 without a zero
        (date(2026, 2, 9), "Khánh Hòa, ngày 09 tháng 02 năm 2026"),  # days < 10 and months 1, 2 with one
        (date(2026, 1, 20), "Khánh Hòa, ngày 20 tháng 01 năm 2026"),
        (date(2026, 12, 31), "Khánh Hòa, ngày 31 tháng 12 năm 2026"),
    ],
)
def test_place_and_date_line_follows_decree_30(day, line):
    assert date_line("Khánh Hòa", day) == line


def test_date_line_of_a_moment_is_the_vietnamese_day():
    # 23:30 UTC on 1 March is already 2 March in Khánh Hòa (UTC+7).
    from datetime import UTC, datetime

    assert date_line("Khánh Hòa", datetime(2026, 3, 1, 23, 30, tzinfo=UTC)).endswith(
        "ngày 02 tháng 3 năm 2026"
    )


def test_moments_are_24_hour_then_dd_mm_yyyy_and_never_break():
    text = moment_text(vn(2026, 3, 9, 15, 5))
    assert text.replace("\u00a0", " ") == "15:05, ngày 09/03/2026"
    assert " " not in text  # no-break spaces only
    assert moment_text(None, missing="-") == "-"


def test_values_cannot_inject_markup_and_are_nfc():
    decomposed = unicodedata.normalize("NFD", "Nguyễn <b>&")
    assert esc(decomposed) == "Nguyễn &lt;b&gt;&amp;"
    assert esc_lines("dòng 1\n\n  dòng <2>  ") == "dòng 1<br/>dòng &lt;2&gt;"


def test_vendored_fonts_and_licence_are_in_the_repository():
    for filename in FILES.values():
        assert (FONT_DIR / filename).stat().st_size > 100_000
    licence = (FONT_DIR / "LICENSE").read_text(encoding="utf-8")
    assert "Bitstream" in licence and "Permission is hereby granted" in licence


def _sample_pdf() -> bytes:
    issuer = Issuer(name="Bộ phận Một cửa", parent="UBND phường Nha Trang", place="Khánh Hòa")
    rows = [[str(i), "Giấy tờ có tên rất dài " * 6, "Bản sao", "01"] for i in range(1, 60)]
    story = [
        national_header(issuer, width=FRAME_WIDTH, number="", day=vn(2026, 3, 2, 9)),
        *title_block("Biểu mẫu thử", "Mã hồ sơ: <b>X</b>"),
        grid_table(["TT", "Tên giấy tờ", "Hình thức", "Số lượng"], rows, widths=[20, 200, 70, 50.15]),
        signatures([None, Signature("Người ký", "Đặng Thị Ánh")], width=FRAME_WIDTH),
    ]
    return render(story, Meta(title="Thử", footer=("Mẫu thử", "Mã hồ sơ: X")))


def test_national_header_long_tables_and_page_numbers():
    pdf = _sample_pdf()
    text = pdfcheck.text_of(pdf)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "UBND PHƯỜNG NHA TRANG" in text and "BỘ PHẬN MỘT CỬA" in text
    assert "Khánh Hòa, ngày 02 tháng 3 năm 2026" in text
    pages = pdfcheck.page_count(pdf)
    assert pages > 1
    assert f"Trang 1/{pages}" in text and f"Trang {pages}/{pages}" in text
    assert text.count("Tên giấy tờ Hình thức Số lượng") == pages  # the header row repeats
    assert "Đặng Thị Ánh" in text


def test_only_the_vendored_fonts_are_used_and_embedded():
    pdf = _sample_pdf()
    pdfcheck.assert_only_embedded_fonts(pdf)
    names = {name for name, _, _ in pdfcheck.fonts(pdf)}
    assert any(name.endswith("DejaVuSerif") for name in names)
    assert any(name.endswith("DejaVuSerif-Bold") for name in names)


def test_the_same_input_renders_the_same_bytes():
    assert _sample_pdf() == _sample_pdf()


def test_qr_png_keeps_whole_modules_and_the_quiet_zone():
    png = qr_png("http://127.0.0.1:8000/tra-cuu/000.00.16.H56-260302-0001")
    image = Image.open(io.BytesIO(png))
    modules = pdfcheck.qr_modules(image)
    assert modules == pdfcheck.expected_modules("http://127.0.0.1:8000/tra-cuu/000.00.16.H56-260302-0001")
    assert not any(modules[0]) and not any(row[0] for row in modules)  # white border


def test_paragraph_text_with_markup_characters_prints_literally():
    story = [paragraph(esc("Lý do: A < B & C > D"))]
    assert "Lý do: A < B & C > D" in pdfcheck.text_of(render(story, Meta(title="x")))
