"""Each form rendered from plain data reads, once printed, as the circular's form does."""

from __future__ import annotations

import unicodedata

from congso.core.clock import vn
from congso.documents import forms
from congso.documents.tests import pdfcheck, samples


def test_receipt_has_everything_the_citizen_checks():
    pdf = forms.render_receipt(samples.receipt())
    text = pdfcheck.text_of(pdf)
    for expected in [
        "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ",
        f"Mã hồ sơ: {samples.CODE}",
        "Bộ phận Một cửa, Sở Tư pháp tiếp nhận hồ sơ của:",
        "Ông/Bà: Nguyễn Văn An",
        "Số định danh cá nhân: 056090001234",
        "Hỗ trợ ăn trưa đối với trẻ em mẫu giáo (mã thủ tục 1.001622)",
        "Hình thức nộp hồ sơ: Trực tiếp",
        "Tờ khai đề nghị hỗ trợ ăn trưa Bản chính 01",
        "Trường hợp: Trẻ em không có nguồn nuôi dưỡng",
        "Giấy xác nhận hộ nghèo Bản sao 01",
        "Thời gian giải quyết hồ sơ theo quy định: 5 ngày làm việc",
        "Thời gian nhận hồ sơ: 09:00, ngày 02/03/2026",
        "Thời gian trả kết quả giải quyết hồ sơ: 09:00, ngày 09/03/2026",
        "Đăng ký nhận kết quả tại: Bộ phận Một cửa, Sở Tư pháp",
        "NGƯỜI NỘP HỒ SƠ",
        "NGƯỜI TIẾP NHẬN HỒ SƠ",
        "Trần Thị Bích Ngọc",
        samples.URL,
        "Khánh Hòa, ngày 02 tháng 3 năm 2026",
        "Mẫu số 01 Thông tư 01/2018/TT-VPCP",
    ]:
        assert expected in text, expected
    assert pdfcheck.page_count(pdf) == 1  # an A5 slip for an ordinary dossier
    assert pdfcheck.qr_payload_is(pdf, samples.URL)
    assert not pdfcheck.qr_payload_is(pdf, samples.URL + "x")
    pdfcheck.assert_only_embedded_fonts(pdf)


def test_receipt_without_due_date_or_components_says_so():
    text = pdfcheck.text_of(forms.render_receipt(samples.receipt(due_at=None, limit_text="", documents=())))
    assert "thủ tục không quy định thời hạn" in text
    assert "Thời gian giải quyết hồ sơ theo quy định: không quy định" in text
    assert "Không có thành phần hồ sơ nào được ghi nhận" in text


def test_long_component_lists_continue_on_the_next_page_with_the_signatures_kept_together():
    documents = tuple(
        forms.ReceivedDocument(
            f"Giấy tờ số {i}: bản sao kèm theo bản chính để đối chiếu " * 3, "Bản sao", "01"
        )
        for i in range(1, 25)
    )
    pdf = forms.render_receipt(samples.receipt(documents=documents))
    assert pdfcheck.page_count(pdf) >= 2
    last = pdfcheck.reader(pdf).pages[-1].extract_text()
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in last and "Trần Thị Bích Ngọc" in last


def test_decomposed_names_print_with_their_diacritics():
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ngọc Ánh")
    person = forms.Party(full_name=nfd, id_number="056090001235")
    text = pdfcheck.text_of(forms.render_receipt(samples.receipt(applicant=person)))
    assert "Nguyễn Thị Ngọc Ánh" in text  # NFC, as typed by a Vietnamese keyboard


