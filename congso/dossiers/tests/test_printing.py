"""The one-stop forms of real dossiers, built through the services at frozen times, read back from the PDF.

Set CONGSO_FORMS_OUT=build/forms to keep the PDFs these tests print (to look at them).
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine

from congso.catalog.models import RequiredDocument
from congso.core.clock import local, vn
from congso.core.errors import Conflict
from congso.documents.tests import pdfcheck
from congso.dossiers import printing, services
from congso.identity.choices import Role

NAMES = {
    Role.RECEIVING_OFFICER: ("Trần Thị Bích Ngọc", ""),
    Role.SPECIALIST: ("Lê Minh Tâm", "Phòng Hành chính tư pháp"),
    Role.HEAD_OF_DIVISION: ("Võ Thị Hạnh", "Phòng Hành chính tư pháp"),
    Role.LEADER: ("Phạm Quốc Hùng", ""),
}


@pytest.fixture
def people(world, applicant):
    """Real names with diacritics, an address, and the procedure's components."""
    for role, (name, division) in NAMES.items():
        officer = world.officers[role]
        officer.user.full_name = name
        officer.user.save()
        officer.division = division
        officer.save()
    applicant.address = "12 Trần Phú, phường Nha Trang, tỉnh Khánh Hòa"
    applicant.email = "an.nguyen@example.vn"
    applicant.save()
    version = world.procedure.current_version
    for order, (name, group, copies) in enumerate(
        [
            ("Tờ khai đề nghị hỗ trợ ăn trưa (theo mẫu)", "", "01 bản chính"),
            ("Giấy chứng nhận nuôi con nuôi", "Trẻ em không có nguồn nuôi dưỡng", "01 bản sao"),
            ("Giấy xác nhận hộ nghèo, hộ cận nghèo", "Nhân khẩu hộ nghèo, cận nghèo", "01 bản sao"),
            ("Giấy khai sinh của trẻ", "", ""),
        ],
        1,
    ):
        RequiredDocument.objects.create(version=version, order=order, name=name, group=group, copies=copies)
    return world


def receive(world, applicant, when):
    with time_machine.travel(when, tick=False):
        return services.receive_at_counter(
            actor=world.officers[Role.RECEIVING_OFFICER].user,
            agency=world.justice,
            procedure_code="1.001622",
            applicant=applicant,
        )


def act(world, role, dossier, action, when, **params):
    with time_machine.travel(when, tick=False):
        return services.act(actor=world.officers[role].user, code=dossier.code, action=action, **params)


def keep(name: str, pdf: bytes) -> bytes:
    out = os.environ.get("CONGSO_FORMS_OUT")
    if out:
        Path(out).mkdir(parents=True, exist_ok=True)
        (Path(out) / name).write_bytes(pdf)
    return pdf


@pytest.fixture
def late_dossier(people, applicant):
    """Received Mon 02/03/2026 09:00 (due Mon 09/03 09:00), sent back once, apologised for on Thu,
    finished late on Tue 10/03 and returned on Wed 11/03."""
    w, R = people, Role
    d = receive(w, applicant, vn(2026, 3, 2, 9, 0))
    d = act(w, R.RECEIVING_OFFICER, d, "forward", vn(2026, 3, 2, 9, 30))
    d = act(w, R.SPECIALIST, d, "forward", vn(2026, 3, 3, 10, 0))
    d = act(w, R.HEAD_OF_DIVISION, d, "send_back", vn(2026, 3, 3, 14, 0), reason="Thiếu ý kiến thẩm định")
    d = act(w, R.SPECIALIST, d, "forward", vn(2026, 3, 4, 8, 0))
    d = act(w, R.HEAD_OF_DIVISION, d, "forward", vn(2026, 3, 5, 9, 0))
    d = act(
        w,
        R.LEADER,
        d,
        "apologise",
        vn(2026, 3, 5, 10, 0),
        reason="Cần xác minh thêm với UBND phường Nha Trang",
        new_due_at=vn(2026, 3, 13, 14, 0),
    )
    d = act(w, R.LEADER, d, "finish", vn(2026, 3, 10, 10, 0))
    return act(w, R.RECEIVING_OFFICER, d, "return_result", vn(2026, 3, 11, 8, 0))


