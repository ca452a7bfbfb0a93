"""Biểu số 06 exported as an officer would check it: open the Excel file and read the header, the merged
cells, a unit's row and the total; read the PDF's text for the title, the period, the Vietnamese names and
the totals. Figures are the hand-computed week's (test_form06)."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from pypdf import PdfReader

from congso.dossiers.tests.conftest import make_officer
from congso.identity.choices import Role
from congso.statistics import form06, selectors
from congso.statistics.exports import layout
from congso.statistics.exports.pdf import form06_pdf
from congso.statistics.exports.xlsx import form06_xlsx
from congso.statistics.periods import Period
from congso.statistics.selectors import Form06Report, Form06Row
from congso.statistics.tests.conftest import WEEK
from congso.statistics.tests.test_form06 import COMMUNE, JUSTICE, TOTAL

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
SIGNED = date(2026, 3, 16)
FIGURE_COLUMNS = "CDEFGHIJKLM"  # (3) … (13)


class Workbook:
    """The first sheet of an .xlsx read with zipfile and the sheet XML (openpyxl is not a dependency)."""

    def __init__(self, data: bytes):
        archive = zipfile.ZipFile(io.BytesIO(data))
        strings_xml = ElementTree.fromstring(archive.read("xl/sharedStrings.xml"))  # noqa: S314 — our own file
        strings = ["".join(t.text or "" for t in si.iter(f"{{{NS['m']}}}t")) for si in strings_xml]
        self.xml = archive.read("xl/worksheets/sheet1.xml").decode()
        self.styles = archive.read("xl/styles.xml").decode()
        self.workbook = archive.read("xl/workbook.xml").decode()
        sheet = ElementTree.fromstring(self.xml)  # noqa: S314 — our own file
        self.values: dict[str, object] = {}
        self.numeric: set[str] = set()
        for c in sheet.iter(f"{{{NS['m']}}}c"):
            v = c.find("m:v", NS)
            if v is None:
                continue
            if c.get("t") == "s":
                self.values[c.get("r")] = strings[int(v.text)]
            else:
                self.values[c.get("r")] = float(v.text)
                self.numeric.add(c.get("r"))
        self.merged = {m.get("ref") for m in sheet.iter(f"{{{NS['m']}}}mergeCell")}

    def row_of(self, label: str) -> int:
        for ref, value in self.values.items():
            if ref.startswith("B") and isinstance(value, str) and value.startswith(label):
                return int(ref[1:])
        raise AssertionError(f"no row labelled {label!r}")

    def figures(self, row: int) -> dict[str, int]:
        assert all(f"{col}{row}" in self.numeric for col in FIGURE_COLUMNS)  # numbers, not text
        return {
            name: int(self.values[f"{col}{row}"])
            for name, col in zip(form06.COLUMNS, FIGURE_COLUMNS, strict=True)
        }


def expected(figures: dict) -> dict[str, int]:
    return {k: figures[k] for k in form06.COLUMNS}


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


# --- Excel --------------------------------------------------------------------------------------------


def test_excel_has_the_official_title_block_and_merged_header(week):
    report = selectors.form06_report(period=WEEK, province_code="56")
    book = Workbook(form06_xlsx(report, day=SIGNED))
    v = book.values
    assert v["A1"] == "Biểu số 06/VPCP/KSTT"
    assert "Thông tư số 01/2020/TT-VPCP" in v["A2"]
    assert v["A4"] == (
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    )
    assert v["A5"] == "Kỳ báo cáo: theo khoảng thời gian (từ ngày 09/03/2026 đến ngày 13/03/2026)"
    assert v["I1"].startswith("Đơn vị báo cáo: UBND tỉnh Khánh Hòa")
    assert v["I2"] == "Đơn vị nhận báo cáo: Văn phòng UBND tỉnh Khánh Hòa"
    header = {
        "A8": "STT",
        "B8": "Cơ quan, đơn vị",
        "C8": "Số hồ sơ nhận giải quyết",
        "G8": "Số hồ sơ đã giải quyết",
        "K8": "Số hồ sơ đang giải quyết",
        "C9": "Tổng số",
        "D9": "Trong kỳ",
        "D10": "Trực tuyến",
        "E10": "Trực tiếp, dịch vụ bưu chính",
        "F9": "Từ kỳ trước",
        "G9": "Tổng số",
        "H9": "Trước hạn",
        "I9": "Đúng hạn",
        "J9": "Quá hạn",
        "K9": "Tổng số",
        "L9": "Trong hạn",
        "M9": "Quá hạn",
    }
    assert {ref: v[ref] for ref in header} == header
    assert [v[f"{col}11"] for col in "ABCDEFGHIJKLM"] == [f"({n})" for n in range(1, 14)]
    assert {
        "A8:A10",
        "B8:B10",
        "C8:F8",
        "G8:J8",
        "K8:M8",
        "C9:C10",
        "D9:E9",
        "F9:F10",
        "M9:M10",
    } <= book.merged
    assert {"A4:M4", "A5:M5"} <= book.merged
    # Frozen under the column numbers and right of the labels; printed A4 landscape, one page wide.
    assert re.search(
        r'<pane xSplit="2" ySplit="11" topLeftCell="C12" activePane="bottomRight" state="frozen"', book.xml
    )
    assert 'orientation="landscape"' in book.xml and 'paperSize="9"' in book.xml
    assert 'fitToHeight="0"' in book.xml and 'fitToPage="1"' in book.xml
    assert "_xlnm.Print_Titles" in book.workbook and "$8:$11" in book.workbook
    assert 'formatCode="#,##0"' in book.styles and 'formatCode="0.00%"' in book.styles


def test_excel_rows_are_the_report_figures_and_the_total(week):
    report = selectors.form06_report(period=WEEK, province_code="56")
    book = Workbook(form06_xlsx(report, day=SIGNED))
    justice, commune, total = (
        book.row_of("Sở Tư pháp"),
        book.row_of("UBND phường Nha Trang"),
        book.row_of("TỔNG CỘNG"),
    )
    assert book.values[f"A{justice}"] == "2"  # STT: UBND tỉnh, Sở Tư pháp, UBND phường Nha Trang
    assert book.figures(justice) == expected(JUSTICE)
    assert book.figures(commune) == expected(COMMUNE)
    assert book.figures(total) == expected(TOTAL) and total == commune + 1
    rate_row = total + 2
    assert book.values[f"A{rate_row}"].startswith(
        "Tỷ lệ giải quyết đúng và trước hạn (trên số đã giải quyết)"
    )
    assert "[(8) + (9)] / (7)" in book.values[f"A{rate_row}"]
    assert book.values[f"K{rate_row}"] == pytest.approx(0.8571)  # 6 ÷ 7, a number shown as a percentage
    assert book.values[f"K{rate_row + 1}"] == pytest.approx(0.8333)  # incl. pending within time: 10 ÷ 12
    texts = [value for value in book.values.values() if isinstance(value, str)]
    assert "NGƯỜI LẬP BIỂU" in texts and "THỦ TRƯỞNG CƠ QUAN" in texts
    assert "Khánh Hòa, ngày 16 tháng 3 năm 2026" in texts
    assert any("01/2020/TT-VPCP" in t and "(3) = (7) + (11)" in t for t in texts)


def test_excel_by_field_and_level_has_a_subtotal_per_level(week):
    report = selectors.form06_report(period=WEEK, province_code="56", group_by="field_level")
    book = Workbook(form06_xlsx(report, day=SIGNED))
    assert book.values["B8"] == "Lĩnh vực, cấp giải quyết"
    province, commune = book.row_of("Cấp tỉnh"), book.row_of("Cấp xã")
    assert (book.values[f"A{province}"], book.values[f"A{commune}"]) == ("I", "II")
    # Sở Tư pháp resolves at provincial level: Chứng thực (R) and Hộ tịch; the ward at commune level.
    assert book.figures(province) == expected(JUSTICE)
    assert book.figures(commune) == expected(COMMUNE)
    certify, civil = book.row_of("Chứng thực"), book.row_of("Hộ tịch")
    assert province < certify < civil < commune
    assert (
        book.figures(certify)["received_direct_postal"] == 1 == book.figures(certify)["pending_within_time"]
    )
    both = {k: book.figures(certify)[k] + book.figures(civil)[k] for k in form06.COLUMNS}
    assert both == expected(JUSTICE)
    assert book.figures(book.row_of("TỔNG CỘNG")) == expected(TOTAL)


def test_the_same_report_exports_the_same_bytes(week):
    report = selectors.form06_report(period=WEEK, agency=week.justice)
    assert form06_xlsx(report, day=SIGNED) == form06_xlsx(report, day=SIGNED)
    assert form06_pdf(report, day=SIGNED) == form06_pdf(report, day=SIGNED)


# --- PDF ----------------------------------------------------------------------------------------------


def test_pdf_is_a4_landscape_with_the_title_period_names_and_totals(week):
    report = selectors.form06_report(period=WEEK, province_code="56")
    data = form06_pdf(report, day=SIGNED)
    reader = PdfReader(io.BytesIO(data))
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (842, 595)  # A4 landscape, in points
    text = pdf_text(data)
    flat = " ".join(text.split())  # header cells wrap inside their columns
    for phrase in (
        "Biểu số 06/VPCP/KSTT",
        "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
        "từ ngày 09/03/2026 đến ngày 13/03/2026",
        "Đơn vị nhận báo cáo: Văn phòng UBND tỉnh Khánh Hòa",
        "Sở Tư pháp",
        "UBND phường Nha Trang",
        "Số hồ sơ nhận giải quyết",
        "Trực tiếp, dịch vụ bưu chính",
        "TỔNG CỘNG",
        "85,71%",
        "83,33%",
        "NGƯỜI LẬP BIỂU",
        "THỦ TRƯỞNG CƠ QUAN",
        "Khánh Hòa, ngày 16 tháng 3 năm 2026",
        "Trang 1/1",
    ):
        assert phrase in flat, phrase
    cells = [line.strip() for line in text.splitlines()]  # one table cell per line
    at = cells.index("TỔNG CỘNG")
    assert cells[at + 1 : at + 12] == [str(TOTAL[k]) for k in form06.COLUMNS]
    at = cells.index("Sở Tư pháp")
    assert cells[at - 1] == "2" and cells[at + 1 : at + 12] == [str(JUSTICE[k]) for k in form06.COLUMNS]
    # Only the embedded Vietnamese fonts: no base-14 Helvetica without Vietnamese glyphs.
    fonts = {str(f["/BaseFont"]) for page in reader.pages for f in page["/Resources"]["/Font"].values()}
    assert fonts and all(f.split("+")[-1].startswith("DejaVu") for f in fonts)


def test_pdf_prints_dot_thousands_and_field_level_groups(week):
    big = form06.Counts(
        received_online=6021, received_direct_postal=15107, resolved_early=20000, pending_overdue=1128
    )
    big.check_identity("thử")
    report = Form06Report(
        Period.year(2020),
        "56",
        None,
        "agency",
        [Form06Row(("X",), {"agency": "X", "name": "Sở Tài chính"}, big)],
        big,
    )
    text = pdf_text(form06_pdf(report, day=SIGNED))
    assert "21.128" in text and "6.021" in text and "15.107" in text and "20.000" in text
    assert "Kỳ báo cáo: Năm 2020 (từ ngày 01/01/2020 đến ngày 31/12/2020)" in text
    by_field = pdf_text(
        form06_pdf(
            selectors.form06_report(period=WEEK, province_code="56", group_by="field_level"), day=SIGNED
        )
    )
    assert "Lĩnh vực, cấp giải quyết" in by_field and "Cấp tỉnh" in by_field and "Hộ tịch" in by_field


def test_layout_numbers_thirteen_columns_and_states_the_rates():
    assert layout.NUMBERS[0] == "(1)" and layout.NUMBERS[-1] == "(13)"
    assert layout.COLUMN_NO["received_total"] == 3 and layout.COLUMN_NO["pending_overdue"] == 13
    counts = form06.Counts(resolved_early=1, resolved_on_time=1, resolved_late=1)
    report = Form06Report(Period.month(2026, 3), "56", None, "agency", [], counts)
    rates = layout.rates_of(report)
    assert [r.value for r in rates] == [Decimal("66.67"), Decimal("66.67")]
    assert rates[1].formula == "[(8) + (9) + (12)] / [(7) + (11)] × 100"


# --- the API ------------------------------------------------------------------------------------------


def test_api_serves_both_files_with_the_json_query_parameters(week, client):
    # The provincial committee reads the whole province (statistics.permissions).
    viewer = make_officer("thongke", week.committee, Role.STATISTICS_VIEWER)
    params = {"from": "2026-03-09", "to": "2026-03-13", "view": "as_was"}
    assert client.get("/api/v1/statistics/form06.xlsx", params).status_code == 401
    client.force_login(viewer)
    xlsx = client.get("/api/v1/statistics/form06.xlsx", params)
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert xlsx["Content-Disposition"] == 'attachment; filename="bieu-06-tinh-56-20260309-20260313.xlsx"'
    book = Workbook(xlsx.content)
    assert book.figures(book.row_of("TỔNG CỘNG")) == expected(TOTAL)
    pdf = client.get(
        "/api/v1/statistics/form06.pdf", {**params, "agency": "000.00.16.H56", "by": "field_level"}
    )
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "Đơn vị báo cáo: Sở Tư pháp" in " ".join(pdf_text(pdf.content).split())
    reversed_ = client.get("/api/v1/statistics/form06.pdf", {**params, "from": "2026-03-14"})
    assert reversed_.status_code == 400 and reversed_.json()["code"] == "period_reversed"
    wrong_view = client.get("/api/v1/statistics/form06.xlsx", {**params, "view": "gop"})
    assert wrong_view.status_code in (400, 422) and "rolled_up" in wrong_view.text
    assert client.get("/api/v1/statistics/form06", params).json()["view"] == "as_was"
