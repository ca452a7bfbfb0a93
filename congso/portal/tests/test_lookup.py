"""Public lookup: the code and the phone or identity number together, and nothing for a code alone."""

from __future__ import annotations

import pytest
import time_machine

from congso.core.clock import vn
from congso.dossiers import services
from congso.identity.choices import Role


@pytest.fixture
def dossier(world, applicant):
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        return services.receive_at_counter(
            actor=world.officers[Role.RECEIVING_OFFICER].user,
            agency=world.justice,
            procedure_code="1.001622",
            applicant=applicant,
        )


def test_code_with_phone_or_id_shows_progress(client, dossier):
    page = client.get(f"/tra-cuu/{dossier.code}/")
    assert page.status_code == 200 and dossier.code in page.text and "Nguyễn Văn An" not in page.text
    by_phone = client.post("/tra-cuu/", {"code": dossier.code.lower(), "secret": "0905 123 456"})
    assert "Được tiếp nhận" in by_phone.text and "09:00 09/03/2026" in by_phone.text
    by_id = client.post("/tra-cuu/", {"code": dossier.code, "secret": "056090001234"})
    assert "Sở Tư pháp" in by_id.text


def test_a_wrong_phone_reveals_nothing_and_guessing_is_throttled(client, dossier):
    wrong = client.post("/tra-cuu/", {"code": dossier.code, "secret": "0909999999"})
    assert "Không tìm thấy hồ sơ" in wrong.text and "Sở Tư pháp" not in wrong.text
    missing = client.post("/tra-cuu/", {"code": "000.00.16.H56-260302-9999", "secret": "0909999999"})
    assert "Không tìm thấy hồ sơ" in missing.text  # same answer as a wrong phone
    for _ in range(10):
        client.post("/tra-cuu/", {"code": dossier.code, "secret": "0909999999"})
    locked = client.post("/tra-cuu/", {"code": dossier.code, "secret": "0905123456"})
    assert "sai quá nhiều lần" in locked.text and "Sở Tư pháp" not in locked.text


def test_junk_input_never_errors(client, db):
    for data in ({"code": "x" * 5000, "secret": "1"}, {"code": "😀", "secret": "😀😀"}, {}):
        assert client.post("/tra-cuu/", data).status_code == 200


def test_procedure_page_shows_what_to_bring(client, world):
    from congso.catalog.models import FeeLine, RequiredDocument

    version = world.procedure.current_version
    RequiredDocument.objects.create(
        version=version, order=1, name="Tờ khai đề nghị", group="Trường hợp thông thường"
    )
    FeeLine.objects.create(
        version=version, order=1, kind="le_phi", description="Lệ phí cấp giấy", amount_vnd=50000
    )
    page = client.get("/thu-tuc/1.001622/")
    assert page.status_code == 200
    assert "Tờ khai đề nghị" in page.text and "50.000 đ" in page.text and "5 ngày làm việc" in page.text
    assert client.get("/thu-tuc/9.999999/").status_code == 404
