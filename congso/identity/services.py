"""Writes for agencies, officers and applicants. `actor=None` means the system itself (a management
command run by an administrator on the server); every request-driven call passes the signed-in user."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from congso.core.errors import Conflict, InvalidInput
from congso.identity import permissions
from congso.identity.choices import AgencyKind, ApplicantKind, IdKind, Role
from congso.identity.models import Agency, Applicant, Officer, RoleGrant, User
from congso.identity.validation import clean_old_id_card, clean_personal_id, clean_tax_code
from congso.places.models import Commune, Province

ADMIN_ROLES = (Role.AGENCY_ADMIN, Role.PROVINCE_ADMIN)


def _authorise_admin(actor: User | None, agency: Agency, action: str) -> None:
    if actor is None:
        return
    permissions.require_role(actor, agency, ADMIN_ROLES, action=action)


@transaction.atomic
def create_agency(
    *,
    actor: User | None,
    code: str,
    name: str,
    province: Province,
    kind: str = AgencyKind.OTHER,
    parent: Agency | None = None,
    short_name: str = "",
    commune: Commune | None = None,
    imported: bool = False,
) -> Agency:
    code = (code or "").strip()
    if not code or not name.strip():
        raise InvalidInput("agency_invalid", "Cơ quan cần có mã và tên.", fields={"code": "bắt buộc"})
    if parent is not None:
        _authorise_admin(actor, parent, "thêm cơ quan trực thuộc")
        if parent.province_id != province.id:
            raise InvalidInput("agency_province_mismatch", "Cơ quan cấp trên thuộc tỉnh khác.")
    elif actor is not None and not actor.is_superuser:
        raise InvalidInput("agency_parent_required", "Chỉ quản trị hệ thống được tạo cơ quan cấp cao nhất.")
    if Agency.objects.filter(code=code).exists():
        raise Conflict("agency_exists", f"Mã cơ quan {code} đã tồn tại.")
    return Agency.objects.create(
        code=code,
        name=name.strip(),
        short_name=short_name,
        kind=kind,
        parent=parent,
        province=province,
        commune=commune,
        imported=imported,
    )


@transaction.atomic
def ensure_imported_agency(*, code: str, name: str, province: Province) -> Agency:
    """The agency with this code, created from a migrated record's code and name when unknown, marked
    `imported` and placed at no parent for an administrator to put in the tree (dossier-record.md)."""
    existing = Agency.objects.select_related("province").filter(code=(code or "").strip()).first()
    if existing is not None:
        return existing
    return create_agency(actor=None, code=code, name=name, province=province, imported=True)


@transaction.atomic
def close_into_successor(
    *, actor: User | None, agency: Agency, successor: Agency, former_province: Province | None = None
) -> Agency:
    """Record that the 2025 reorganisation (Resolution 202/2025/QH15) closed `agency` and gave its
    dossiers to `successor`; it keeps its code and its dossiers, reports roll its figures up."""
    _authorise_admin(actor, successor, "ghi nhận sáp nhập cơ quan")
    unit: Agency | None = successor
    while unit is not None:  # chains are short: an agency merged once or twice
        if unit.id == agency.id:
            raise InvalidInput(
                "successor_cycle", "Cơ quan không thể sáp nhập vào chính nó hoặc cơ quan kế tục nó."
            )
        unit = unit.successor
    agency.successor, agency.former_province, agency.active = successor, former_province, False
    agency.save(update_fields=["successor", "former_province", "active", "updated_at"])
    return agency


@transaction.atomic
def create_officer(
    *,
    actor: User | None,
    agency: Agency,
    username: str,
    full_name: str,
    roles: list[str],
    password: str | None = None,
    title: str = "",
    division: str = "",
) -> Officer:
    _authorise_admin(actor, agency, "tạo tài khoản cán bộ")
    unknown = [r for r in roles if r not in Role.values]
    if unknown:
        raise InvalidInput("unknown_role", f"Vai trò không tồn tại: {', '.join(unknown)}.")
    if (
        Role.PROVINCE_ADMIN in roles
        and actor is not None
        and not permissions.has_role(actor, agency, [Role.PROVINCE_ADMIN])
    ):
        raise InvalidInput("forbidden_role", "Chỉ quản trị cấp tỉnh được cấp vai trò quản trị cấp tỉnh.")
    try:
        user = User.objects.create_user(username=username, password=password, full_name=full_name)
    except IntegrityError as exc:
        raise Conflict("username_taken", f"Tên đăng nhập {username} đã được dùng.") from exc
    officer = Officer.objects.create(user=user, agency=agency, title=title, division=division)
    RoleGrant.objects.bulk_create([RoleGrant(officer=officer, agency=agency, role=r) for r in roles])
    return officer


@transaction.atomic
def grant_role(*, actor: User | None, officer: Officer, agency: Agency, role: str) -> RoleGrant:
    _authorise_admin(actor, agency, "phân quyền cán bộ")
    if role not in Role.values:
        raise InvalidInput("unknown_role", f"Vai trò không tồn tại: {role}.")
    grant, _ = RoleGrant.objects.get_or_create(officer=officer, agency=agency, role=role)
    permissions.forget(officer.user)
    return grant


def clean_identity(kind: int, id_kind: int, id_number: str) -> str:
    if id_kind == IdKind.PERSONAL_ID:
        return clean_personal_id(id_number)
    if id_kind == IdKind.OLD_ID_CARD:
        return clean_old_id_card(id_number)
    if id_kind == IdKind.TAX_CODE:
        return clean_tax_code(id_number)
    raise InvalidInput("unknown_id_kind", "Loại giấy tờ tùy thân không hợp lệ.")


@transaction.atomic
def find_or_create_applicant(
    *,
    full_name: str,
    id_number: str,
    kind: int = ApplicantKind.CITIZEN,
    id_kind: int | None = None,
    phone: str = "",
    email: str = "",
    address: str = "",
    commune: Commune | None = None,
    user: User | None = None,
) -> Applicant:
    """The applicant with this identity number, created on first sight; contact details refreshed."""
    if id_kind is None:
        id_kind = IdKind.PERSONAL_ID if kind == ApplicantKind.CITIZEN else IdKind.TAX_CODE
    number = clean_identity(kind, id_kind, id_number)
    name = " ".join((full_name or "").split())
    if not name:
        raise InvalidInput(
            "name_required", "Vui lòng nhập họ tên người nộp hồ sơ.", fields={"full_name": "bắt buộc"}
        )
    applicant, created = Applicant.objects.get_or_create(
        id_kind=id_kind,
        id_number=number,
        defaults=dict(
            kind=kind, full_name=name, phone=phone, email=email, address=address, commune=commune, user=user
        ),
    )
    if not created:
        changed = []
        for field, value in (("phone", phone), ("email", email), ("address", address), ("commune", commune)):
            if value and getattr(applicant, field) != value:
                setattr(applicant, field, value)
                changed.append(field)
        if user is not None and applicant.user_id is None:
            applicant.user = user
            changed.append("user")
        if changed:
            applicant.save(update_fields=[*changed, "updated_at"])
    return applicant
