"""Offerings, administrator-recorded limits, and the selectors."""

from __future__ import annotations

from decimal import Decimal

import pytest

from congso.catalog import selectors
from congso.catalog.choices import LimitsSource, MucDo, TimeUnit
from congso.catalog.models import AgencyProcedure, OfferingChange, Procedure, ProcedureVersion
from congso.catalog.services import import_procedures, offer_many, record_limits, set_offering
from congso.core.errors import InvalidInput, NotFound
from congso.identity.models import Agency

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(sample_lines):
    import_procedures(sample_lines, source_name="sample.jsonl")


def test_set_offering_creates_updates_and_logs(catalogue, agency):
    procedure = selectors.get_procedure("1.001622")

    offering = set_offering(agency=agency, procedure=procedure, muc_do=MucDo.PARTIAL)
    same = set_offering(agency=agency, procedure=procedure, muc_do=MucDo.PARTIAL)
    full = set_offering(agency=agency, procedure=procedure, muc_do=MucDo.FULL, note="Đủ điều kiện toàn trình")

    assert offering.pk == same.pk == full.pk
    assert AgencyProcedure.objects.get().muc_do == MucDo.FULL
    log = list(OfferingChange.objects.values_list("muc_do_before", "muc_do_after", "note"))
    assert log == [(None, MucDo.PARTIAL, ""), (MucDo.PARTIAL, MucDo.FULL, "Đủ điều kiện toàn trình")]


def test_set_offering_rejects_unknown_level_and_inactive_procedure(catalogue, agency):
    procedure = selectors.get_procedure("1.001622")
    with pytest.raises(InvalidInput) as caught:
        set_offering(agency=agency, procedure=procedure, muc_do=5)
    assert caught.value.code == "invalid_muc_do" and "42/2022" in caught.value.message

    Procedure.objects.filter(pk=procedure.pk).update(active=False)
    procedure.refresh_from_db()
    with pytest.raises(InvalidInput) as caught:
        set_offering(agency=agency, procedure=procedure)
    assert caught.value.code == "procedure_inactive"


def test_offered_by_lists_active_offerings_only(catalogue, agency, province, django_assert_num_queries):
    other = Agency.objects.create(code="000.00.17.H56", name="Sở Y tế", province=province)
    set_offering(agency=agency, procedure=selectors.get_procedure("1.001622"), muc_do=MucDo.FULL)
    set_offering(agency=agency, procedure=selectors.get_procedure("2.000927"))
    set_offering(agency=agency, procedure=selectors.get_procedure("1.013437"), active=False)
    set_offering(agency=other, procedure=selectors.get_procedure("1.000368"))

    with django_assert_num_queries(1):
        rows = [
            (o.procedure.code, o.muc_do, o.procedure.current_version.name[:7])
            for o in selectors.offered_by(agency)
        ]
    assert rows == [("1.001622", MucDo.FULL, "Hỗ trợ "), ("2.000927", None, "Sửa lỗi")]


def test_offer_many_creates_missing_offerings_once(catalogue, agency, province):
    other = Agency.objects.create(code="000.00.17.H56", name="Sở Y tế", province=province)
    procedures = list(Procedure.objects.order_by("code")[:3])
    set_offering(agency=agency, procedure=procedures[0], muc_do=MucDo.FULL)

    created = offer_many([(a, p) for a in (agency, other) for p in procedures])
    again = offer_many([(a, p) for a in (agency, other) for p in procedures])

    assert (created, again) == (5, 0)
    assert AgencyProcedure.objects.count() == 6
    assert (
        AgencyProcedure.objects.get(agency=agency, procedure=procedures[0]).muc_do == MucDo.FULL
    )  # untouched
    assert OfferingChange.objects.count() == 6


def test_record_limits_creates_a_new_version_and_clears_the_flag(catalogue, admin_user):
    procedure = selectors.get_procedure("1.000368")
    before = procedure.current_version
    assert procedure.needs_review

    version = record_limits(
        procedure=procedure,
        days="1",
        unit=TimeUnit.WORKING_DAY,
        actor_note="QĐ 1234/QĐ-BKHĐT",
        actor=admin_user,
    )

    procedure.refresh_from_db()
    assert procedure.current_version_id == version.pk and version.number == 2
    assert (procedure.needs_review, procedure.review_code, procedure.review_reason) == (False, "", "")
    assert (version.days_direct, version.days_online, version.days_post) == (
        Decimal(1),
        Decimal(1),
        Decimal(1),
    )
    assert (version.limits_source, version.limits_note, version.recorded_by) == (
        LimitsSource.ADMIN,
        "QĐ 1234/QĐ-BKHĐT",
        admin_user,
    )
    assert (version.name, version.content_hash, version.field_id) == (
        before.name,
        before.content_hash,
        before.field_id,
    )
    assert version.documents.count() == before.documents.count() == 1
    assert version.fees.count() == before.fees.count()
    before.refresh_from_db()
    assert before.days_direct is None and before.review_code == "no_unit"  # version 1 untouched
    assert not selectors.procedures_needing_review().filter(pk=procedure.pk).exists()


def test_record_limits_separate_online_limit(catalogue):
    version = record_limits(
        procedure=selectors.get_procedure("1.000368"),
        days=3,
        days_online="1.5",
        unit="working_day",
        actor_note="x",
    )
    assert (version.days_direct, version.days_online, version.days_post) == (
        Decimal(3),
        Decimal("1.5"),
        Decimal(3),
    )
    assert version.limit_for("truc_tuyen") == Decimal("1.5") and version.limit_for("buu_chinh") == Decimal(3)


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"days": 5, "unit": "unknown", "actor_note": "x"}, "invalid_time_unit"),
        ({"days": 5, "unit": "working_day", "actor_note": "  "}, "note_required"),
        ({"days": 0, "unit": "working_day", "actor_note": "x"}, "implausible_days"),
        ({"days": 400, "unit": "calendar_day", "actor_note": "x"}, "implausible_days"),
        ({"days": "năm", "unit": "working_day", "actor_note": "x"}, "invalid_days"),
        ({"days": "", "unit": "working_day", "actor_note": "x"}, "days_required"),
    ],
)
def test_record_limits_refuses_bad_input(catalogue, kwargs, code):
    procedure = selectors.get_procedure("1.000368")
    with pytest.raises(InvalidInput) as caught:
        record_limits(procedure=procedure, **kwargs)
    assert caught.value.code == code
    assert ProcedureVersion.objects.filter(procedure=procedure).count() == 1


def test_selectors(catalogue):
    assert selectors.get_procedure(" 1.001622 ").code == "1.001622"
    with pytest.raises(NotFound) as caught:
        selectors.get_procedure("9.999999")
    assert caught.value.code == "procedure_not_found"
    assert caught.value.message == "Không tìm thấy thủ tục hành chính mã 9.999999."

    version = selectors.current_version("1.001622")
    assert version.number == 1 and len(version.documents.all()) == 8

    record_limits(procedure=selectors.get_procedure("1.000368"), days=1, unit="working_day", actor_note="x")
    assert [v.number for v in selectors.procedure_versions("1.000368")] == [1, 2]
    assert set(selectors.procedures_needing_review().values_list("code", flat=True)) == {
        "1.014971",
        "1.001010",
    }


def test_current_version_of_a_procedure_without_content(db):
    Procedure.objects.create(code="1.999999")
    with pytest.raises(NotFound) as caught:
        selectors.current_version("1.999999")
    assert caught.value.code == "procedure_has_no_version"
