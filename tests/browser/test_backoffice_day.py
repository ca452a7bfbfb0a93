"""A full day at the one-stop counter, in a real browser at phone and desktop size: receive at the counter,
process through every step, request and receive a supplement, approve, return — and look at it."""

from __future__ import annotations

import re

import pytest

from congso.catalog.models import RequiredDocument
from congso.dossiers.models import Dossier
from congso.identity.choices import Role
from tests.browser.conftest import serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, username):
    page.context.clear_cookies()
    page.goto(page.base + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill("x-Strong-Pass-1")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/mot-cua/"))


def act(page, action_label, fields=(), upload=None):
    page.get_by_text(action_label, exact=True).first.click()  # opens the <details>
    form = page.locator("details[open] form")
    for label, value in fields:
        form.get_by_label(label).fill(value)
    if upload is not None:
        form.locator("input[type=file]").set_input_files(str(upload))
    form.get_by_role("button", name=action_label).click()
    page.wait_for_load_state()


def test_full_day_of_work(page, world, settings, tmp_path):
    from congso.documents import forms as pdf_forms
    from congso.documents.tests import samples

    settings.VAR_DIR = tmp_path  # the demo PKI and the signed result live in a temporary store
    result_pdf = tmp_path / "ket-qua.pdf"
    result_pdf.write_bytes(pdf_forms.render_receipt(samples.receipt()))
    officers = world.officers
    version = world.procedure.current_version
    for i, name in enumerate(["Tờ khai đề nghị hỗ trợ", "Bản sao giấy khai sinh của trẻ"], start=1):
        RequiredDocument.objects.create(version=version, order=i, name=name)

    sign_in(page, officers[Role.RECEIVING_OFFICER].user.username)
    shot(page, "01-inbox")
    assert serious_violations(page) == []
    page.get_by_role("link", name="Tiếp nhận tại quầy").click()
    page.get_by_label(re.compile("Thủ tục hành chính")).fill("1.001622")
    page.get_by_role("button", name="Tiếp tục").click()
    page.get_by_label("Số định danh / mã số thuế").fill("056090001234")
    page.get_by_label("Họ tên người nộp / tên tổ chức").fill("Phạm Thị Lan")
    page.get_by_label("Số điện thoại").fill("0905123456")
    page.get_by_label("Tờ khai đề nghị hỗ trợ").check()
    page.get_by_label("Bản sao giấy khai sinh của trẻ").check()
    shot(page, "02-intake")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Tiếp nhận và tính ngày hẹn trả").click()
    page.wait_for_url(re.compile(r"/mot-cua/ho-so/"))
    code = Dossier.objects.get().code
    assert page.get_by_role("heading", name=f"Hồ sơ {code}").is_visible()
    shot(page, "03-received")
    assert serious_violations(page) == []
    act(page, "Chuyển bước tiếp theo")

    sign_in(page, officers[Role.SPECIALIST].user.username)
    page.get_by_role("link", name=code).click()
    act(
        page,
        "Yêu cầu bổ sung hồ sơ",
        [
            ("Lý do / nội dung", "Bản sao giấy khai sinh không rõ"),
            (re.compile("Giấy tờ cần bổ sung"), "Bản sao giấy khai sinh có chứng thực"),
        ],
    )
    assert "Yêu cầu bổ sung giấy tờ" in page.content()

    sign_in(page, officers[Role.RECEIVING_OFFICER].user.username)
    page.goto(page.base + "/mot-cua/?hang=cho_bo_sung")
    page.get_by_role("link", name=code).click()
    act(page, "Đã nhận hồ sơ bổ sung")

    sign_in(page, officers[Role.SPECIALIST].user.username)
    page.get_by_role("link", name=code).click()
    act(page, "Chuyển bước tiếp theo")
    sign_in(page, officers[Role.HEAD_OF_DIVISION].user.username)
    page.get_by_role("link", name=code).click()
    act(page, "Chuyển bước tiếp theo")
    sign_in(page, officers[Role.LEADER].user.username)
    page.get_by_role("link", name=code).click()
    act(page, "Phê duyệt, kết thúc xử lý", upload=result_pdf)
    page.get_by_role("link", name=re.compile("Xem và xác thực chữ ký")).click()
    assert "Chữ ký số hợp lệ" in page.content()
    shot(page, "05-signature-verified")
    assert serious_violations(page) == []
    sign_in(page, officers[Role.RECEIVING_OFFICER].user.username)
    page.goto(page.base + "/mot-cua/?hang=cho_tra")
    page.get_by_role("link", name=code).click()
    act(page, "Trả kết quả")
    assert page.get_by_role("status").first.inner_text().startswith("Đã thực hiện: Trả kết quả")
    shot(page, "04-returned")
    dossier = Dossier.objects.get()
    assert dossier.status == 10
    assert [e.action for e in dossier.events.order_by("seq")] == [
        "receive",
        "assign",
        "request_supplement",
        "receive_supplement",
        "assign",  # back in status 2 after the supplement (restart), the specialist hands to the head
        "forward",
        "finish",
        "return_result",
    ]
