"""The Form 06 screen as officers use it: who may read which unit, the table and its links to the dossiers,
the Excel and PDF downloads of a whole year, and bad periods answered in Vietnamese on the form."""

from __future__ import annotations

import io
import zipfile

import pytest
import time_machine
from pypdf import PdfReader

from congso.catalog.models import AgencyProcedure
from congso.core.clock import vn
from congso.dossiers import services
from congso.identity import services as identity
from congso.identity.choices import Role
from congso.identity.models import Agency, User
from congso.places.models import Province

URL = "/mot-cua/thong-ke/"
MARCH = {"ky": "thang", "nam": "2026", "thang": "3", "nhom": "agency", "xem": "rolled_up"}
YEAR = {"ky": "nam", "nam": "2026", "don_vi": "", "nhom": "agency", "xem": "rolled_up"}
NOW = vn(2026, 4, 1, 8, 0)


@pytest.fixture
def dossiers(world, applicant):
    """Two dossiers of Sở Tư pháp in March 2026: one finished early, one still open."""
    officer = world.officers[Role.RECEIVING_OFFICER].user
    made = []
    for day in (2, 3):
        with time_machine.travel(vn(2026, 3, day, 9, 0), tick=False):
            made.append(
                services.receive_at_counter(
                    actor=officer, agency=world.justice, procedure_code="1.001622", applicant=applicant
                )
            )
    with time_machine.travel(vn(2026, 3, 4, 9, 0), tick=False):
        services.act(actor=None, code=made[0].code, action="finish")
    return made


def get(client, user, url=URL, params=None):  # type: ignore[no-untyped-def]
    if user is not None:
        client.force_login(user)
    with time_machine.travel(NOW, tick=False):
        return client.get(url, params or {})


def test_anonymous_goes_to_the_login_page_and_a_citizen_is_refused(client, world):
    response = get(client, None)
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    for url in (URL, "/mot-cua/thong-ke/bieu-06.xlsx", "/mot-cua/thong-ke/ho-so/"):
        assert get(client, None, url).status_code == 302
    citizen = User.objects.create_user("congdan", password="x")
    assert get(client, citizen).status_code == 403


def test_an_officer_without_a_statistics_role_is_refused(client, world):
    response = get(client, world.officers[Role.RECEIVING_OFFICER].user, params=MARCH)
    assert response.status_code == 403 and "không có quyền xem số liệu thống kê" in response.text


def test_a_statistics_viewer_reads_only_his_agency(client, world, dossiers):
    viewer = world.officers[Role.STATISTICS_VIEWER].user
    page = get(client, viewer, params=MARCH)  # no unit chosen: his agency
    assert page.status_code == 200
    assert "Sở Tư pháp" in page.text and "Toàn tỉnh" not in page.text
    assert "Kỳ báo cáo: Tháng 03/2026 (từ ngày 01/03/2026 đến ngày 31/03/2026)" in page.text
    whole = get(client, viewer, params={**MARCH, "don_vi": ""})
    assert whole.status_code == 403 and "Chỉ quản trị cấp tỉnh" in whole.text
    ward = get(client, viewer, params={**MARCH, "don_vi": world.commune.code})
    assert ward.status_code == 403 and "UBND phường Nha Trang" in ward.text
    download = get(client, viewer, "/mot-cua/thong-ke/bieu-06.pdf", {**MARCH, "don_vi": world.commune.code})
    assert download.status_code == 403


def test_an_officer_of_another_province_is_forbidden(client, world, dossiers):
    outsider = world.outsider.user  # every role, province administrator of Gia Lai
    for url in (URL, "/mot-cua/thong-ke/bieu-06.xlsx", "/mot-cua/thong-ke/ho-so/"):
        response = get(
            client, outsider, url, {**MARCH, "don_vi": world.justice.code, "cot": "received_total"}
        )
        assert response.status_code == 403, url
    own = get(client, outsider, params={**MARCH, "don_vi": ""})
    assert own.status_code == 200 and "Gia Lai" in own.text and dossiers[0].code not in own.text


def test_the_administrator_sees_the_province_with_links_to_the_dossiers(client, world, dossiers):
    admin = world.officers[Role.PROVINCE_ADMIN].user
    page = get(client, admin, params={**MARCH, "don_vi": ""})
    assert page.status_code == 200 and "Toàn tỉnh Khánh Hòa" in page.text
    assert "Số hồ sơ nhận giải quyết" in page.text and "TỔNG CỘNG" in page.text
    assert (
        "Tỷ lệ giải quyết đúng và trước hạn (trên số đã giải quyết)" in page.text and "100,00%" in page.text
    )
    assert page["Server-Timing"].startswith("form06;dur=")
    link = f"cot=received_total&amp;hang=a%3A{world.justice.code}"
    assert link in page.text
    cell = get(
        client,
        admin,
        "/mot-cua/thong-ke/ho-so/",
        {**MARCH, "don_vi": "", "cot": "pending_total", "hang": f"a:{world.justice.code}"},
    )
    assert cell.status_code == 200
    assert dossiers[1].code in cell.text and dossiers[0].code not in cell.text and "1 hồ sơ" in cell.text
    total = get(client, admin, "/mot-cua/thong-ke/ho-so/", {**MARCH, "don_vi": "", "cot": "received_total"})
    assert all(d.code in total.text for d in dossiers)
    bad = get(client, admin, "/mot-cua/thong-ke/ho-so/", {**MARCH, "don_vi": "", "cot": "khong_co"})
    assert bad.status_code == 400 and "không có danh sách hồ sơ" in bad.text


