"""The end of a citizen's journey in a real browser: look the dossier up, pay the fee through the
(fake) national payment platform, get the e-receipt, and rate the service once the result is returned.
Also weighs every citizen page (issue 4: under 200 KB before images) and writes the figures down."""

from __future__ import annotations

import json
import re

import pytest
import time_machine

from congso.catalog.models import FeeLine
from congso.core.clock import vn
from congso.dossiers import services
from congso.identity.choices import Role
from tests.browser.conftest import SHOTS, serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)
BUDGET = 200 * 1024


def weigh(page, url: str) -> int:
    """Bytes of the document and everything it loads, images excluded."""
    sizes: list[int] = []

    def on_response(response):
        if response.request.resource_type != "image":
            try:
                sizes.append(len(response.body()))
            except Exception:  # redirects have no body
                sizes.append(0)

    page.on("response", on_response)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.remove_listener("response", on_response)
    return sum(sizes)


def test_lookup_pay_receipt_and_rate(page, world, applicant, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    FeeLine.objects.create(
        version=world.procedure.current_version,
        order=1,
        kind="le_phi",
        description="Lệ phí cấp giấy",
        amount_vnd=50000,
    )
    officers = world.officers
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        dossier = services.receive_at_counter(
            actor=officers[Role.RECEIVING_OFFICER].user,
            agency=world.justice,
            procedure_code="1.001622",
            applicant=applicant,
        )
    page.goto(page.base + f"/tra-cuu/{dossier.code}/")
    page.get_by_label("Số điện thoại hoặc số định danh của người nộp").fill("0905123456")
    page.get_by_role("button", name="Tra cứu").click()
    page.get_by_role("link", name="Phí, lệ phí và thanh toán").click()
    assert "50.000 đ" in page.content()
    shot(page, "30-fees")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Thanh toán trực tuyến").click()
    page.wait_for_url(re.compile("/thanh-toan/gia-lap/"))
    shot(page, "31-fake-gateway")
    page.get_by_role("button", name="Thanh toán thành công").click()
    page.wait_for_load_state()
    assert "thành công" in page.content().lower()
    shot(page, "32-paid")
    assert serious_violations(page) == []

    code = dossier.code
    for role, action in [
        (Role.RECEIVING_OFFICER, "forward"),
        (Role.SPECIALIST, "forward"),
        (Role.HEAD_OF_DIVISION, "forward"),
        (Role.LEADER, "finish"),
        (Role.RECEIVING_OFFICER, "return_result"),
    ]:
        services.act(actor=officers[role].user, code=code, action=action)
    page.goto(page.base + f"/tra-cuu/{code}/")
    page.get_by_label("Số điện thoại hoặc số định danh của người nộp").fill("0905123456")
    page.get_by_role("button", name="Tra cứu").click()
    page.get_by_role("link", name="Đánh giá mức độ hài lòng").click()
    page.get_by_label(re.compile("RẤT HÀI LÒNG")).check()
    shot(page, "33-rating")
    assert serious_violations(page) == []
    page.get_by_role("button", name="Gửi đánh giá").click()
    page.wait_for_load_state()
    assert "cảm ơn" in page.content().lower()

    weights = {
        name: weigh(page, page.base + path)
        for name, path in [
            ("trang chủ", "/"),
            ("tìm kiếm", "/tim-kiem/?q=khai+sinh"),
            ("thủ tục", "/thu-tuc/1.001622/"),
            ("tra cứu", "/tra-cuu/"),
            ("đăng ký", "/tai-khoan/dang-ky/"),
            ("đăng nhập", "/tai-khoan/dang-nhap/"),
        ]
    }
    SHOTS.mkdir(parents=True, exist_ok=True)
    (SHOTS / f"page-weights-{page.size_name}.json").write_text(
        json.dumps(weights, ensure_ascii=False, indent=1)
    )
    assert all(0 < size < BUDGET for size in weights.values()), weights
