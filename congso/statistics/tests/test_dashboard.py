"""The operations dashboard's read model on small hand-built provinces: every expected figure below is
counted by hand from the dossiers each test builds through the real services at frozen moments."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured

from congso.catalog.choices import MucDo
from congso.catalog.models import AgencyProcedure, FeeLine, Procedure
from congso.core.clock import vn
from congso.core.errors import InvalidInput
from congso.dossiers.tests.conftest import make_officer
from congso.feedback import services as feedback
from congso.identity import services as identity
from congso.identity.choices import AgencyKind, Role
from congso.payments import services as payments
from congso.payments.choices import AttemptState, Gateway
from congso.places.models import Commune
from congso.statistics import charts, dashboard, selectors
from congso.statistics.periods import Period
from congso.statistics.tests.conftest import WEEK, build_week, counter, do, online, supplement

NOW = vn(2026, 3, 11, 16, 0)  # Wednesday afternoon
MARCH = Period.month(2026, 3)


@pytest.fixture
def week(province):
    """The statistics week (conftest.build_week) for this test alone: the module shares no transaction."""
    return build_week(province)


def province_scope(p) -> dashboard.Scope:
    return dashboard.Scope("56", p.province.name)


def agency_scope(agency) -> dashboard.Scope:
    return dashboard.Scope("56", agency.name, agency)


def commune_committee(p, code: str, name: str, commune: Commune | None = None):
    agency = identity.create_agency(
        actor=None,
        code=code,
        name=name,
        province=p.province,
        kind=AgencyKind.COMMUNE_COMMITTEE,
        parent=p.committee,
        commune=commune,
    )
    AgencyProcedure.objects.create(agency=agency, procedure=Procedure.objects.get(code="1.001622"))
    return agency


# --- today ---------------------------------------------------------------------------------------------


@pytest.fixture
def wednesday(province):
    """A Wednesday at the counters (procedure of 5 working days: received Monday 02/03 → due 09/03)."""
    p, d = province, province.dossiers
    d["overdue"] = do(counter(p, vn(2026, 3, 2, 9, 0)), "forward", vn(2026, 3, 3, 9, 0))
    d["paused"] = supplement(counter(p, vn(2026, 3, 2, 10, 0)), vn(2026, 3, 3, 9, 0))  # past due, paused
    d["counter_today"] = counter(p, vn(2026, 3, 11, 8, 0))
    d["post_today"] = counter(p, vn(2026, 3, 11, 9, 0), channel=3)
    d["online_today"] = do(online(p, vn(2026, 3, 10, 20, 0)), "accept", vn(2026, 3, 11, 8, 30))
    d["awaiting"] = online(p, vn(2026, 3, 11, 10, 0))  # submitted, not accepted yet
    d["finished_today"] = do(counter(p, vn(2026, 3, 5, 9, 0)), "finish", vn(2026, 3, 11, 10, 0))
    withdrawn = do(counter(p, vn(2026, 3, 5, 10, 0)), "withdraw", vn(2026, 3, 10, 9, 0), reason="Rút hồ sơ")
    d["withdrawn_yesterday"] = do(withdrawn, "finish", vn(2026, 3, 11, 9, 0), reason="Văn bản trả hồ sơ")
    d["commune_today"] = counter(p, vn(2026, 3, 11, 9, 30), agency=p.commune)
    d["yesterday"] = counter(p, vn(2026, 3, 10, 9, 0))
    return p


def test_today_counts_intake_by_channel_resolutions_and_what_is_overdue_now(wednesday):
    t = dashboard.today(province_scope(wednesday), NOW)
    assert t.day == date(2026, 3, 11)
    assert t.received_by_channel == [("Trực tiếp", 2), ("Trực tuyến", 1), ("Dịch vụ bưu chính", 1)]
    assert t.received == 4
    # Finished today counts; withdrawn yesterday (NgayKetThucXuLy yesterday) and finished today does not.
    assert t.resolved == 1
    # Only the dossier whose clock runs and whose due moment passed; the paused one is not overdue.
    assert t.overdue == 1
    assert t.open_total == 7  # overdue, paused, counter/post/online/commune today, yesterday
    assert t.awaiting_acceptance == 1


def test_today_for_one_agency_leaves_the_others_out(wednesday):
    justice = dashboard.today(agency_scope(wednesday.justice), NOW)
    commune = dashboard.today(agency_scope(wednesday.commune), NOW)
    assert justice.received_by_channel == [("Trực tiếp", 1), ("Trực tuyến", 1), ("Dịch vụ bưu chính", 1)]
    assert (commune.received, commune.resolved, commune.overdue, commune.open_total) == (1, 0, 0, 1)


def test_overdue_moments_are_compared_with_the_due_moment(wednesday):
    # 09/03 08:59 the overdue dossier (due 09/03 09:00) was still within time.
    assert dashboard.today(province_scope(wednesday), vn(2026, 3, 9, 8, 59)).overdue == 0
    assert dashboard.today(province_scope(wednesday), vn(2026, 3, 9, 9, 1)).overdue == 1


# --- overdue by unit -----------------------------------------------------------------------------------


def test_overdue_by_agency_and_by_commune_worst_first(wednesday):
    p = wednesday
    cam_lam = Commune.objects.create(
        era="current", code="22900", name="Xã Cam Lâm", short_name="Cam Lâm", kind="xa", province=p.province
    )
    first = commune_committee(p, "000.02.31.H56", "UBND xã Cam Lâm", cam_lam)
    second = commune_committee(p, "000.03.31.H56", "UBND xã Cam Hải Tây (cũ)", cam_lam)
    for agency, hour in ((first, 8), (second, 9), (second, 10)):
        counter(p, vn(2026, 3, 2, hour, 0), agency=agency)  # due 09/03: overdue on 11/03
    counter(p, vn(2026, 3, 2, 11, 0), agency=p.commune)
    counter(p, vn(2026, 3, 11, 11, 0), agency=first)  # open, within time

    units = dashboard.overdue_by_unit(province_scope(p), NOW)
    assert [(u.name, u.overdue, u.open) for u in units.agencies] == [("Sở Tư pháp", 1, 6)]
    # Two committees of the same commune are one row; the ward committee without a commune stands alone.
    assert [(u.name, u.overdue, u.open) for u in units.communes] == [
        ("Xã Cam Lâm", 3, 4),
        ("UBND phường Nha Trang", 1, 2),
    ]


# --- shares and trend ----------------------------------------------------------------------------------


def test_online_share_is_the_form06_columns(week):
    report = selectors.form06_report(period=WEEK, province_code="56")
    share = dashboard.shares(province_scope(week), WEEK, report=report).online
    # Received in the week: E online; D, G, R at the counter, F by post (carried-over dossiers aside).
    assert (share.numerator, share.denominator, share.percent) == (1, 5, Decimal("20.00"))
    assert share.numerator == report.total.received_online
    assert share.denominator == report.total.received_online + report.total.received_direct_postal


def test_payment_share_counts_dossiers_paid_online_among_those_with_fees(province):
    p = province
    version = Procedure.objects.get(code="1.001622").current_version
    FeeLine.objects.create(version=version, order=1, kind="le_phi", description="Lệ phí", amount_vnd=50000)
    moments = [vn(2026, 3, 2, 9, 0), vn(2026, 3, 3, 9, 0), vn(2026, 3, 4, 9, 0), vn(2026, 3, 5, 9, 0)]
    obligations = []
    for when in moments:
        dossier = counter(p, when)
        with time_machine.travel(when, tick=False):
            obligations.append(
                payments.open_obligation(
                    province_code="56",
                    dossier_code=dossier.code,
                    dossier_id=dossier.id,
                    procedure_code="1.001622",
                    procedure_version_id=version.id,
                )
            )

    def pay(obligation, gateway, status=AttemptState.SUCCESS):
        with time_machine.travel(vn(2026, 3, 6, 10, 0), tick=False):
            attempt = payments.start_attempt(obligation_id=obligation.id, gateway=gateway)
            payments.settle(reference=attempt.reference, status=status, amount_vnd=attempt.amount_vnd)

    pay(obligations[0], Gateway.DVCQG)  # online
    pay(obligations[1], Gateway.CASH)  # at the counter: not online
    pay(obligations[2], Gateway.DVCQG, AttemptState.FAILED)  # failed: not paid
    payments.cancel_obligation(obligation_id=obligations[3].id)  # cancelled: no longer an obligation

    share = dashboard.payment_share(province_scope(p), MARCH)
    assert (share.numerator, share.denominator, share.percent) == (1, 3, Decimal("33.33"))
    assert dashboard.payment_share(agency_scope(p.commune), MARCH).denominator == 0
    assert dashboard.payment_share(province_scope(p), Period.month(2026, 2)).denominator == 0


def rate(p, dossier, level, when):
    with time_machine.travel(when, tick=False):
        return feedback.rate_dossier(
            dossier_code=dossier.code,
            dossier_id=dossier.id,
            dossier_status=10,
            province_code="56",
            agency_id=dossier.agency_id,
            level=level,
        )


def returned(p, when, agency=None):
    dossier = do(counter(p, when, agency=agency), "finish", when.replace(hour=15))
    return do(dossier, "return_result", when.replace(hour=16))


def test_satisfaction_is_satisfied_or_very_satisfied_over_all_ratings(province):
    p = province
    for day, level in ((2, 2), (3, 1), (4, 0)):
        rate(p, returned(p, vn(2026, 3, day, 9, 0)), level, vn(2026, 3, day, 17, 0))
    rate(p, returned(p, vn(2026, 3, 5, 9, 0), agency=p.commune), 0, vn(2026, 3, 5, 17, 0))
    share, levels = dashboard.satisfaction(province_scope(p), MARCH)
    assert (share.numerator, share.denominator, share.percent) == (2, 4, Decimal("50.00"))
    assert levels == [("Rất hài lòng", 1), ("Hài lòng", 1), ("Không hài lòng", 2)]
    justice, _ = dashboard.satisfaction(agency_scope(p.justice), MARCH)
    assert (justice.numerator, justice.denominator) == (2, 3)


def test_trend_is_form06_month_by_month(week):
    trend = dashboard.trend_12_months(province_scope(week), date(2026, 3, 13))
    assert [t.label for t in (trend[0], trend[-1])] == ["04/2025", "03/2026"]
    assert len(trend) == 12
    with time_machine.travel(vn(2026, 3, 13, 18, 0), tick=False):
        for point in trend[-2:]:
            total = selectors.form06_report(period=point.period, province_code="56").total
            assert point.received == total.received_online + total.received_direct_postal
            assert (point.resolved, point.on_time_rate) == (total.resolved_total, total.on_time_rate)
    march = trend[-1]
    assert march.resolved > 0 and march.received_online == 1


def test_last_months_cross_the_new_year():
    months = dashboard.last_months(date(2026, 2, 10), 3)
    assert [m.label for m in months[:2]] == ["Tháng 12/2025", "Tháng 01/2026"]
    # The running month ends today: its open dossiers are judged now, not at the month's end.
    assert (months[2].first, months[2].last) == (date(2026, 2, 1), date(2026, 2, 10))


# --- ranking -------------------------------------------------------------------------------------------


def resolve(p, agency, *, on_time: int, late: int) -> None:
    """Dossiers received Monday 02/03 (due 09/03): finished 04/03 (early) or 10/03 (late)."""
    for i in range(on_time + late):
        dossier = counter(p, vn(2026, 3, 2, 8, i), agency=agency)
        do(dossier, "finish", vn(2026, 3, 4 if i < on_time else 10, 9, 0))


@pytest.fixture
def communes(province):
    p = province
    units = {
        name: commune_committee(p, f"000.{10 + i:02d}.31.H56", f"UBND {name}")
        for i, name in enumerate(["xã Nhỏ", "xã Bình", "xã An", "xã Chậm"])
    }
    resolve(p, units["xã Nhỏ"], on_time=3, late=0)  # 100% of 3: too few to rank
    resolve(p, units["xã Bình"], on_time=4, late=1)  # 80% of 5
    resolve(p, units["xã An"], on_time=4, late=1)  # 80% of 5: a tie with xã Bình
    resolve(p, units["xã Chậm"], on_time=3, late=2)  # 60% of 5
    counter(p, vn(2026, 3, 2, 9, 0), agency=p.commune)  # open only: some volume, none resolved
    return p


def test_a_three_dossier_commune_is_not_ranked_first(communes):
    r = dashboard.ranking(province_scope(communes), MARCH, "commune", min_volume=5)
    assert [(u.rank, u.name, u.rate, u.resolved) for u in r.ranked] == [
        (1, "UBND xã An", Decimal("80.00"), 5),  # ties share the rank, named in Vietnamese order
        (1, "UBND xã Bình", Decimal("80.00"), 5),
        (3, "UBND xã Chậm", Decimal("60.00"), 5),  # the next rank is skipped (1, 1, 3)
    ]
    assert [(u.name, u.resolved, u.rate) for u in r.unranked] == [
        ("UBND xã Nhỏ", 3, Decimal("100.00")),
        ("UBND phường Nha Trang", 0, None),
    ]
    assert r.level_name == "xã, phường, đặc khu" and dashboard.UNRANKED_TEXT == "chưa đủ số lượng để xếp hạng"


def test_volume_breaks_a_tie_in_rate(communes):
    p = communes
    bigger = commune_committee(p, "000.20.31.H56", "UBND xã Lớn")
    resolve(p, bigger, on_time=8, late=2)  # 80% of 10: same rate, more dossiers
    ranked = dashboard.ranking(province_scope(p), MARCH, "commune", min_volume=5).ranked
    assert [(u.rank, u.name) for u in ranked][:3] == [
        (1, "UBND xã Lớn"),
        (2, "UBND xã An"),
        (2, "UBND xã Bình"),
    ]


def test_agencies_and_communes_are_ranked_apart_and_the_default_minimum_is_a_setting(communes, settings):
    p = communes
    resolve(p, p.justice, on_time=2, late=0)
    agencies = dashboard.ranking(province_scope(p), MARCH, "agency", min_volume=2)
    assert [(u.rank, u.name) for u in agencies.ranked] == [(1, "Sở Tư pháp")]
    assert agencies.without_dossiers == 1  # the provincial committee resolved nothing
    assert dashboard.ranking(province_scope(p), MARCH, "commune").min_volume == 30
    assert dashboard.ranking(province_scope(p), MARCH, "commune").ranked == []
    settings.CONGSO_DASHBOARD_MIN_VOLUME = "5"
    assert len(dashboard.ranking(province_scope(p), MARCH, "commune").ranked) == 3
    settings.CONGSO_DASHBOARD_MIN_VOLUME = 0
    with pytest.raises(ImproperlyConfigured, match="CONGSO_DASHBOARD_MIN_VOLUME"):
        dashboard.ranking(province_scope(p), MARCH, "commune")


def test_an_unknown_ranking_level_is_a_vietnamese_input_error(province):
    with pytest.raises(InvalidInput) as error:
        dashboard.ranking(province_scope(province), MARCH, "district")
    assert error.value.code == "invalid_level" and "xã, phường" in error.value.message


# --- plan targets --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "target", "direction", "status"),
    [
        ("96", "95", "at_least", "on_track"),
        ("95", "95", "at_least", "on_track"),
        ("94.99", "95", "at_least", "behind"),
        ("50", "50", "above", "behind"),  # "trên 50%": equal is not above
        ("50.01", "50", "above", "on_track"),
        ("12", "15", "at_most", "on_track"),  # rank 12 is inside "nhóm 15"
        ("15", "15", "at_most", "on_track"),
        ("20", "15", "at_most", "behind"),
        (None, "15", "at_most", "no_data"),
        ("80", None, "at_least", "no_data"),
    ],
)
def test_marks_follow_the_direction(actual, target, direction, status):
    value = None if actual is None else Decimal(actual)
    assert dashboard.mark(value, None if target is None else Decimal(target), direction) == status


def test_the_reference_milestone_is_the_next_one_not_yet_past():
    both = {2025: Decimal(95), 2030: Decimal(98)}
    assert dashboard.reference(2024, both) == ("2025", 95)
    assert dashboard.reference(2025, both) == ("2025", 95)
    assert dashboard.reference(2026, both) == ("2030", 98)
    assert dashboard.reference(2031, both) == ("2030", 98)
    assert dashboard.reference(2026, {2025: Decimal(100), 2030: None}) == ("2025", 100)
    assert dashboard.reference(2024, {2025: None, 2030: Decimal(80)}) == ("2030", 80)
    assert dashboard.reference(2026, {2025: None, 2030: None}) == ("", None)


def test_plan_targets_show_measured_values_and_never_invent_the_others(province):
    p = province
    for day, level in ((2, 2), (3, 1), (4, 1), (5, 0)):
        rate(p, returned(p, vn(2026, 3, day, 9, 0)), level, vn(2026, 3, day, 17, 0))
    AgencyProcedure.objects.filter(agency=p.justice, procedure__code="1.001622").update(muc_do=MucDo.FULL)
    with time_machine.travel(vn(2026, 3, 31, 18, 0), tick=False):
        targets = dashboard.plan_targets(province_scope(p), MARCH)
    rows = {r.id: r for r in targets.rows}
    assert "2314/QĐ-UBND" in targets.plan

    satisfaction = rows["gov.citizen_satisfaction"]
    assert (satisfaction.actual, satisfaction.reference_year, satisfaction.reference_target) == (
        Decimal("75.00"),
        "2030",
        98,
    )
    assert (satisfaction.status, satisfaction.status_label) == ("behind", "Chưa đạt")
    assert "3 ÷ 4" in satisfaction.note

    # 3 offerings (justice: 1.001622 full, 2.000001; commune: 1.001622): 1 of 3 toàn trình.
    level4 = rows["gov.level4_services_all_devices"]
    assert (level4.actual, level4.reference_target, level4.status) == (Decimal("33.33"), 100, "behind")

    rank = rows["gov.rank_dti"]
    assert (rank.unit, rank.direction, rank.direction_label) == ("rank", "at_most", "hạng không quá")
    assert (rank.actual, rank.status, rank.status_label) == (None, "no_data", "Chưa có số liệu trong congso")
    assert "congso không đo" in rank.note
    unmeasured = [
        r for r in targets.rows if r.id not in ("gov.citizen_satisfaction", "gov.level4_services_all_devices")
    ]
    assert all(
        r.actual is None and r.status == "no_data" and r.note for r in unmeasured if r.source == "plan"
    )

    online = rows["766.3.3"]  # four counter dossiers in March: 0 online of 4
    assert (online.actual, online.reference_target, online.status) == (Decimal("0.00"), 50, "behind")
    for code in ("766.4.3", "766.5.4"):
        assert (rows[code].actual, rows[code].reference_target is not None, rows[code].status) == (
            None,
            True,
            "no_data",
        )
    assert rows["766.5.4"].reference_target == 90 and rows["766.4.3"].reference_target == 80


def test_a_period_without_ratings_has_no_satisfaction_value(province):
    rows = {r.id: r for r in dashboard.plan_targets(province_scope(province), MARCH).rows}
    assert rows["gov.citizen_satisfaction"].actual is None
    assert rows["gov.citizen_satisfaction"].status == "no_data"
    assert "mẫu số bằng 0" in rows["gov.citizen_satisfaction"].note


def test_the_packaged_plan_is_the_shared_file():
    shared = Path("/work/shared/data/plan-targets.json")
    if not shared.exists():
        pytest.skip("the shared data folder is not on this machine")
    assert json.loads(dashboard.PLAN_FILE.read_text()) == json.loads(shared.read_text())


# --- scopes and the whole board -----------------------------------------------------------------------


def test_scopes_follow_the_roles(province):
    p = province

    officer = make_officer
    keys = lambda user: [s.key for s in dashboard.scopes_for(user)]  # noqa: E731
    assert keys(officer("qt", p.justice, Role.PROVINCE_ADMIN)) == ["tinh-56"]
    assert keys(officer("ld_tinh", p.committee, Role.LEADER)) == ["tinh-56"]
    assert keys(officer("tk_tinh", p.committee, Role.STATISTICS_VIEWER)) == ["tinh-56"]
    assert keys(officer("ld_stp", p.justice, Role.LEADER)) == ["000.00.16.H56"]
    assert keys(officer("cv_xa", p.commune, Role.SPECIALIST)) == ["000.01.31.H56"]
    assert dashboard.scopes_for(officer("none", p.justice)) == []  # an account without any role


def test_the_board_for_one_agency_has_no_province_rankings_or_targets(week):
    with time_machine.travel(vn(2026, 3, 13, 18, 0), tick=False):
        board = dashboard.board(agency_scope(week.justice), MARCH, vn(2026, 3, 13, 18, 0))
        province = dashboard.board(province_scope(week), MARCH, vn(2026, 3, 13, 18, 0))
    assert board.rankings == [] and board.targets is None
    assert board.total.received_total < province.total.received_total
    assert [r.level for r in province.rankings] == ["agency", "commune"]
    assert province.targets is not None
    assert province.trend[-1].period == Period(MARCH.first, date(2026, 3, 13))  # the running month, to today
    assert province.total == selectors.form06_report(period=MARCH, province_code="56").total


# --- charts --------------------------------------------------------------------------------------------


def test_percentages_use_a_comma_and_axes_round_numbers():
    assert charts.pct(Decimal("92.5")) == "92,50%"
    assert charts.pct(None) == "—"
    assert [charts.nice_ceiling(v) for v in (0, 7, 10, 11, 230, 4800)] == [1, 10, 10, 20, 500, 5000]


def test_column_chart_is_an_accessible_svg_with_every_value_in_a_tooltip():
    svg = charts.columns(
        "t1",
        "Hồ sơ theo tháng",
        [("T1", "2026"), ("T2", "")],
        [
            charts.Series("Tiếp nhận", "c-received", [1200, None]),
            charts.Series("Đã giải quyết", "c-resolved", [3, 4]),
        ],
    )
    assert 'role="img"' in svg and 'aria-labelledby="t1-t t1-d"' in svg
    assert '<title id="t1-t">Hồ sơ theo tháng</title>' in svg
    assert svg.count("<rect") == 3  # the missing value draws no bar
    assert "Tiếp nhận — T1 2026: 1.200</title>" in svg and ">2.000</text>" in svg  # axis top 2.000
    assert 'class="swatch c-received"' in svg and "Đã giải quyết</li>" in svg


def test_rate_chart_and_ring_print_vietnamese_percentages():
    svg = charts.columns(
        "t2",
        "Tỷ lệ",
        [("T3", "")],
        [charts.Series("Đúng hạn", "c-main", [Decimal("87.5")])],
        percent=True,
        tips=["tháng 03/2026"],
    )
    assert ">100%</text>" in svg and "Đúng hạn — tháng 03/2026: 87,50%" in svg
    ring = charts.ring("t3", "Tỷ lệ đúng hạn", Decimal("87.5"))
    assert 'stroke-dasharray="87.50 100"' in ring and ">87,50%</text>" in ring
    assert "stroke-dasharray" not in charts.ring("t4", "Tỷ lệ đúng hạn", None)


def test_bar_list_keeps_long_names_whole_in_the_tooltip_and_escapes_text():
    long = "Ủy ban nhân dân phường Bắc Cam Ranh và các xã ven biển <sáp nhập 2025>"
    svg = charts.bar_list(
        "t5", "Quá hạn", [charts.BarRow(long, 3, "3 / 10"), charts.BarRow("Xã An", 0, "0 / 2")]
    )
    assert f"<title>{long.replace('<', '&lt;').replace('>', '&gt;')}</title>" in svg
    assert "…" in svg and "<sáp" not in svg
    assert svg.count('class="c-main"') == 2 and 'width="0.0"' in svg
    assert "Không có số liệu" in charts.bar_list("t6", "Trống", [])


def test_the_live_figures_cost_the_same_queries_however_many_units(communes):
    """today, overdue by unit, ranking and shares (given the period's Form 06 report) never query per
    agency or per dossier: more communes with more dossiers cost the same number of queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    p = communes

    def cost() -> int:
        scope = province_scope(p)
        report = selectors.form06_report(period=MARCH, province_code="56")
        with CaptureQueriesContext(connection) as queries:
            dashboard.today(scope, NOW)
            dashboard.overdue_by_unit(scope, NOW)
            for level in dashboard.LEVELS:
                dashboard.ranking(scope, MARCH, level, min_volume=5, report=report)
            dashboard.plan_targets(scope, MARCH, shares_=dashboard.shares(scope, MARCH, report=report))
        return len(queries)

    before = cost()
    for i in range(3):
        agency = commune_committee(p, f"000.{50 + i:02d}.31.H56", f"UBND xã Mới {i}")
        resolve(p, agency, on_time=2, late=1)
        counter(p, vn(2026, 3, 2, 9, 0), agency=agency)  # open and overdue on 11/03
    assert cost() == before == 12
