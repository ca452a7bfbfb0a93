"""The officer's pages as an officer uses them: sign in, inbox, counter intake, act, read the history."""

from __future__ import annotations

import pytest
import time_machine

from congso.catalog.models import RequiredDocument
from congso.core.clock import vn
from congso.dossiers import services
from congso.dossiers.choices import Status
from congso.dossiers.models import Dossier
from congso.identity.choices import Role
from congso.identity.models import Applicant, User

MONDAY = vn(2026, 3, 2, 9, 0)


@pytest.fixture
def documents(world):
    version = world.procedure.current_version
    for i, name in enumerate(["Tờ khai đề nghị", "Bản sao giấy khai sinh của trẻ"], start=1):
        RequiredDocument.objects.create(version=version, order=i, name=name)
    return version


@pytest.fixture
def dossier(world, applicant):
    with time_machine.travel(MONDAY, tick=False):
        return services.receive_at_counter(
            actor=world.officers[Role.RECEIVING_OFFICER].user,
            agency=world.justice,
            procedure_code="1.001622",
            applicant=applicant,
        )


def as_officer(client, world, role):
    client.force_login(world.officers[role].user)
    return client


def test_pages_need_a_signed_in_officer(client, world, db):
    response = client.get("/mot-cua/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    citizen = User.objects.create_user("congdan", password="x")
    client.force_login(citizen)
    assert client.get("/mot-cua/").status_code == 403


def test_login_page_is_vietnamese(client, db):
    page = client.get("/dang-nhap/")
    assert page.status_code == 200 and "Đăng nhập cán bộ" in page.text and 'lang="vi"' in page.text


def test_counter_intake_receives_a_complete_dossier(client, world, documents):
    officer = as_officer(client, world, Role.RECEIVING_OFFICER)
    choose = officer.get("/mot-cua/tiep-nhan/")
    assert "1.001622" in choose.text
    form = officer.get("/mot-cua/tiep-nhan/?thu_tuc=1.001622")
    assert "Bản sao giấy khai sinh của trẻ" in form.text and "5 ngày làm việc" in form.text
    with time_machine.travel(MONDAY, tick=False):
        response = officer.post(
            "/mot-cua/tiep-nhan/?thu_tuc=1.001622",
            {
                "procedure": "1.001622",
                "kind": 1,
                "id_kind": 1,
                "id_number": "056 090 001 234",
                "full_name": "Lê Thị Hoa",
                "phone": "0905000111",
                "channel": 1,
                "doc_0": "on",
                "doc_1": "on",
            },
        )
    dossier = Dossier.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/mot-cua/ho-so/{dossier.code}/"
    assert dossier.applicant.full_name == "Lê Thị Hoa" and dossier.due_at == vn(2026, 3, 9, 9, 0)
    page = officer.get(response["Location"])
    assert f"Đã tiếp nhận hồ sơ {dossier.code}" in page.text and "09:00 09/03/2026" in page.text


def test_incomplete_or_invalid_intake_saves_nothing_and_says_why(client, world, documents):
    officer = as_officer(client, world, Role.RECEIVING_OFFICER)
    base = {"procedure": "1.001622", "kind": 1, "id_kind": 1, "full_name": "Lê Thị Hoa", "channel": 1}
    missing = officer.post(
        "/mot-cua/tiep-nhan/?thu_tuc=1.001622", {**base, "id_number": "056090001234", "doc_0": "on"}
    )
    assert (
        missing.status_code == 200
        and "Hồ sơ chưa đủ thành phần: Bản sao giấy khai sinh của trẻ" in missing.text
    )
    bad_id = officer.post(
        "/mot-cua/tiep-nhan/?thu_tuc=1.001622", {**base, "id_number": "12345", "doc_0": "on", "doc_1": "on"}
    )
    assert "Số định danh cá nhân phải gồm đúng 12 chữ số" in bad_id.text
    assert "Lê Thị Hoa" in bad_id.text  # what the officer typed is kept
    assert Dossier.objects.count() == 0 and Applicant.objects.filter(full_name="Lê Thị Hoa").count() == 0


def test_inbox_shows_the_dossier_at_the_step_of_whoever_must_act(client, world, dossier):
    receiving = as_officer(client, world, Role.RECEIVING_OFFICER).get("/mot-cua/")
    assert dossier.code in receiving.text
    client.logout()
    specialist = as_officer(client, world, Role.SPECIALIST).get("/mot-cua/")
    assert dossier.code not in specialist.text
    assert dossier.code in client.get("/mot-cua/?hang=tat_ca").text
    found = client.get("/mot-cua/?hang=tat_ca&q=nguyen van an")  # without diacritics
    assert dossier.code in found.text


def test_acting_from_the_dossier_page(client, world, dossier):
    officer = as_officer(client, world, Role.RECEIVING_OFFICER)
    page = officer.get(f"/mot-cua/ho-so/{dossier.code}/")
    assert "Chuyển bước tiếp theo" in page.text and "Trả kết quả" not in page.text
    with time_machine.travel(vn(2026, 3, 2, 10, 0), tick=False):
        done = officer.post(
            f"/mot-cua/ho-so/{dossier.code}/thao-tac/", {"action": "forward", "version": dossier.version}
        )
        assert done.status_code == 302
        stale = officer.post(
            f"/mot-cua/ho-so/{dossier.code}/thao-tac/",
            {"action": "forward", "version": dossier.version},
            follow=True,
        )
    assert "người khác cập nhật" in stale.text
    dossier.refresh_from_db()
    assert (dossier.status, dossier.step, dossier.version) == (Status.PROCESSING, "specialist", 3)
    history = officer.get(f"/mot-cua/ho-so/{dossier.code}/").text
    assert "Phân công xử lý" in history and "1 giờ" in history  # 09:00 → 10:00 of working time at intake


def test_another_agency_cannot_see_or_act(client, world, dossier):
    client.force_login(world.outsider.user)
    assert client.get(f"/mot-cua/ho-so/{dossier.code}/").status_code == 404
    with time_machine.travel(vn(2026, 3, 2, 10, 0), tick=False):
        response = client.post(
            f"/mot-cua/ho-so/{dossier.code}/thao-tac/", {"action": "forward", "version": 2}
        )
    assert response.status_code == 404
    assert dossier.code not in client.get("/mot-cua/?hang=tat_ca").text
    dossier.refresh_from_db()
    assert dossier.version == 2


@pytest.mark.parametrize("role", list(Role))
def test_role_matrix_never_errors_and_only_the_step_role_acts(client, world, dossier, role):
    officer = as_officer(client, world, role)
    page = officer.get(f"/mot-cua/ho-so/{dossier.code}/")
    assert page.status_code == 200
    with time_machine.travel(vn(2026, 3, 2, 10, 0), tick=False):
        officer.post(
            f"/mot-cua/ho-so/{dossier.code}/thao-tac/", {"action": "forward", "version": dossier.version}
        )
    dossier.refresh_from_db()
    assert (dossier.status == Status.PROCESSING) == (role == Role.RECEIVING_OFFICER)


def test_officer_prints_the_receipt_and_control_slip(client, world, dossier):
    import io

    from pypdf import PdfReader

    officer = as_officer(client, world, Role.RECEIVING_OFFICER)
    page = officer.get(f"/mot-cua/ho-so/{dossier.code}/")
    assert "Giấy tiếp nhận, hẹn trả (Mẫu 01)" in page.text and "Mẫu 04" not in page.text
    pdf = officer.get(f"/mot-cua/ho-so/{dossier.code}/phieu/tiep-nhan.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert dossier.code in text and "Nguyễn Văn An" in text and "09/03/2026" in text
    missing = officer.get(f"/mot-cua/ho-so/{dossier.code}/phieu/xin-loi.pdf", follow=True)
    assert missing.status_code == 200 and "Phiếu xin lỗi" not in missing.headers.get("Content-Type", "")
    client.force_login(world.outsider.user)
    assert client.get(f"/mot-cua/ho-so/{dossier.code}/phieu/tiep-nhan.pdf").status_code == 404


def test_bulk_return_acts_on_each_dossier_on_its_own(client, world, applicant):
    officer_user = world.officers[Role.RECEIVING_OFFICER].user
    codes = []
    for hour in (9, 10):
        with time_machine.travel(vn(2026, 3, 2, hour, 0), tick=False):
            d = services.receive_at_counter(
                actor=officer_user, agency=world.justice, procedure_code="1.001622", applicant=applicant
            )
        codes.append(d.code)
    officer = as_officer(client, world, Role.RECEIVING_OFFICER)
    with time_machine.travel(vn(2026, 3, 2, 11, 0), tick=False):
        response = officer.post(
            "/mot-cua/hang-loat/",
            {"action": "forward", "codes": [*codes, "KHONG-CO"], "back": "/mot-cua/?hang=tat_ca"},
            follow=True,
        )
    assert "Chuyển bước tiếp theo: đã xử lý 2 hồ sơ." in response.text
    assert "KHONG-CO: Không tìm thấy hồ sơ." in response.text
    assert set(Dossier.objects.values_list("status", flat=True)) == {Status.PROCESSING}
    refused = officer.post("/mot-cua/hang-loat/", {"action": "withdraw", "codes": codes}, follow=True)
    assert "Hãy chọn hồ sơ và một thao tác được phép làm hàng loạt." in refused.text


def test_leader_signs_the_result_and_anyone_can_verify_it(client, world, dossier, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from congso.documents import forms as pdf_forms
    from congso.documents.tests import samples

    settings.VAR_DIR = tmp_path  # demo PKI and signed files go to a temporary store
    officer_flow = [(Role.RECEIVING_OFFICER, 10), (Role.SPECIALIST, 11), (Role.HEAD_OF_DIVISION, 13)]
    for role, hour in officer_flow:
        with time_machine.travel(vn(2026, 3, 2, hour, 0), tick=False):
            services.act(actor=world.officers[role].user, code=dossier.code, action="forward")
    dossier.refresh_from_db()
    leader = as_officer(client, world, Role.LEADER)
    url = f"/mot-cua/ho-so/{dossier.code}/thao-tac/"
    with time_machine.travel(vn(2026, 3, 2, 14, 0), tick=False):
        fake = SimpleUploadedFile(
            "ket-qua.pdf", b"\x89PNG\r\n\x1a\n not a pdf", content_type="application/pdf"
        )
        refused = leader.post(
            url, {"action": "finish", "version": dossier.version, "result": fake}, follow=True
        )
        assert "Tệp kết quả phải là tệp PDF hợp lệ." in refused.text
        assert Dossier.objects.get(pk=dossier.pk).status == Status.PROCESSING
        pdf = pdf_forms.render_receipt(samples.receipt())  # any real PDF stands in for the agency's decision
        upload = SimpleUploadedFile("ket-qua.pdf", pdf, content_type="application/pdf")
        done = leader.post(
            url, {"action": "finish", "version": dossier.version, "result": upload}, follow=True
        )
    dossier.refresh_from_db()
    assert dossier.status == Status.FINISHED and dossier.result is not None
    assert dossier.events.get(action="finish").data["result"] == dossier.result.public_id
    assert "Xem và xác thực chữ ký" in done.text
    client.logout()
    check = client.get(f"/xac-thuc/{dossier.result.public_id}/")
    assert check.status_code == 200 and "Cán bộ leader" in check.text
    assert "Chữ ký số hợp lệ" in check.text and "Cảnh báo" not in check.text


def test_inbox_costs_a_fixed_number_of_queries_whatever_its_size(
    client, world, applicant, django_assert_max_num_queries
):
    officer_user = world.officers[Role.RECEIVING_OFFICER].user
    for minute in range(0, 60, 5):
        with time_machine.travel(vn(2026, 3, 2, 9, minute), tick=False):
            services.receive_at_counter(
                actor=officer_user, agency=world.justice, procedure_code="1.001622", applicant=applicant
            )
    officer = as_officer(client, world, Role.RECEIVING_OFFICER)
    officer.get("/mot-cua/")  # warm the session
    with django_assert_max_num_queries(13):  # session, user, grants, 7 counts, page, total, communes
        page = officer.get("/mot-cua/?hang=tat_ca")
    assert page.text.count('href="/mot-cua/ho-so/') == 12


def test_inbox_filters_by_the_applicants_commune(client, world, applicant):
    from congso.places.models import Commune

    nha_trang = Commune.objects.create(
        era="current",
        code="22333",
        name="Phường Nha Trang",
        short_name="Nha Trang",
        kind="phuong",
        province=world.province,
    )
    applicant.commune = nha_trang
    applicant.save()
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        d = services.receive_at_counter(
            actor=world.officers[Role.RECEIVING_OFFICER].user,
            agency=world.justice,
            procedure_code="1.001622",
            applicant=applicant,
        )
    officer = as_officer(client, world, Role.RECEIVING_OFFICER)
    assert d.code in officer.get("/mot-cua/", {"hang": "tat_ca", "commune": nha_trang.id}).text
    other = Commune.objects.create(
        era="current",
        code="22334",
        name="Phường Khác",
        short_name="Khác",
        kind="phuong",
        province=world.province,
    )
    assert (
        f'href="/mot-cua/ho-so/{d.code}/"'
        not in officer.get("/mot-cua/", {"hang": "tat_ca", "commune": other.id}).text
    )


def test_counter_intake_keeps_the_scanned_copies(client, world, documents, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from congso.documents.models import StoredFile

    settings.VAR_DIR = tmp_path
    officer = as_officer(client, world, Role.RECEIVING_OFFICER)
    base = {
        "procedure": "1.001622",
        "kind": 1,
        "id_kind": 1,
        "id_number": "056090001234",
        "full_name": "Lê Thị Hoa",
        "channel": 1,
        "doc_0": "on",
        "doc_1": "on",
    }
    disguised = SimpleUploadedFile(
        "to-khai.pdf", b"MZ\x90\x00 an exe renamed", content_type="application/pdf"
    )
    with time_machine.travel(MONDAY, tick=False):
        refused = officer.post("/mot-cua/tiep-nhan/?thu_tuc=1.001622", {**base, "scan_0": disguised})
    assert "Chỉ nhận tệp PDF, JPEG hoặc PNG." in refused.text
    assert Dossier.objects.count() == 0 and StoredFile.objects.count() == 0
    png = SimpleUploadedFile("khai-sinh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")
    with time_machine.travel(MONDAY, tick=False):
        done = officer.post("/mot-cua/tiep-nhan/?thu_tuc=1.001622", {**base, "scan_1": png}, follow=True)
    dossier = Dossier.objects.get()
    stored = StoredFile.objects.get()
    assert (
        stored.subject == f"dossier:{dossier.code}" and stored.component == "Bản sao giấy khai sinh của trẻ"
    )
    assert "khai-sinh.png" in done.text  # the officer's dossier page lists the scanned copy
