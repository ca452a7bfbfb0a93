"""The demo's "Ninh Thuận 2024" history: former departments closed into their Khánh Hòa successors,
records written in the national format and imported through the real service, idempotently."""

from __future__ import annotations

import pytest

from congso.catalog.models import AgencyProcedure
from congso.core.clock import vn
from congso.core.errors import InvalidInput
from congso.demo import history
from congso.dossiers.choices import Source, Status
from congso.dossiers.models import Dossier
from congso.dossiers.tests.conftest import make_khanh_hoa, make_procedure
from congso.identity import services as identity
from congso.identity.choices import AgencyKind
from congso.places.models import Province


@pytest.fixture
def khanh_hoa(db):
    home = make_khanh_hoa()
    Province.objects.create(
        era="legacy",
        code="58",
        name="Tỉnh Ninh Thuận",
        short_name="Ninh Thuận",
        kind="tinh",
        successor=home.province,
    )
    agencies = {"STP": home.justice}
    for n, short in enumerate(["STC", "SXD", "SNNMT", "SNV", "SYT", "SGDĐT"], start=10):
        agencies[short] = identity.create_agency(
            actor=None, code=f"000.00.{n}.H56", name=short, province=home.province, kind=AgencyKind.DEPARTMENT
        )
    for code, short in [("1.001622", "STP"), ("1.000656", "SXD")]:
        AgencyProcedure.objects.create(agency=agencies[short], procedure=make_procedure(code))
    return home.province, agencies


def test_the_history_is_imported_under_the_former_departments_and_twice_changes_nothing(khanh_hoa):
    province, agencies = khanh_hoa
    report = history.ensure_history(province, agencies, count=120, seed=7)
    assert (report.created, report.errors) == (120, [])
    dossiers = Dossier.objects.select_related(
        "receiving_agency__successor", "receiving_agency__former_province"
    )
    assert {d.source for d in dossiers} == {Source.IMPORT}
    for d in dossiers:
        former = d.receiving_agency
        assert former.code.endswith(".H58") and not former.active
        assert former.former_province.name == "Tỉnh Ninh Thuận"
        assert former.successor in (agencies["STP"], agencies["SXD"])
        moment = d.received_at or d.submitted_at
        assert vn(2023, 12, 31) < moment < vn(2025, 1, 3)
    statuses = {d.status for d in dossiers}
    assert Status.RETURNED in statuses and statuses & {Status.PROCESSING, Status.REFUSED, Status.WITHDRAWN}
    again = history.ensure_history(province, agencies, count=120, seed=7)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 120)


def test_an_agency_cannot_be_closed_into_its_own_successor_chain(khanh_hoa):
    province, agencies = khanh_hoa
    formers = history.ensure_former_agencies(province, agencies)
    former = next(f for f, successor in formers.items() if successor == agencies["STP"])
    with pytest.raises(InvalidInput) as caught:
        identity.close_into_successor(actor=None, agency=agencies["STP"], successor=former)
    assert caught.value.code == "successor_cycle"
    assert history.ensure_former_agencies(province, agencies) == formers  # twice: the same rows
