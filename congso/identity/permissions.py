"""The one place that answers "may this user act as ROLE in AGENCY?". Every domain asks here.

Roles are scoped to an agency (RoleGrant). A province administrator's grant at the provincial People's
Committee reaches every agency of that province; any other grant reaches only its own agency.
"""

from __future__ import annotations

from collections.abc import Iterable

from congso.core.errors import PermissionDenied
from congso.identity.choices import Role
from congso.identity.models import Agency, RoleGrant, User


def _grants(user: User) -> list[RoleGrant]:
    cache = getattr(user, "_congso_grants", None)
    if cache is None:
        if not user or not user.is_authenticated:
            cache = []
        else:
            cache = list(RoleGrant.objects.filter(officer__user=user).select_related("agency"))
        user._congso_grants = cache
    return cache


def grants_of(user: User) -> list[RoleGrant]:
    """The user's role grants (with their agencies), cached on the user object for the request."""
    return _grants(user)


def roles_in(user: User, agency: Agency) -> set[str]:
    roles: set[str] = set()
    for grant in _grants(user):
        if grant.agency_id == agency.id:
            roles.add(grant.role)
        elif grant.role == Role.PROVINCE_ADMIN and grant.agency.province_id == agency.province_id:
            roles.add(Role.PROVINCE_ADMIN)
    return roles


def has_role(user: User, agency: Agency, roles: Iterable[str]) -> bool:
    return bool(roles_in(user, agency) & set(roles))


def require_role(user: User, agency: Agency, roles: Iterable[str], *, action: str) -> None:
    wanted = set(roles)
    if not has_role(user, agency, wanted):
        names = ", ".join(sorted(Role(r).label for r in wanted))
        raise PermissionDenied(
            "forbidden",
            f"Bạn không có quyền {action} tại {agency.name} (cần vai trò: {names}).",
        )


def agency_ids_for(user: User, roles: Iterable[str] | None = None) -> set[int]:
    """Agencies where the user holds any of `roles` (all roles if None); province admins reach their province."""
    wanted = set(roles) if roles is not None else None
    ids: set[int] = set()
    province_ids: set[int] = set()
    for grant in _grants(user):
        if grant.role == Role.PROVINCE_ADMIN:
            province_ids.add(grant.agency.province_id)
        if wanted is None or grant.role in wanted:
            ids.add(grant.agency_id)
    if province_ids and (wanted is None or Role.PROVINCE_ADMIN in wanted):
        ids |= set(Agency.objects.filter(province_id__in=province_ids).values_list("id", flat=True))
    return ids


def forget(user: User) -> None:
    """Drop the per-request cache after grants change."""
    if hasattr(user, "_congso_grants"):
        del user._congso_grants