def test_supplement_request_lists_every_item_the_reason_and_the_deadline():
    pdf = forms.render_supplement_request(samples.supplement())
    text = pdfcheck.text_of(pdf)
    for expected in [
        "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ",
        f"Mã hồ sơ: {samples.CODE}",
        "Hồ sơ của: Nguyễn Văn An",
        "1. Bản sao Giấy khai sinh của trẻ",
        "2. Giấy xác nhận hộ nghèo năm 2026",
        "Lý do: Hồ sơ thiếu giấy tờ chứng minh đối tượng được hỗ trợ",
        "5 ngày làm việc kể từ ngày nhận được phiếu này, chậm nhất đến 09:00, ngày 10/03/2026",
        "NGƯỜI HƯỚNG DẪN",
        "Lê Minh Tâm",
        "Khánh Hòa, ngày 03 tháng 3 năm 2026",
        "Mẫu số 02 Thông tư 01/2018/TT-VPCP",
    ]:
        assert expected in text, expected
    pdfcheck.assert_only_embedded_fonts(pdf)


def test_refusal_gives_the_reason():
    pdf = forms.render_refusal(samples.refusal(reason="Không thuộc thẩm quyền <Sở> & phải nộp tại xã"))
    text = pdfcheck.text_of(pdf)
    assert "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ" in text
    assert "thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:" in text
    assert "Không thuộc thẩm quyền <Sở> & phải nộp tại xã" in text
    assert "Thời gian nộp hồ sơ: 21:00, ngày 07/03/2026" in text
    assert "Khánh Hòa, ngày 09 tháng 3 năm 2026" in text
    pdfcheck.assert_only_embedded_fonts(pdf)


def test_apology_prints_reason_old_and_new_appointment():
    pdf = forms.render_apology(samples.apology())
    text = pdfcheck.text_of(pdf)
    for expected in [
        "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ",
        "Kính gửi: Ông/Bà Nguyễn Văn An",
        "Ngày 02/03/2026, Sở Tư pháp tiếp nhận hồ sơ của Ông/Bà",
        "Giấy tiếp nhận hồ sơ và hẹn trả kết quả là 09:00, ngày 09/03/2026",
        "Lý do: Cần xác minh thêm với UBND phường Nha Trang",
        "hẹn lại thời gian trả kết quả giải quyết hồ sơ vào 14:00, ngày 13/03/2026",
        "THỦ TRƯỞNG CƠ QUAN",
        "Phạm Quốc Hùng",
        "UBND TỈNH KHÁNH HÒA",
        "Khánh Hòa, ngày 05 tháng 3 năm 2026",
        "Mẫu số 04 Thông tư 01/2018/TT-VPCP",
    ]:
        assert expected in text, expected
    pdfcheck.assert_only_embedded_fonts(pdf)


def test_control_slip_has_one_row_per_handover_with_its_mark():
    pdf = forms.render_control_slip(samples.control_slip())
    text = pdfcheck.text_of(pdf)
    assert "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ" in text
    assert "(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)" in text
    assert "Mẫu số 05 Thông tư 01/2018/TT-VPCP (Mẫu số 06 Thông tư 03/2025/TT-VPCP)" in text
    rows = [
        ("Giao: Trần Thị Bích Ngọc", "09:30, ngày 02/03/2026", "Đúng hạn"),
        ("Giao: Lê Minh Tâm", "10:00, ngày 03/03/2026", "Trước hạn"),
        ("Giao: Võ Thị Hạnh", "14:00, ngày 03/03/2026", "Trả lại: Thiếu thẩm định"),
        ("Nhận: Phạm Quốc Hùng", "09:00, ngày 05/03/2026", "Quá hạn"),
    ]
    position = 0
    for parts in rows:
        for part in parts:
            found = text.find(part, position)
            assert found >= 0, part
        position = text.find(parts[0], position) + 1
    pdfcheck.assert_only_embedded_fonts(pdf)


def test_control_slip_with_many_rows_spans_pages():
    row = forms.Handover("A, Sở Tư pháp", "B, Sở Tư pháp", vn(2026, 3, 2, 9, 30), forms.Mark.EARLY)
    pdf = forms.render_control_slip(samples.control_slip(rows=(row,) * 40))
    pages = pdfcheck.page_count(pdf)
    assert pages >= 2
    # 40 marks, plus the column heading "Trước hạn / đúng hạn / quá hạn" repeated on every page.
    assert pdfcheck.text_of(pdf).count("Trước hạn") == 40 + pages
