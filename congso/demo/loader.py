"""Loads the demo province end to end, idempotently: units, catalogue, agencies, officers, offerings,
dossiers. Every step goes through the owning module's services."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from congso.catalog.models import Procedure
from congso.catalog.services import import_procedures, offer_many
from congso.core.text import vn_fold
from congso.demo.province import (
    DEMO_PASSWORD,
    DEPARTMENTS,
    FIRST_COMMUNE_NUMBER,
    PROVINCE_CODE,
    PROVINCE_SUFFIX,
    SERVICE_CENTRE,
)
from congso.dossiers.generator import Generator, make_applicants, offerings_for
from congso.dossiers.models import Dossier
from congso.dossiers.services import generate_default_processes
from congso.identity import services as identity
from congso.identity.choices import AgencyKind, Role
from congso.identity.models import Agency, Officer, User
from congso.places.models import Commune, Province
from congso.places.services import load_places

Say = Callable[[str], None]
STAFF_ROLES = [Role.RECEIVING_OFFICER, Role.SPECIALIST, Role.HEAD_OF_DIVISION, Role.LEADER, Role.AGENCY_ADMIN]
ROLE_LOGIN = {
    Role.RECEIVING_OFFICER: "motcua",
    Role.SPECIALIST: "chuyenvien",
    Role.HEAD_OF_DIVISION: "truongphong",
    Role.LEADER: "lanhdao",
    Role.AGENCY_ADMIN: "quantri",
}


def agency_code(number: int) -> str:
    return f"000.00.{number:02d}.{PROVINCE_SUFFIX}"


def ensure_places(say: Say) -> Province:
    if not Province.objects.filter(era="current", code=PROVINCE_CODE).exists():
        counts = load_places()
        say(f"Đơn vị hành chính: {counts}")
    return Province.objects.get(era="current", code=PROVINCE_CODE)


def ensure_catalogue(path: Path, say: Say) -> None:
    if Procedure.objects.count() >= 3697:
        return
    if not path.exists():
        raise FileNotFoundError(f"Không tìm thấy tệp thủ tục hành chính: {path}")
    with path.open(encoding="utf-8") as lines:
        report = import_procedures(lines, source_name=path.name)
    say(report.summary())


def _agency(code, name, short, kind, province, parent=None, commune=None) -> Agency:
    existing = Agency.objects.filter(code=code).first()
    if existing:
        return existing
    return identity.create_agency(
        actor=None,
        code=code,
        name=name,
        short_name=short,
        kind=kind,
        province=province,
        parent=parent,
        commune=commune,
    )


@transaction.atomic
def ensure_agencies(province: Province) -> dict[str, Agency]:
    ubnd = _agency(
        agency_code(0), "Ủy ban nhân dân tỉnh Khánh Hòa", "UBND tỉnh", AgencyKind.PROVINCE_COMMITTEE, province
    )
    agencies = {"UBND": ubnd}
    number, name, short = SERVICE_CENTRE
    agencies[short] = _agency(agency_code(number), name, short, AgencyKind.SERVICE_CENTRE, province, ubnd)
    for number, name, short, _ in DEPARTMENTS:
        agencies[short] = _agency(agency_code(number), name, short, AgencyKind.DEPARTMENT, province, ubnd)
    communes = Commune.objects.filter(province=province).order_by("code")
    for i, commune in enumerate(communes):
        code = (
            agency_code(FIRST_COMMUNE_NUMBER + i)
            if FIRST_COMMUNE_NUMBER + i < 100
            else f"{i:03d}.00.99.{PROVINCE_SUFFIX}"
        )
        kind_word = {"xa": "xã", "phuong": "phường", "dac_khu": "đặc khu"}.get(commune.kind, "xã")
        agencies[f"X{commune.code}"] = _agency(
            code,
            f"Ủy ban nhân dân {kind_word} {commune.short_name}",
            f"UBND {commune.short_name}",
            AgencyKind.COMMUNE_COMMITTEE,
            province,
            ubnd,
            commune,
        )
    return agencies


def _department_for(field_name: str) -> str | None:
    folded = vn_fold(field_name)
    for _, _, short, keywords in DEPARTMENTS:
        if any(k in folded for k in keywords):
            return short
    return None


def ensure_offerings(agencies: dict[str, Agency]) -> int:
    """Provincial procedures go to the department whose field they belong to; commune procedures with
    published documents go to every commune committee (procedures of other provinces' variants and
    central-only fields such as taxes or customs are not offered by a province)."""
    pairs: list[tuple[Agency, Procedure]] = []
    communes = [a for key, a in agencies.items() if key.startswith("X")]
    procedures = Procedure.objects.select_related("current_version__field").filter(
        current_version__isnull=False
    )
    for procedure in procedures:
        version = procedure.current_version
        levels = version.levels or []
        if "tinh" in levels:
            short = _department_for(version.field.name if version.field_id else "")
            if short:
                pairs.append((agencies[short], procedure))
        if "xa" in levels and version.raw.get("documents") and version.days_direct is not None:
            pairs.extend((commune, procedure) for commune in communes)
    offered = offer_many(pairs)
    generate_default_processes()
    return offered


def ensure_officers(agencies: dict[str, Agency], say: Say) -> list[tuple[str, str, str]]:
    """Demo logins: the province admin, a statistics viewer and a full team in every department and in
    the first three communes. Returns (login, role, agency) rows to print."""
    shown: list[tuple[str, str, str]] = []
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", password=DEMO_PASSWORD, full_name="Quản trị hệ thống")
    admin = User.objects.get(username="admin")
    if not Officer.objects.filter(user=admin).exists():
        officer = Officer.objects.create(user=admin, agency=agencies["UBND"], title="Quản trị hệ thống")
        identity.grant_role(actor=None, officer=officer, agency=agencies["UBND"], role=Role.PROVINCE_ADMIN)
    shown.append(("admin", "Quản trị cấp tỉnh (và trang quản trị)", agencies["UBND"].name))
    _officer(agencies["UBND"], "thongke", "Chuyên viên thống kê", [Role.STATISTICS_VIEWER])
    shown.append(("thongke", Role.STATISTICS_VIEWER.label, agencies["UBND"].name))
    teams = [(short, agencies[short]) for _, _, short, _ in DEPARTMENTS]
    teams += [(key, a) for key, a in list(agencies.items()) if key.startswith("X")][:3]
    for short, agency in teams:
        suffix = vn_fold(short).replace(" ", "").replace("ubnd", "")
        for role in STAFF_ROLES:
            login = f"{ROLE_LOGIN[role]}_{suffix}"
            _officer(agency, login, f"{Role(role).label} {agency.short_name}", [role])
            if short == "STP" or short == teams[len(DEPARTMENTS)][0]:
                shown.append((login, Role(role).label, agency.name))
    return shown


def _officer(agency: Agency, login: str, name: str, roles: list[str]) -> None:
    if User.objects.filter(username=login).exists():
        return
    identity.create_officer(
        actor=None, agency=agency, username=login, full_name=name, roles=roles, password=DEMO_PASSWORD
    )


def ensure_dossiers(count: int, seed: int, say: Say, progress=None) -> int:
    # Imported history (congso.demo.history) is not part of the generated count.
    missing = count - Dossier.objects.filter(province_code=PROVINCE_CODE).exclude(source="import").count()
    if missing <= 0:
        return 0
    offerings = offerings_for(PROVINCE_CODE)
    applicants = make_applicants(max(50, missing // 3), seed=seed)
    generator = Generator(province_code=PROVINCE_CODE, offerings=offerings, applicants=applicants, seed=seed)
    return generator.run(missing, progress=progress)
