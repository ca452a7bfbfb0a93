"""The operations dashboard on a wall screen (1920 × 1080) and a phone (390 × 844), on a demo-like
province: a year of generated dossiers in seven departments and a dozen communes, ratings and online
payments. Screenshots go to build/screenshots/dashboard-wall.png and dashboard-phone.png to be looked at."""

from __future__ import annotations

import random
import re

import pytest
from django.core.cache import cache

from congso.catalog.choices import MucDo
from congso.catalog.models import AgencyProcedure, FeeLine
from congso.dossiers import services
from congso.dossiers.generator import Generator, make_applicants, offerings_for
from congso.dossiers.models import Dossier
from congso.dossiers.tests.conftest import make_khanh_hoa, make_procedure
from congso.feedback import services as feedback
from congso.identity import services as identity
from congso.identity.choices import AgencyKind, Role
from congso.payments import services as payments
from congso.payments.choices import AttemptState, Gateway
from congso.places.models import Commune
from tests.browser.conftest import SHOTS, serious_violations

pytestmark = pytest.mark.django_db(transaction=True)

WALL = {"width": 1920, "height": 1080}
PHONE = {"width": 390, "height": 844}
DEPARTMENTS = [
    ("000.00.10.H56", "Sở Tài chính", "Đầu tư"),
    ("000.00.11.H56", "Sở Xây dựng", "Xây dựng"),
    ("000.00.12.H56", "Sở Nông nghiệp và Môi trường", "Đất đai"),
    ("000.00.13.H56", "Sở Y tế", "Dược phẩm"),
    ("000.00.14.H56", "Sở Giáo dục và Đào tạo", "Giáo dục và Đào tạo"),
    ("000.00.15.H56", "Sở Văn hóa, Thể thao và Du lịch", "Du lịch"),
]
COMMUNES = [
    ("phuong", "Phường Bắc Nha Trang"),
    ("phuong", "Phường Cam Ranh"),
    ("phuong", "Phường Bắc Cam Ranh"),
    ("phuong", "Phường Phan Rang"),
    ("phuong", "Phường Đông Hải"),
    ("xa", "Xã Cam Lâm"),
    ("xa", "Xã Diên Khánh"),
    ("xa", "Xã Ninh Phước"),
    ("xa", "Xã Ninh Hải"),
    ("xa", "Xã Khánh Sơn"),
]


def demo_like_province():
    home = make_khanh_hoa()
    province, committee = home.province, home.committee
    procedures = [make_procedure("1.001622", field_name="Hộ tịch")]
    AgencyProcedure.objects.create(agency=home.justice, procedure=procedures[0], muc_do=MucDo.FULL)
    for i, (code, name, field_name) in enumerate(DEPARTMENTS):
        agency = identity.create_agency(
            actor=None, code=code, name=name, province=province, kind=AgencyKind.DEPARTMENT, parent=committee
        )
        procedure = make_procedure(f"1.00{i + 1}000", days=str(5 + 3 * i), field_name=field_name)
        procedures.append(procedure)
        AgencyProcedure.objects.create(
            agency=agency, procedure=procedure, muc_do=MucDo.FULL if i % 2 else MucDo.PARTIAL
        )
    commune_procedure = make_procedure("2.000815", days="3", field_name="Chứng thực")
    FeeLine.objects.create(
        version=commune_procedure.current_version,
        order=1,
        kind="le_phi",
        description="Lệ phí",
        amount_vnd=10000,
    )
    AgencyProcedure.objects.create(agency=home.commune, procedure=commune_procedure, muc_do=MucDo.FULL)
    for i, (kind, name) in enumerate(COMMUNES):
        commune = Commune.objects.create(
            era="current",
            code=f"22{i:03d}",
            name=name,
            short_name=name.split(" ", 1)[1],
            kind=kind,
            province=province,
        )
        agency = identity.create_agency(
            actor=None,
            code=f"000.{20 + i:02d}.31.H56",
            name=f"UBND {name[0].lower()}{name[1:]}",
            province=province,
            kind=AgencyKind.COMMUNE_COMMITTEE,
            parent=committee,
            commune=commune,
        )
        AgencyProcedure.objects.create(agency=agency, procedure=commune_procedure, muc_do=MucDo.PARTIAL)
    applicants = make_applicants(120, seed=5)
    Generator(province_code="56", offerings=offerings_for("56"), applicants=applicants, seed=11).run(
        1500, chunk=500
    )
    # A special zone with a handful of dossiers: too few to be ranked, however well it does.
    zone = Commune.objects.create(
        era="current",
        code="22999",
        name="Đặc khu Trường Sa",
        short_name="Trường Sa",
        kind="dac_khu",
        province=province,
    )
    small = identity.create_agency(
        actor=None,
        code="000.40.31.H56",
        name="UBND đặc khu Trường Sa",
        province=province,
        kind=AgencyKind.COMMUNE_COMMITTEE,
        parent=committee,
        commune=zone,
    )
    AgencyProcedure.objects.create(agency=small, procedure=commune_procedure)
    offering = [o for o in offerings_for("56") if o.agency.id == small.id]
    Generator(province_code="56", offerings=offering, applicants=applicants, seed=12, days_back=120).run(6)
    rate_and_pay(commune_procedure)
    admin = identity.create_officer(
        actor=None,
        agency=committee,
        username="quantri",
        full_name="Quản trị cấp tỉnh",
        roles=[Role.PROVINCE_ADMIN],
        password="x-Strong-Pass-1",
    )
    return home, admin


