"""A citizen on a phone types the everyday way, picks a suggestion, reads the procedure page, and looks
up their dossier — in a real browser, with axe-core checking accessibility."""

from __future__ import annotations

import re

import pytest
import time_machine

from congso.catalog.models import AgencyProcedure, Procedure
from congso.catalog.search import invalidate
from congso.catalog.services import import_procedures
from congso.core.clock import vn
from congso.dossiers import services
from congso.identity.choices import Role
from tests.browser.conftest import serious_violations, shot

pytestmark = pytest.mark.django_db(transaction=True)

LINES = [
    '{"code": "1.001193", "name": "Thủ tục đăng ký khai sinh", "field": "Hộ tịch", "level": ["xa"], '
    '"documents": ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"], "processing_time_text": "03 ngày làm việc", '
    '"fee_text": "Miễn lệ phí"}',
    '{"code": "1.004222", "name": "Thủ tục đăng ký thường trú", "field": "Đăng ký, quản lý cư trú", "level": ["xa"], '
    '"documents": ["Tờ khai thay đổi thông tin cư trú"]}',
]


def test_search_suggest_procedure_and_lookup(page, world, applicant):
    import_procedures(LINES, source_name="browser-test")
    invalidate()
    AgencyProcedure.objects.create(agency=world.justice, procedure=Procedure.objects.get(code="1.001193"))
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        dossier = services.receive_at_counter(
            actor=world.officers[Role.RECEIVING_OFFICER].user,
            agency=world.justice,
            procedure_code="1.001193",
            applicant=applicant,
        )
    page.goto(page.base + "/")
    box = page.get_by_label("Bạn cần làm thủ tục gì?")
    box.press_sequentially("khai sinh", delay=30)
    page.wait_for_function("document.querySelectorAll('#goi-y option').length > 0", timeout=5000)
    assert "Thủ tục đăng ký khai sinh" in page.locator("#goi-y option").first.get_attribute("value")
    shot(page, "10-home-search")
    assert serious_violations(page) == []
    box.fill("lam giay khai sinh cho con")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Thủ tục đăng ký khai sinh").click()
    page.wait_for_url(re.compile("/thu-tuc/1.001193/"))
    assert page.get_by_role("heading", name="Thủ tục đăng ký khai sinh").is_visible()
    assert "Giấy chứng sinh" in page.content()
    shot(page, "11-procedure")
    assert serious_violations(page) == []
    page.goto(page.base + f"/tra-cuu/{dossier.code}/")
    page.get_by_label("Số điện thoại hoặc số định danh của người nộp").fill("0905123456")
    page.get_by_role("button", name="Tra cứu").click()
    assert "Được tiếp nhận" in page.content()
    shot(page, "12-lookup")
    assert serious_violations(page) == []
    invalidate()
