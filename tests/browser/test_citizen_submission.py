# ruff: noqa: F811 — pytest fixtures imported from other test modules are redefined as parameters
"""A citizen registers, signs in, submits a dossier online with a real PDF and a PNG, gets the
receipt; an officer accepts it and asks for one more paper; the citizen sees the request and sends
it; the officer receives it — in a real browser on a phone and a desktop, with axe-core checks."""

from __future__ import annotations

import re

import pytest

from congso.dossiers import services
from congso.dossiers.choices import Status
from congso.dossiers.models import Dossier
from congso.dossiers.tests.test_citizen import COMPONENTS, PDF, PNG, procedure, var_dir  # noqa: F401
from congso.identity.choices import Role
from tests.browser.conftest import serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)

ID = "056090001234"
PASSWORD = "Nop-ho-so-2026"
ITEM = "Bản sao giấy khai sinh của trẻ"


def test_register_submit_and_answer_a_supplement(page, world, procedure, var_dir):
    to_khai, anh = var_dir / "to-khai.pdf", var_dir / "anh-chan-dung.png"
    to_khai.write_bytes(PDF)
    anh.write_bytes(PNG)

    page.goto(page.base + "/tai-khoan/dang-ky/")
    assert serious_violations(page) == []
    page.fill("#id_full_name", "Nguyễn Văn An")
    page.fill("#id_id_number", ID)
    page.fill("#id_phone", "0905123456")
    page.fill("#id_email", "an@example.vn")
    page.fill("#id_password", PASSWORD)
    page.fill("#id_password_again", PASSWORD)
    shot(page, "20-register")
    page.get_by_role("button", name="Đăng ký").click()
    page.wait_for_url(re.compile("/tai-khoan/$"))
    assert ID in page.content()
    assert serious_violations(page) == []
    page.get_by_role("button", name="Đăng xuất").click()
    page.wait_for_url(page.base + "/")

    page.goto(page.base + "/tai-khoan/dang-nhap/?next=/nop-ho-so/1.001622/")
    page.fill("#id_id_number", ID)
    page.fill("#id_password", PASSWORD)
    shot(page, "21-sign-in")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile("/nop-ho-so/1.001622/"))
    assert page.get_by_label(COMPONENTS[0]).is_visible()
    page.set_input_files("#id_tep_1", str(to_khai))
    page.set_input_files("#id_tep_2", str(anh))
    page.fill("#id_summary", "Đề nghị hỗ trợ ăn trưa cho con")
    shot(page, "22-submit-form")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Nộp hồ sơ").click()
    page.wait_for_url(re.compile("/da-nop/$"))
    dossier = Dossier.objects.get()
    assert dossier.status == Status.SUBMITTED and dossier.code in page.content()
    assert "to-khai.pdf" in page.content() and "anh-chan-dung.png" in page.content()
    shot(page, "23-submitted")
    assert serious_violations(page) == []
    pdf = page.request.get(page.base + f"/ho-so-cua-toi/{dossier.code}/giay-xac-nhan.pdf")
    assert pdf.ok and pdf.body().startswith(b"%PDF-")

    clerk = world.officers[Role.RECEIVING_OFFICER].user
    services.act(actor=clerk, code=dossier.code, action="accept")
    services.act(
        actor=clerk,
        code=dossier.code,
        action="request_supplement",
        reason="Thiếu giấy khai sinh",
        items=[ITEM],
    )

    page.get_by_role("link", name="Hồ sơ của tôi").first.click()
    page.wait_for_url(re.compile("/ho-so-cua-toi/$"))
    assert "Yêu cầu bổ sung giấy tờ" in page.content()
    shot(page, "24-my-dossiers")
    assert serious_violations(page) == []
    page.get_by_role("link", name=dossier.code).click()
    assert page.get_by_role("heading", name="Yêu cầu bổ sung hồ sơ").is_visible()
    assert ITEM in page.content()
    shot(page, "25-supplement-request")
    assert serious_violations(page) == []
    page.set_input_files("#id_bs_0", str(to_khai))
    page.get_by_role("button", name="Gửi hồ sơ bổ sung").click()
    page.wait_for_url(re.compile(r"\?da_gui=1$"))
    assert "Đã gửi hồ sơ bổ sung" in page.content()
    shot(page, "26-supplement-sent")
    assert serious_violations(page) == []

    services.act(actor=clerk, code=dossier.code, action="receive_supplement")
    page.reload()
    assert "Được tiếp nhận" in page.content() and "Bổ sung" in page.content()
