"""The operations dashboard page (/dieu-hanh/) and its refresh fragment (/dieu-hanh/khoi/): who sees
which figures (role matrix), the period picker, bad input, caching and the fragment contract."""

from __future__ import annotations

import pytest
import time_machine

from congso.catalog.models import AgencyProcedure
from congso.core.clock import vn
from congso.dossiers import services
from congso.dossiers.tests.conftest import make_officer
from congso.identity import services as identity
from congso.identity.choices import Role
from congso.identity.models import User
from congso.statistics import dashboard

NOW = vn(2026, 3, 11, 15, 30)
PAGE, PANELS = "/dieu-hanh/", "/dieu-hanh/khoi/"


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def figures(world, applicant):
    """Today at the Department of Justice: two received at the counter, one of them finished; one dossier
    received last week and now overdue; one in Gia Lai, which no Khánh Hòa page may show."""
    clerk = world.officers[Role.RECEIVING_OFFICER].user

    def receive(agency, when, actor=clerk):
        with time_machine.travel(when, tick=False):
            return services.receive_at_counter(
                actor=actor, agency=agency, procedure_code="1.001622", applicant=applicant
            )

    receive(world.justice, vn(2026, 3, 2, 9, 0))  # due 09/03: overdue now
    receive(world.justice, vn(2026, 3, 11, 8, 0))
    done = receive(world.justice, vn(2026, 3, 11, 9, 0))
    with time_machine.travel(vn(2026, 3, 11, 10, 0), tick=False):
        services.act(actor=None, code=done.code, action="finish")
    AgencyProcedure.objects.create(agency=world.other_province_agency, procedure=world.procedure)
    receive(world.other_province_agency, vn(2026, 3, 11, 9, 0), actor=world.outsider.user)
    return world


officer = make_officer


def big(page: str, label: str) -> str:
    """The big number printed under a label of the 'today' panel."""
    start = page.index(f"<dt>{label}</dt><dd>") + len(f"<dt>{label}</dt><dd>")
    return page[start : page.index("</dd>", start)]


def test_anonymous_users_are_sent_to_sign_in_and_citizens_refused(client, world):
    for url in (PAGE, PANELS):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")
    client.force_login(User.objects.create_user("congdan", password="x"))
    assert client.get(PAGE).status_code == 403
    assert client.get(PANELS).status_code == 403


@pytest.mark.parametrize(
    ("who", "heading", "province_wide"),
    [
        ("province_admin", "Tỉnh Khánh Hòa", True),
        ("committee_leader", "Tỉnh Khánh Hòa", True),
        ("committee_statistics", "Tỉnh Khánh Hòa", True),
        (Role.LEADER, "Sở Tư pháp", False),
        (Role.SPECIALIST, "Sở Tư pháp", False),
        (Role.RECEIVING_OFFICER, "Sở Tư pháp", False),
    ],
)
def test_role_matrix(client, figures, who, heading, province_wide):
    w = figures
    user = {
        "province_admin": lambda: w.officers[Role.PROVINCE_ADMIN].user,
        "committee_leader": lambda: officer("ld_ubnd", w.justice.parent, Role.LEADER),
        "committee_statistics": lambda: officer("tk_ubnd", w.justice.parent, Role.STATISTICS_VIEWER),
    }.get(who, lambda: w.officers[who].user)()
    client.force_login(user)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert f'<span class="ioc-scope">{heading}</span>' in page.text
    assert ("Xếp hạng cơ quan, đơn vị" in page.text) is province_wide
    assert ("Mục tiêu chuyển đổi số 2025, 2030" in page.text) is province_wide
    # Khánh Hòa's figures: received today 2 (the Gia Lai dossier is never counted), 1 finished, 1 overdue.
    assert (big(page.text, "Tiếp nhận"), big(page.text, "Đã giải quyết"), big(page.text, "Đang quá hạn")) == (
        "2",
        "1",
        "1",
    )


def test_an_officer_cannot_open_the_province_or_another_agency(client, figures):
    client.force_login(figures.officers[Role.SPECIALIST].user)
    for unit in ("tinh-56", figures.commune.code, figures.other_province_agency.code, "tinh-52"):
        refused = client.get(PAGE, {"don_vi": unit})
        assert refused.status_code == 403 and "Không có quyền xem số liệu của đơn vị này" in refused.text
        assert client.get(PANELS, {"don_vi": unit}).status_code == 403


def test_another_provinces_administrator_sees_only_their_province(client, figures):
    client.force_login(figures.outsider.user)
    page = client.get(PAGE)
    assert page.status_code == 200 and '<span class="ioc-scope">Tỉnh Gia Lai</span>' in page.text
    assert big(page.text, "Tiếp nhận") == "1"
    assert client.get(PAGE, {"don_vi": "tinh-56"}).status_code == 403


