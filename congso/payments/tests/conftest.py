"""A procedure version with fee lines, and the dossier facts the portal would pass to payments
(payments never imports dossiers: the tests pass plain values too)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from congso.catalog.models import FeeLine, Procedure, ProcedureVersion
from congso.core.clock import vn
from congso.payments import services

DOSSIER = {
    "province_code": "56",
    "dossier_code": "000.00.16.H56-260302-0001",
    "dossier_id": 101,
    "procedure_code": "1.001622",
    "payer_name": "Nguyễn Văn An",
    "agency_name": "Sở Tư pháp tỉnh Khánh Hòa",
    "procedure_name": "Thủ tục cấp phiếu lý lịch tư pháp",
}


def make_version(code: str = "1.001622") -> ProcedureVersion:
    procedure = Procedure.objects.create(code=code)
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=1,
        content_hash="x" * 64,
        name=f"Thủ tục {code}",
        days_direct=Decimal(5),
        days_online=Decimal(5),
        time_unit="working_day",
        raw={},
        imported_at=vn(2026, 1, 1),
    )
    procedure.current_version = version
    procedure.save()
    return version


def version_with_fees() -> ProcedureVersion:
    """200.000 đ phí, 50.000 đ lệ phí and an exempt lệ phí line."""
    version = make_version()
    FeeLine.objects.create(
        version=version, order=1, kind="phi", description="Phí cung cấp thông tin", amount_vnd=200000
    )
    FeeLine.objects.create(
        version=version, order=2, kind="le_phi", description="Lệ phí cấp phiếu", amount_vnd=50000
    )
    FeeLine.objects.create(
        version=version,
        order=3,
        kind="le_phi",
        description="Lệ phí cho người có công",
        amount_vnd=50000,
        exempt=True,
    )
    return version


def sample_obligation():
    return services.open_obligation(procedure_version_id=version_with_fees().pk, **DOSSIER)


@pytest.fixture
def version(db) -> ProcedureVersion:
    return version_with_fees()


@pytest.fixture
def obligation(version):
    return services.open_obligation(procedure_version_id=version.pk, **DOSSIER)