def rate_and_pay(commune_procedure) -> None:
    """Citizens rate four in ten returned dossiers; fee-bearing dossiers mostly pay online."""
    rng = random.Random(3)
    for dossier in Dossier.objects.filter(status=10).order_by("id"):
        if rng.random() < 0.4:
            feedback.rate_dossier(
                dossier_code=dossier.code,
                dossier_id=dossier.id,
                dossier_status=10,
                province_code="56",
                agency_id=dossier.agency_id,
                level=rng.choices([2, 1, 0], weights=[55, 35, 10])[0],
            )
    fee_bearing = Dossier.objects.filter(procedure_code=commune_procedure.code).order_by("id")[:60]
    for dossier in fee_bearing:
        obligation = payments.open_obligation(
            province_code="56",
            dossier_code=dossier.code,
            dossier_id=dossier.id,
            procedure_code=dossier.procedure_code,
            procedure_version_id=dossier.procedure_version_id,
        )
        if rng.random() < 0.7:
            attempt = payments.start_attempt(obligation_id=obligation.id, gateway=Gateway.DVCQG)
            payments.settle(
                reference=attempt.reference, status=AttemptState.SUCCESS, amount_vnd=attempt.amount_vnd
            )


def open_dashboard(browser, live_server, viewport, query=""):
    context = browser.new_context(viewport=viewport, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    # The page refreshes every 60 s; in the test one second stands for the minute, so the timer itself
    # (not only the function it calls) is shown to refresh the panels.
    context.add_init_script(
        "const realSetInterval = window.setInterval;"
        "window.setInterval = (fn, ms) => realSetInterval(fn, ms === 60000 ? 1000 : ms);"
    )
    page = context.new_page()
    page.goto(live_server.url + "/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill("quantri")
    page.get_by_label("Mật khẩu").fill("x-Strong-Pass-1")
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/mot-cua/"))
    page.goto(live_server.url + "/dieu-hanh/" + query)
    return context, page


def overflowing(page) -> list[str]:
    """Elements reaching past the viewport's right edge (what makes a phone scroll sideways), or []."""
    return page.evaluate(
        """() => document.documentElement.scrollWidth <= window.innerWidth ? [] :
        Array.from(document.querySelectorAll("body *"))
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
          .map(e => e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? "." + e.className : "")
               + " " + (e.textContent || "").trim().slice(0, 40))
          .slice(0, 10)"""
    )


def test_dashboard_on_a_wall_screen_and_a_phone(browser, live_server):
    home, _ = demo_like_province()
    SHOTS.mkdir(parents=True, exist_ok=True)

    wall_context, wall = open_dashboard(browser, live_server, WALL, "?ky=nam")
    assert wall.get_by_role("heading", name=re.compile("Điều hành")).is_visible()
    assert wall.get_by_role("heading", name=re.compile("Xếp hạng xã, phường, đặc khu")).is_visible()
    assert wall.get_by_text(re.compile("Chưa đủ số lượng để xếp hạng")).first.is_visible()
    assert overflowing(wall) == []
    wall.screenshot(path=str(SHOTS / "dashboard-wall.png"), full_page=True)
    assert serious_violations(wall) == []

    # The refresh: a dossier received now shows up, and the timestamp moves, without a reload.
    before = wall.locator(".ioc-updated time").get_attribute("datetime")
    received_today = int(wall.locator(".bignums dd").first.inner_text().replace(".", ""))
    wall.evaluate("window.__loadedAt = performance.timeOrigin")
    services.receive_at_counter(
        actor=None,
        agency=home.justice,
        procedure_code="1.001622",
        applicant=make_applicants(1, seed=99)[0],
    )
    cache.clear()  # the minute's cache would otherwise hold the figures until it expires
    wall.wait_for_function(
        "before => document.querySelector('.ioc-updated time').getAttribute('datetime') !== before",
        arg=before,
        timeout=10_000,
    )
    assert int(wall.locator(".bignums dd").first.inner_text().replace(".", "")) == received_today + 1
    assert wall.evaluate("window.__loadedAt === performance.timeOrigin")  # the same page, not a reload
    assert wall.locator(".ioc-stale-note").is_hidden()
    wall_context.close()

    phone_context, phone = open_dashboard(browser, live_server, PHONE, "?ky=nam")
    assert overflowing(phone) == []
    phone.screenshot(path=str(SHOTS / "dashboard-phone.png"), full_page=True)
    assert serious_violations(phone) == []
    # Every table opened: still no sideways scrolling, still accessible.
    phone.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")
    assert overflowing(phone) == []
    phone.screenshot(path=str(SHOTS / "dashboard-phone-tables.png"), full_page=True)
    assert serious_violations(phone) == []
    phone.goto(live_server.url + "/dieu-hanh/")  # this month: few dossiers, rankings still explained
    assert overflowing(phone) == []
    phone_context.close()