def test_receipt_of_a_counter_dossier(people, applicant):
    dossier = receive(people, applicant, vn(2026, 3, 2, 9, 0))
    pdf = keep("01-giay-tiep-nhan.pdf", printing.receipt_for(dossier))
    text = pdfcheck.text_of(pdf)
    url = "http://127.0.0.1:8000/tra-cuu/000.00.16.H56-260302-0001"
    for expected in [
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        "Mã hồ sơ: 000.00.16.H56-260302-0001",
        "SỞ TƯ PHÁP BỘ PHẬN MỘT CỬA",
        "Khánh Hòa, ngày 02 tháng 3 năm 2026",
        "Bộ phận Một cửa, Sở Tư pháp tiếp nhận hồ sơ của:",
        "Ông/Bà: Nguyễn Văn An",
        "Số định danh cá nhân: 056090001234",
        "Địa chỉ: 12 Trần Phú, phường Nha Trang, tỉnh Khánh Hòa",
        "Thủ tục thử nghiệm 1.001622 (mã thủ tục 1.001622)",
        "Hình thức nộp hồ sơ: Trực tiếp",
        "Tờ khai đề nghị hỗ trợ ăn trưa (theo mẫu) Bản chính 01",
        "Trường hợp: Trẻ em không có nguồn nuôi dưỡng",
        "Giấy chứng nhận nuôi con nuôi Bản sao 01",
        "Giấy khai sinh của trẻ",
        "Thời gian giải quyết hồ sơ theo quy định: 5 ngày làm việc",
        "Thời gian nhận hồ sơ: 09:00, ngày 02/03/2026",
        "Thời gian trả kết quả giải quyết hồ sơ: 09:00, ngày 09/03/2026",
        "Trần Thị Bích Ngọc",
        url,
    ]:
        assert expected in text, expected
    assert pdfcheck.qr_payload_is(pdf, url)
    pdfcheck.assert_only_embedded_fonts(pdf)


def test_the_lookup_address_is_a_setting(people, applicant, settings):
    settings.CONGSO_PUBLIC_URL = "https://dichvucong.khanhhoa.gov.vn/"
    dossier = receive(people, applicant, vn(2026, 3, 2, 9, 0))
    url = "https://dichvucong.khanhhoa.gov.vn/tra-cuu/000.00.16.H56-260302-0001"
    assert printing.lookup_url(dossier.code) == url
    pdf = printing.receipt_for(dossier)
    assert url in pdfcheck.text_of(pdf) and pdfcheck.qr_payload_is(pdf, url)