def test_the_administrator_exports_the_whole_year_for_the_province(client, world, dossiers):
    admin = world.officers[Role.PROVINCE_ADMIN].user
    xlsx = get(client, admin, "/mot-cua/thong-ke/bieu-06.xlsx", YEAR)
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert xlsx["Content-Disposition"] == 'attachment; filename="bieu-06-tinh-56-20260101-20261231.xlsx"'
    archive = zipfile.ZipFile(io.BytesIO(xlsx.content))
    strings = archive.read("xl/sharedStrings.xml").decode()
    assert (
        "Biểu số 06/VPCP/KSTT" in strings
        and "Kỳ báo cáo: Năm 2026 (từ ngày 01/01/2026 đến ngày 31/12/2026)" in strings
    )
    pdf = get(
        client, admin, "/mot-cua/thong-ke/bieu-06.pdf", {**YEAR, "nhom": "field_level", "xem": "as_was"}
    )
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = " ".join(PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().split())
    assert "từ ngày 01/01/2026 đến ngày 31/12/2026" in text and "Cấp tỉnh" in text and "TỔNG CỘNG" in text
    assert get(client, admin, "/mot-cua/thong-ke/bieu-06.doc", YEAR).status_code == 404


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"ky": "khoang", "tu": "31/03/2026", "den": "01/03/2026"},
            "phải trước hoặc bằng ngày kết thúc (01/03/2026)",
        ),
        (
            {"ky": "khoang", "tu": "31/02/2026", "den": "01/03/2026"},
            "không phải ngày hợp lệ; hãy nhập dạng dd/mm/yyyy",
        ),
        ({"ky": "khoang", "tu": "hôm qua", "den": "01/03/2026"}, "không phải ngày hợp lệ"),
        ({"ky": "khoang", "tu": "01/01/2020", "den": "31/03/2026"}, "Kỳ báo cáo tối đa 5 năm"),
        ({"ky": "nam", "nam": "hai nghìn"}, "Năm phải là số"),
        ({"ky": "quy", "nam": "2026", "quy": "7"}, "Lựa chọn không hợp lệ"),
        ({"ky": "nam", "nam": "2026", "xem": "gop"}, "Lựa chọn không hợp lệ"),
    ],
)
def test_a_bad_period_is_a_vietnamese_message_on_the_form(client, world, params, message):
    admin = world.officers[Role.PROVINCE_ADMIN].user
    for url in (URL, "/mot-cua/thong-ke/bieu-06.xlsx"):
        response = get(client, admin, url, {**YEAR, **params})
        assert response.status_code == 400, url
        assert message in response.content.decode(), url
        assert 'role="alert"' in response.content.decode()


def test_a_custom_period_in_dd_mm_yyyy(client, world, dossiers):
    admin = world.officers[Role.PROVINCE_ADMIN].user
    page = get(client, admin, params={**YEAR, "ky": "khoang", "tu": "02/03/2026", "den": "2026-03-02"})
    assert page.status_code == 200
    assert "theo khoảng thời gian (từ ngày 02/03/2026 đến ngày 02/03/2026)" in page.text


def test_the_nav_links_to_the_screen(client, world):
    page = get(client, world.officers[Role.STATISTICS_VIEWER].user, "/mot-cua/")
    assert 'href="/mot-cua/thong-ke/"' in page.text


def test_a_merged_agency_is_rolled_up_or_shown_as_it_was(client, world, applicant):
    ninh_thuan = Province.objects.create(
        era="legacy", code="58", name="Tỉnh Ninh Thuận", short_name="Ninh Thuận", kind="tinh"
    )
    old = identity.create_agency(
        actor=None, code="000.00.16.H58", name="Sở Tư pháp tỉnh Ninh Thuận", province=world.province
    )
    AgencyProcedure.objects.create(agency=old, procedure=world.procedure)
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        dossier = services.receive_at_counter(
            actor=None, agency=old, procedure_code="1.001622", applicant=applicant
        )
    Agency.objects.filter(id=old.id).update(successor=world.justice, former_province=ninh_thuan, active=False)
    viewer = world.officers[Role.STATISTICS_VIEWER].user  # Khánh Hòa's justice inherits Ninh Thuận's dossiers
    rolled = get(client, viewer, params=MARCH)
    assert "Sở Tư pháp (gồm số liệu của: Sở Tư pháp tỉnh Ninh Thuận)" in rolled.text
    cell = get(client, viewer, "/mot-cua/thong-ke/ho-so/", {**MARCH, "cot": "received_total"})
    assert dossier.code in cell.text
    admin = world.officers[Role.PROVINCE_ADMIN].user
    as_was = get(client, admin, params={**MARCH, "don_vi": "", "xem": "as_was"})
    assert "Sở Tư pháp tỉnh Ninh Thuận (trước 01/07/2025 thuộc Tỉnh Ninh Thuận)" in as_was.text
    assert "Từng đơn vị như trước sáp nhập (ghi rõ tỉnh cũ)" in as_was.text
