"""The catalogue admin: read-only content, filters, folded search, and fixes through the services."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from congso.catalog.choices import MucDo
from congso.catalog.models import AgencyProcedure, Field, OfferingChange, Procedure
from congso.catalog.services import import_procedures
from congso.identity.models import User

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:catalog_procedure_changelist")


@pytest.fixture
def catalogue(sample_lines):
    import_procedures(sample_lines, source_name="sample.jsonl")


def codes_in(response) -> set[str]:
    return {p.code for p in response.context["cl"].result_list}


def test_changelist_filters_and_search(admin_client, catalogue):
    assert codes_in(admin_client.get(CHANGELIST, {"needs_review__exact": "1"})) == {
        "1.000368",
        "1.014971",
        "1.001010",
    }
    assert codes_in(admin_client.get(CHANGELIST, {"level": "tinh"})) == {"1.013437", "1.001010"}
    customs = Field.objects.get(name="Hải quan")
    assert codes_in(admin_client.get(CHANGELIST, {"current_version__field__id__exact": customs.pk})) == {
        "3.000143",
        "3.000137",
    }
    # Typed without tones, found through the folded shadow text.
    assert codes_in(admin_client.get(CHANGELIST, {"q": "ho tro an trua"})) == {"1.001622"}
    assert codes_in(admin_client.get(CHANGELIST, {"q": "Hỗ trợ ăn trưa"})) == {"1.001622"}
    assert codes_in(admin_client.get(CHANGELIST, {"q": "1.013437"})) == {"1.013437"}


def test_procedure_and_version_pages_are_view_only(admin_client, catalogue):
    procedure = Procedure.objects.get(code="1.001622")
    page = admin_client.get(reverse("admin:catalog_procedure_change", args=[procedure.pk]))
    assert page.status_code == 200
    assert b"Ghi th\xe1\xbb\x9di h\xe1\xba\xa1n" in page.content  # "Ghi thời hạn" link
    assert admin_client.get(reverse("admin:catalog_procedure_add")).status_code == 403

    version_page = admin_client.get(
        reverse("admin:catalog_procedureversion_change", args=[procedure.current_version_id])
    )
    assert version_page.status_code == 200
    assert "Trẻ em khuyết tật học hòa nhập" in version_page.content.decode()
    post = admin_client.post(
        reverse("admin:catalog_procedureversion_change", args=[procedure.current_version_id]), {}
    )
    assert post.status_code == 403


def test_record_limits_page_goes_through_the_service(admin_client, catalogue):
    procedure = Procedure.objects.get(code="1.000368")
    url = reverse("admin:catalog_procedure_record_limits", args=[procedure.pk])
    page = admin_client.get(url)
    assert page.status_code == 200 and "không ghi đơn vị" in page.content.decode()

    refused = admin_client.post(url, {"days": "0", "unit": "working_day", "actor_note": "QĐ 1"})
    assert refused.status_code == 200 and "không quá 365 ngày" in refused.content.decode()

    done = admin_client.post(url, {"days": "1", "unit": "working_day", "actor_note": "QĐ 1"})
    assert done.status_code == 302
    procedure.refresh_from_db()
    assert not procedure.needs_review
    assert procedure.current_version.number == 2 and procedure.current_version.days_direct == Decimal(1)
    assert procedure.current_version.recorded_by.username == "admin"


def test_record_limits_action_opens_the_form_for_one_procedure(admin_client, catalogue):
    procedure = Procedure.objects.get(code="1.000368")
    response = admin_client.post(
        CHANGELIST, {"action": "record_limits_action", "_selected_action": [procedure.pk], "index": 0}
    )
    assert response.status_code == 302
    assert response.url == reverse("admin:catalog_procedure_record_limits", args=[procedure.pk])


def test_record_limits_needs_change_permission(client, catalogue):
    staff = User.objects.create_user("xem", password="Mat-khau-9", is_staff=True)
    client.force_login(staff)
    url = reverse("admin:catalog_procedure_record_limits", args=[Procedure.objects.get(code="1.000368").pk])
    assert client.get(url).status_code == 403


def test_offering_admin_writes_through_set_offering(admin_client, catalogue, agency):
    procedure = Procedure.objects.get(code="1.001622")
    add = admin_client.post(
        reverse("admin:catalog_agencyprocedure_add"),
        {"agency": agency.pk, "procedure": procedure.pk, "muc_do": "4", "active": "on", **_empty_inline()},
    )
    assert add.status_code == 302, add.context["adminform"].form.errors if add.context else add
    offering = AgencyProcedure.objects.get()
    assert offering.muc_do == MucDo.FULL

    change = admin_client.post(
        reverse("admin:catalog_agencyprocedure_change", args=[offering.pk]),
        {"muc_do": "3", "active": "on", **_empty_inline(total=1)},
    )
    assert change.status_code == 302
    assert list(OfferingChange.objects.values_list("muc_do_before", "muc_do_after")) == [
        (None, MucDo.FULL),
        (MucDo.FULL, MucDo.PARTIAL),
    ]


def test_offering_admin_refuses_an_inactive_procedure(admin_client, catalogue, agency):
    procedure = Procedure.objects.get(code="1.001622")
    Procedure.objects.filter(pk=procedure.pk).update(active=False)
    response = admin_client.post(
        reverse("admin:catalog_agencyprocedure_add"),
        {"agency": agency.pk, "procedure": procedure.pk, "muc_do": "", "active": "on", **_empty_inline()},
    )
    assert response.status_code == 200
    assert "không còn áp dụng" in response.content.decode()
    assert not AgencyProcedure.objects.exists()


def _empty_inline(total: int = 0) -> dict[str, str]:
    prefix = "changes"
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": str(total),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
