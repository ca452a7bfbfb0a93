"""Plain form data for the documents tests: a receipt, a supplement request, a refusal, an apology and
a control slip of one dossier at the Department of Justice of Khánh Hòa (no database needed)."""

from __future__ import annotations

from congso.core.clock import vn
from congso.documents import forms

CODE = "000.00.16.H56-260302-0001"
URL = f"http://127.0.0.1:8000/tra-cuu/{CODE}"
ONE_STOP = forms.Issuer(name="Bộ phận Một cửa", parent="Sở Tư pháp", place="Khánh Hòa")
AGENCY = forms.Issuer(name="Sở Tư pháp", parent="UBND tỉnh Khánh Hòa", place="Khánh Hòa")
UNIT = "Bộ phận Một cửa, Sở Tư pháp"
PROCEDURE = "Hỗ trợ ăn trưa đối với trẻ em mẫu giáo"
PERSON = forms.Party(
    full_name="Nguyễn Văn An",
    id_number="056090001234",
    address="12 Trần Phú, phường Nha Trang, tỉnh Khánh Hòa",
    phone="0905123456",
    email="an.nguyen@example.vn",
)


def receipt(**changes) -> forms.Receipt:
    data = forms.Receipt(
        issuer=ONE_STOP,
        code=CODE,
        receiving_unit=UNIT,
        applicant=PERSON,
        procedure_name=PROCEDURE,
        procedure_code="1.001622",
        channel="Trực tiếp",
        received_at=vn(2026, 3, 2, 9, 0),
        due_at=vn(2026, 3, 9, 9, 0),
        limit_text="5 ngày làm việc",
        documents=(
            forms.ReceivedDocument("Tờ khai đề nghị hỗ trợ ăn trưa", "Bản chính", "01"),
            forms.ReceivedDocument(
                "Giấy chứng nhận nuôi con nuôi", "Bản sao", "01", case="Trẻ em không có nguồn nuôi dưỡng"
            ),
            forms.ReceivedDocument("Giấy xác nhận hộ nghèo", "Bản sao", "01", case="Hộ nghèo, cận nghèo"),
        ),
        pickup_place=UNIT,
        officer_name="Trần Thị Bích Ngọc",
        lookup_url=URL,
    )
    return _replace(data, changes)


def supplement(**changes) -> forms.SupplementRequest:
    data = forms.SupplementRequest(
        issuer=ONE_STOP,
        code=CODE,
        unit=UNIT,
        applicant=PERSON,
        procedure_name=PROCEDURE,
        submitted_at=vn(2026, 3, 2, 9, 0),
        requested_at=vn(2026, 3, 3, 9, 0),
        items=("Bản sao Giấy khai sinh của trẻ", "Giấy xác nhận hộ nghèo năm 2026"),
        reason="Hồ sơ thiếu giấy tờ chứng minh đối tượng được hỗ trợ",
        officer_name="Lê Minh Tâm",
        allowed_days=5,
        deadline=vn(2026, 3, 10, 9, 0),
    )
    return _replace(data, changes)


def refusal(**changes) -> forms.Refusal:
    data = forms.Refusal(
        issuer=ONE_STOP,
        code=CODE,
        unit=UNIT,
        applicant=PERSON,
        procedure_name=PROCEDURE,
        submitted_at=vn(2026, 3, 7, 21, 0),
        refused_at=vn(2026, 3, 9, 8, 0),
        reason="Thủ tục thuộc thẩm quyền của UBND cấp xã nơi trẻ đang học",
        officer_name="Trần Thị Bích Ngọc",
    )
    return _replace(data, changes)


def apology(**changes) -> forms.ApologyLetter:
    data = forms.ApologyLetter(
        issuer=AGENCY,
        code=CODE,
        agency_name="Sở Tư pháp",
        applicant=PERSON,
        procedure_name=PROCEDURE,
        received_at=vn(2026, 3, 2, 9, 0),
        limit_text="5 ngày làm việc",
        due_at=vn(2026, 3, 9, 9, 0),
        new_due_at=vn(2026, 3, 13, 14, 0),
        reason="Cần xác minh thêm với UBND phường Nha Trang",
        created_at=vn(2026, 3, 5, 10, 0),
        signer_name="Phạm Quốc Hùng",
    )
    return _replace(data, changes)


def control_slip(**changes) -> forms.ControlSlip:
    give = "Trần Thị Bích Ngọc, Bộ phận Một cửa"
    specialist = "Lê Minh Tâm, Phòng Hành chính tư pháp"
    head = "Võ Thị Hạnh, Phòng Hành chính tư pháp"
    data = forms.ControlSlip(
        issuer=ONE_STOP,
        code=CODE,
        applicant_name=PERSON.full_name,
        procedure_name=PROCEDURE,
        handling_agency="Sở Tư pháp",
        received_at=vn(2026, 3, 2, 9, 0),
        due_at=vn(2026, 3, 9, 9, 0),
        rows=(
            forms.Handover(give, specialist, vn(2026, 3, 2, 9, 30), forms.Mark.ON_TIME),
            forms.Handover(specialist, head, vn(2026, 3, 3, 10, 0), forms.Mark.EARLY),
            forms.Handover(head, specialist, vn(2026, 3, 3, 14, 0), None, "Trả lại: Thiếu thẩm định"),
            forms.Handover(head, "Phạm Quốc Hùng, Sở Tư pháp", vn(2026, 3, 5, 9, 0), forms.Mark.LATE),
        ),
    )
    return _replace(data, changes)


def _replace(data, changes):
    from dataclasses import replace

    return replace(data, **changes) if changes else data
