"""Who may read which statistics: one rule for the Form 06 screen, the statistics API and the dashboard.

The whole province is read by its administrators and by the leaders and statistics viewers of the
provincial People's Committee (the Office of the committee compiles Form 06 for the province, Circular
01/2020/TT-VPCP art. 4); any other officer holding a reader role reads only the agencies where he holds
it. Reading is all these surfaces do: statistics never write a case.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from congso.identity import permissions as identity_permissions
from congso.identity.choices import AgencyKind, Role
from congso.identity.models import Agency, RoleGrant, User
from congso.places.models import Province

READERS = frozenset({Role.STATISTICS_VIEWER, Role.LEADER, Role.AGENCY_ADMIN, Role.PROVINCE_ADMIN})
# Roles that reach the whole province when held at the provincial People's Committee.
PROVINCE_WIDE = frozenset({Role.LEADER, Role.STATISTICS_VIEWER})


def reads_province(grant: RoleGrant) -> bool:
    return grant.role == Role.PROVINCE_ADMIN or (
        grant.role in PROVINCE_WIDE and grant.agency.kind == AgencyKind.PROVINCE_COMMITTEE
    )


@dataclass
class Access:
    province: Province | None  # the province read whole; None when only some agencies are readable
    agencies: list[Agency] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return self.province is not None or bool(self.agencies)

    def allows(self, agency: Agency | None) -> bool:
        """None asks for the whole province."""
        if agency is None:
            return self.province is not None
        if self.province is not None and agency.province_id == self.province.id:
            return True
        return any(a.id == agency.id for a in self.agencies)


def access_of(user: User) -> Access:
    grants = [g for g in identity_permissions.grants_of(user) if g.role in READERS]
    if not grants:
        return Access(None)
    ids = {g.agency.province_id for g in grants if reads_province(g)}
    provinces = list(Province.objects.filter(id__in=ids).order_by("code"))
    # A reader of several provinces reads the one this installation serves first.
    province = next((p for p in provinces if p.code == settings.CONGSO_PROVINCE_CODE), None) or next(
        iter(provinces), None
    )
    # Agencies where a reader role is held, and every agency of the province read whole.
    agency_ids = identity_permissions.agency_ids_for(user, READERS)
    readable = Agency.objects.filter(id__in=agency_ids)
    if province is not None:
        readable = readable | Agency.objects.filter(province=province)
    agencies = list(readable.select_related("province").order_by("code"))
    return Access(province, agencies)