def test_an_officer_of_two_agencies_picks_one(client, figures):
    w = figures
    user = w.officers[Role.SPECIALIST].user
    identity.grant_role(actor=None, officer=user.officer, agency=w.commune, role=Role.LEADER)
    client.force_login(user)
    page = client.get(PAGE, {"don_vi": w.commune.code})
    assert page.status_code == 200 and f'<span class="ioc-scope">{w.commune.name}</span>' in page.text
    assert f'<option value="{w.justice.code}">Sở Tư pháp</option>' in page.text
    assert big(page.text, "Tiếp nhận") == "0"


def test_period_picker_and_a_bad_period(client, figures):
    client.force_login(figures.officers[Role.PROVINCE_ADMIN].user)
    assert "Quý 1/2026" in client.get(PAGE, {"ky": "quy"}).text
    assert "Năm 2026" in client.get(PAGE, {"ky": "nam"}).text
    bad = client.get(PAGE, {"ky": "<tuan>"})
    assert bad.status_code == 200
    assert "Kỳ “&lt;tuan&gt;” không hợp lệ; đang hiển thị số liệu tháng này." in bad.text
    assert "Tháng 03/2026" in bad.text


def test_the_page_shows_vietnamese_formats_and_accessible_charts(client, figures):
    client.force_login(figures.officers[Role.PROVINCE_ADMIN].user)
    page = client.get(PAGE).text
    assert 'Cập nhật lúc <time datetime="2026-03-11T15:30:00+07:00">15:30 11/03/2026</time>' in page
    assert "100,00%" in page  # the one dossier resolved in March was on time
    assert page.count('role="img"') >= 4 and "<title id=" in page
    assert 'data-refresh-url="/dieu-hanh/khoi/?ky=thang&amp;don_vi=tinh-56"' in page
    assert "backoffice/dashboard.js" in page and "backoffice/dashboard.css" in page
    assert '<a href="/dieu-hanh/">Điều hành</a>' in page


def test_the_fragment_is_marked_and_carries_the_timestamp(client, figures):
    client.force_login(figures.officers[Role.PROVINCE_ADMIN].user)
    fragment = client.get(PANELS, {"ky": "thang", "don_vi": "tinh-56"})
    assert fragment.status_code == 200 and fragment["X-Congso-Fragment"] == "ioc"
    assert fragment["Cache-Control"] == "no-store"
    assert "<html" not in fragment.text and '<time datetime="2026-03-11T15:30:00+07:00">' in fragment.text


def test_figures_are_cached_for_a_minute_per_scope_and_period(client, figures, monkeypatch):
    calls = []
    real = dashboard.board
    monkeypatch.setattr(dashboard, "board", lambda *a: calls.append(a[0].key) or real(*a))
    client.force_login(figures.officers[Role.PROVINCE_ADMIN].user)
    client.get(PAGE)
    client.get(PANELS, {"don_vi": "tinh-56"})
    assert calls == ["tinh-56"]
    client.get(PAGE, {"ky": "nam"})
    assert calls == ["tinh-56", "tinh-56"]
    with time_machine.travel(vn(2026, 3, 11, 15, 31, 1), tick=False):
        page = client.get(PAGE)
    assert len(calls) == 3 and "15:31 11/03/2026" in page.text


def test_a_broken_form06_shows_a_message_not_a_500(client, figures, monkeypatch):
    from congso.statistics import form06

    def broken(*args, **kwargs):
        raise form06.IdentityError("Mẫu 06 sai đẳng thức")

    monkeypatch.setattr(dashboard, "board", broken)
    client.force_login(figures.officers[Role.PROVINCE_ADMIN].user)
    page = client.get(PAGE)
    assert page.status_code == 200 and "không cân đối" in page.text


def test_a_screen_waits_for_the_one_computing_then_computes_itself_if_it_never_finishes(
    client, figures, monkeypatch
):
    from django.core.cache import cache

    from congso.backoffice import dashboard_views

    monkeypatch.setattr(dashboard_views, "LOCK_SECONDS", 0.3)
    monkeypatch.setattr(dashboard_views, "WAIT_STEP", 0.1)
    lock = "congso:ioc:tinh-56:2026-03-01:2026-03-31:2026-03-11:lock"
    cache.add(lock, 1, 60)  # another request is computing these figures (and never finishes)
    client.force_login(figures.officers[Role.PROVINCE_ADMIN].user)
    page = client.get(PAGE)
    assert page.status_code == 200 and big(page.text, "Tiếp nhận") == "2"
    assert cache.get(lock) == 1  # the waiter does not release a lock it does not hold