def test_supplement_request_lists_all_items_reason_and_deadline(people, applicant):
    w = people
    dossier = receive(w, applicant, vn(2026, 3, 2, 9, 0))
    dossier = act(w, Role.RECEIVING_OFFICER, dossier, "forward", vn(2026, 3, 2, 10, 0))
    items = ["Bản sao Giấy khai sinh của trẻ", "Giấy xác nhận hộ nghèo năm 2026", "Tờ khai có chữ ký của mẹ"]
    dossier = act(
        w,
        Role.SPECIALIST,
        dossier,
        "request_supplement",
        vn(2026, 3, 3, 9, 0),
        reason="Hồ sơ thiếu giấy tờ chứng minh đối tượng được hỗ trợ",
        items=items,
    )
    pdf = keep("02-phieu-yeu-cau-bo-sung.pdf", printing.supplement_request_for(dossier))
    text = pdfcheck.text_of(pdf)
    assert "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ" in text
    assert f"Mã hồ sơ: {dossier.code}" in text and "Hồ sơ của: Nguyễn Văn An" in text
    for i, item in enumerate(items, 1):
        assert f"{i}. {item}" in text
    assert "Lý do: Hồ sơ thiếu giấy tờ chứng minh đối tượng được hỗ trợ" in text
    # 5 working days from Tue 03/03 09:00: Tue 10/03 09:00.
    assert "5 ngày làm việc kể từ ngày nhận được phiếu này, chậm nhất đến 09:00, ngày 10/03/2026" in text
    assert "NGƯỜI HƯỚNG DẪN" in text and "Lê Minh Tâm" in text
    assert "liên hệ Lê Minh Tâm, Phòng Hành chính tư pháp — Sở Tư pháp để được hướng dẫn" in text
    assert "Khánh Hòa, ngày 03 tháng 3 năm 2026" in text
    pdfcheck.assert_only_embedded_fonts(pdf)
    # The round trip with the applicant shows on the control slip.
    dossier = act(w, Role.RECEIVING_OFFICER, dossier, "receive_supplement", vn(2026, 3, 6, 14, 0))
    rows = printing.control_slip_data(dossier).rows
    assert [(r.giver, r.receiver, r.note) for r in rows[1:]] == [
        (
            "Lê Minh Tâm, Phòng Hành chính tư pháp",
            "Nguyễn Văn An (tổ chức, cá nhân)",
            "Yêu cầu bổ sung: Hồ sơ thiếu giấy tờ chứng minh đối tượng được hỗ trợ",
        ),
        ("Nguyễn Văn An (tổ chức, cá nhân)", "Trần Thị Bích Ngọc, Bộ phận Một cửa", "Nhận hồ sơ bổ sung"),
    ]
    assert rows[0].receiver == "Lê Minh Tâm, Phòng Hành chính tư pháp"  # the specialist acted next


def test_refusal_of_an_online_dossier(people, applicant):
    with time_machine.travel(vn(2026, 3, 7, 21, 0), tick=False):  # Saturday evening
        dossier = services.submit_online(
            agency=people.justice, procedure_code="1.001622", applicant=applicant
        )
    reason = "Thủ tục thuộc thẩm quyền của UBND cấp xã nơi trẻ đang học"
    dossier = act(people, Role.RECEIVING_OFFICER, dossier, "refuse", vn(2026, 3, 9, 8, 0), reason=reason)
    pdf = keep("03-phieu-tu-choi.pdf", printing.refusal_for(dossier))
    text = pdfcheck.text_of(pdf)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert f"Mã hồ sơ: {dossier.code}" in text and "Ông/Bà: Nguyễn Văn An" in text
    assert reason in text
    assert "Thời gian nộp hồ sơ: 21:00, ngày 07/03/2026" in text
    assert "Khánh Hòa, ngày 09 tháng 3 năm 2026" in text and "Trần Thị Bích Ngọc" in text
    with pytest.raises(Conflict) as err:
        printing.receipt_for(dossier)  # never received: no receipt
    assert err.value.code == "not_received"


def test_apology_prints_the_old_and_the_new_appointment(late_dossier):
    pdf = keep("04-phieu-xin-loi.pdf", printing.apology_for(late_dossier))
    text = pdfcheck.text_of(pdf)
    for expected in [
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "UBND TỈNH KHÁNH HÒA SỞ TƯ PHÁP",
        f"Mã hồ sơ: {late_dossier.code}",
        "Kính gửi: Ông/Bà Nguyễn Văn An",
        "Ngày 02/03/2026, Sở Tư pháp tiếp nhận hồ sơ của Ông/Bà",
        "Thời hạn giải quyết theo quy định là 5 ngày làm việc",
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả là 09:00, ngày 09/03/2026",
        "Lý do: Cần xác minh thêm với UBND phường Nha Trang",
        "vào 14:00, ngày 13/03/2026",
        "Khánh Hòa, ngày 05 tháng 3 năm 2026",
        "Phạm Quốc Hùng",
    ]:
        assert expected in text, expected
    pdfcheck.assert_only_embedded_fonts(pdf)


