"""A small province for dossier tests: Khánh Hòa, its Department of Justice and a commune committee,
one officer per role, and a real procedure from the catalogue file (1.001622) offered by the department."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import pytest

from congso.catalog.models import AgencyProcedure, Field, Procedure, ProcedureVersion
from congso.core.clock import vn
from congso.core.text import vn_fold
from congso.identity import services as identity
from congso.identity.choices import AgencyKind, Role
from congso.identity.models import Agency, Officer, User
from congso.places.models import Province


@dataclass
class World:
    province: Province
    justice: Agency
    commune: Agency
    other_province_agency: Agency
    officers: dict[str, Officer]
    outsider: Officer
    procedure: Procedure


def make_procedure(
    code: str, *, days="5", unit="working_day", online=True, same_day=False, field_name="Giáo dục và Đào tạo"
) -> Procedure:
    field, _ = Field.objects.get_or_create(name=field_name, defaults={"name_folded": vn_fold(field_name)})
    procedure = Procedure.objects.create(code=code)
    version = ProcedureVersion.objects.create(
        procedure=procedure,
        number=1,
        content_hash="x" * 64,
        name=f"Thủ tục thử nghiệm {code}",
        field=field,
        days_direct=Decimal(days) if days is not None else None,
        days_online=Decimal(days) if days is not None else None,
        time_unit=unit,
        same_day=same_day,
        online_submission=online,
        raw={},
        imported_at=vn(2026, 1, 1),
    )
    procedure.current_version = version
    procedure.save()
    return procedure


@dataclass
class KhanhHoa:
    province: Province
    committee: Agency
    justice: Agency
    commune: Agency


def make_khanh_hoa() -> KhanhHoa:
    """Khánh Hòa with its provincial committee, the Department of Justice and one ward committee; shared by
    every test module that needs a province (dossiers, back office, API, statistics…)."""
    khanh_hoa = Province.objects.create(
        era="current", code="56", name="Tỉnh Khánh Hòa", short_name="Khánh Hòa", kind="tinh"
    )
    ubnd = identity.create_agency(
        actor=None,
        code="000.00.00.H56",
        name="UBND tỉnh Khánh Hòa",
        province=khanh_hoa,
        kind=AgencyKind.PROVINCE_COMMITTEE,
    )
    justice = identity.create_agency(
        actor=None,
        code="000.00.16.H56",
        name="Sở Tư pháp",
        province=khanh_hoa,
        kind=AgencyKind.DEPARTMENT,
        parent=ubnd,
    )
    commune = identity.create_agency(
        actor=None,
        code="000.01.31.H56",
        name="UBND phường Nha Trang",
        province=khanh_hoa,
        kind=AgencyKind.COMMUNE_COMMITTEE,
        parent=ubnd,
    )
    return KhanhHoa(khanh_hoa, ubnd, justice, commune)


def make_officer(username: str, agency: Agency, *roles: str, full_name: str = "") -> User:
    """An officer of `agency` holding `roles` (none: an account without any), for force_login."""
    return identity.create_officer(
        actor=None,
        agency=agency,
        username=username,
        full_name=full_name or username,
        roles=list(roles),
        password="x-Strong-Pass-1",
    ).user


@pytest.fixture
def world(db) -> World:
    home = make_khanh_hoa()
    khanh_hoa, justice, commune = home.province, home.justice, home.commune
    gia_lai = Province.objects.create(
        era="current", code="52", name="Tỉnh Gia Lai", short_name="Gia Lai", kind="tinh"
    )
    other = identity.create_agency(
        actor=None,
        code="000.00.16.H52",
        name="Sở Tư pháp Gia Lai",
        province=gia_lai,
        kind=AgencyKind.DEPARTMENT,
    )
    officers = {
        role: identity.create_officer(
            actor=None,
            agency=justice,
            username=f"stp_{role}",
            full_name=f"Cán bộ {role}",
            roles=[role],
            password="x-Strong-Pass-1",
        )
        for role in Role.values
    }
    outsider = identity.create_officer(
        actor=None,
        agency=other,
        username="gl_all",
        full_name="Cán bộ Gia Lai",
        roles=list(Role.values),
        password="x-Strong-Pass-1",
    )
    procedure = make_procedure("1.001622")
    AgencyProcedure.objects.create(agency=justice, procedure=procedure)
    return World(khanh_hoa, justice, commune, other, officers, outsider, procedure)


@pytest.fixture
def applicant(db):
    return identity.find_or_create_applicant(
        full_name="Nguyễn Văn An", id_number="056090001234", phone="0905123456"
    )
