"""A minimal province for the benchmarks, built through the services."""

from __future__ import annotations

from decimal import Decimal

from congso.catalog.models import AgencyProcedure, Field, Procedure, ProcedureVersion
from congso.core import clock
from congso.identity import services as identity
from congso.identity.choices import AgencyKind, Role
from congso.places.models import Province


def build():
    province, _ = Province.objects.get_or_create(
        era="current", code="56", defaults=dict(name="Tỉnh Khánh Hòa", short_name="Khánh Hòa", kind="tinh")
    )
    agency = identity.create_agency(
        actor=None, code="000.00.16.H34", name="Sở Tư pháp", province=province, kind=AgencyKind.DEPARTMENT
    )
    officer = identity.create_officer(
        actor=None,
        agency=agency,
        username="bench_motcua",
        full_name="Một cửa",
        roles=[Role.RECEIVING_OFFICER],
        password=None,  # no login: the benchmark acts through the services only
    )
    field = Field.objects.create(name="Hộ tịch", name_folded="ho tich")
    procedure = Procedure.objects.create(code="1.001193")
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=1,
        content_hash="0" * 64,
        name="Thủ tục đăng ký khai sinh",
        field=field,
        days_direct=Decimal(5),
        days_online=Decimal(5),
        time_unit="working_day",
        online_submission=True,
        raw={},
        imported_at=clock.now(),
    )
    procedure.current_version = version
    procedure.save()
    AgencyProcedure.objects.create(agency=agency, procedure=procedure)
    return agency, officer, procedure