def test_control_slip_has_each_handover_with_its_mark(late_dossier):
    rows = printing.control_slip_data(late_dossier).rows
    ngoc = "Trần Thị Bích Ngọc, Bộ phận Một cửa"
    tam = "Lê Minh Tâm, Phòng Hành chính tư pháp"
    hanh = "Võ Thị Hạnh, Phòng Hành chính tư pháp"
    hung = "Phạm Quốc Hùng, Sở Tư pháp"
    assert [(r.giver, r.receiver, r.at, r.mark and r.mark.label) for r in rows] == [
        (ngoc, tam, vn(2026, 3, 2, 9, 30), "Đúng hạn"),  # receive step (2 h) handed on within it
        (tam, hanh, vn(2026, 3, 3, 10, 0), "Trước hạn"),  # a day before the specialist's deadline
        (hanh, tam, vn(2026, 3, 3, 14, 0), None),  # sent back: no mark
        (tam, hanh, vn(2026, 3, 4, 8, 0), "Trước hạn"),
        (hanh, hung, vn(2026, 3, 5, 9, 0), "Quá hạn"),  # the head's 6 working hours ran out on 04/03
        (hung, ngoc, vn(2026, 3, 10, 10, 0), "Quá hạn"),
        (ngoc, "Nguyễn Văn An (tổ chức, cá nhân)", vn(2026, 3, 11, 8, 0), "Quá hạn"),  # returned late
    ]
    assert rows[2].note == "Trả lại: Thiếu ý kiến thẩm định" and rows[2].deadline is None
    # Each mark is printed with the step deadline it was judged against: receipt 09:00 + 2 working hours.
    assert rows[0].deadline == vn(2026, 3, 2, 11, 0)
    pdf = keep("05-phieu-kiem-soat.pdf", printing.control_slip_for(late_dossier))
    text = pdfcheck.text_of(pdf)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert f"Mã hồ sơ: {late_dossier.code}" in text
    assert "Thời gian hẹn trả kết quả: 09:00, ngày 09/03/2026" in text
    assert "Hẹn lại (phiếu xin lỗi): 14:00, ngày 13/03/2026" in text
    position = 0
    for row in rows:
        start = text.find(f"Giao: {row.giver}", position)
        assert start >= 0, row
        end = text.find("Giao:", start + 1)
        cell = text[start : end if end > 0 else len(text)]
        assert f"Nhận: {row.receiver}" in cell
        assert f"{local(row.at):%H:%M}, ngày {local(row.at):%d/%m/%Y}" in cell
        assert (
            (row.mark.label in cell)
            if row.mark
            else not any(m in cell for m in ("Trước hạn", "Đúng hạn", "Quá hạn"))
        )
        position = start + 1
    pdfcheck.assert_only_embedded_fonts(pdf)


def test_a_dossier_without_the_document_raises_conflict(people, applicant):
    dossier = receive(people, applicant, vn(2026, 3, 2, 9, 0))
    for render, code in [
        (printing.supplement_request_for, "no_supplement_request"),
        (printing.refusal_for, "not_refused"),
        (printing.apology_for, "no_apology"),
    ]:
        with pytest.raises(Conflict) as err:
            render(dossier)
        assert err.value.code == code
        assert err.value.message  # a Vietnamese sentence for the officer
    with time_machine.travel(vn(2026, 3, 7, 21, 0), tick=False):
        online = services.submit_online(agency=people.justice, procedure_code="1.001622", applicant=applicant)
    for render in (printing.receipt_for, printing.control_slip_for):
        with pytest.raises(Conflict) as err:
            render(online)
        assert err.value.code == "not_received"


@pytest.mark.parametrize(
    ("days", "unit", "text"),
    [
        (Decimal("5.00"), "working_day", "5 ngày làm việc"),
        (Decimal("0.5"), "working_day", "0,5 ngày làm việc"),
        (Decimal("15"), "calendar_day", "15 ngày"),
        (Decimal("8"), "hour", "8 giờ làm việc"),
        (Decimal("1000"), "calendar_day", "1.000 ngày"),
        (None, "", ""),
        (Decimal(0), "same_day", "trong ngày (hồ sơ nhận sau 15 giờ trả trong ngày làm việc tiếp theo)"),
    ],
)
def test_limit_text(days, unit, text):
    assert printing.limit_text(days, unit) == text
