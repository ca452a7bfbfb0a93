"""Live figures of the operations dashboard: who sees which scope, today's counters and what is overdue
right now, per agency and per commune. Small indexed counts on the live tables, no replay.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Q, QuerySet

from congso.core import clock
from congso.core.text import vn_fold
from congso.dossiers.choices import OPEN, PAUSED, Channel, Status
from congso.dossiers.models import Dossier, DossierEvent
from congso.identity import permissions
from congso.identity.choices import AgencyKind
from congso.identity.models import Agency, User
from congso.places.models import Province
from congso.statistics import permissions as statistics_permissions

ACTIVE = frozenset(OPEN - PAUSED)  # 2, 4: the clock runs (a paused dossier is not overdue, Form 06 §9.1)


# --- who sees what ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """The figures one page shows: the whole province, or one agency (an officer's own)."""

    province_code: str
    name: str
    agency: Agency | None = None

    @property
    def key(self) -> str:
        return self.agency.code if self.agency else f"tinh-{self.province_code}"


# Leaders and statistics viewers of the provincial People's Committee see the whole province, as do
# province administrators (statistics.permissions, the rule of the Form 06 screen and the API); every
# other officer sees the agencies of their grants, their own figures whatever their role.


def scopes_for(user: User) -> list[Scope]:
    """The scopes the user may open, province first; empty for a citizen or a stranger."""
    grants = permissions.grants_of(user)
    provinces: set[int] = set()
    agencies: dict[int, Agency] = {}
    for grant in grants:
        agency = grant.agency
        if statistics_permissions.reads_province(grant):
            provinces.add(agency.province_id)
        else:
            agencies[agency.id] = agency
    scopes = [Scope(p.code, p.name) for p in Province.objects.filter(id__in=provinces).order_by("code")]
    codes = {p: c for p, c in Province.objects.filter(id__in={a.province_id for a in agencies.values()})
             .values_list("id", "code")}  # fmt: skip
    for agency in sorted(agencies.values(), key=lambda a: vn_fold(a.name)):
        scopes.append(Scope(codes[agency.province_id], agency.name, agency))
    return scopes


# --- today ---------------------------------------------------------------------------------------------


@dataclass
class Today:
    day: date
    at: datetime
    received_by_channel: list[tuple[str, int]]  # (Vietnamese channel name, count), every channel
    resolved: int  # NgayKetThucXuLy today (status 7 or 9)
    overdue: int  # open, clock running (2, 4), due moment passed
    open_total: int  # every open dossier (2, 4, 5, 6, 8)
    awaiting_acceptance: int  # submitted online, not yet accepted (status 1)

    @property
    def received(self) -> int:
        return sum(n for _, n in self.received_by_channel)


def day_bounds(now: datetime) -> tuple[date, datetime, datetime]:
    """Today on Vietnamese time and its [00:00, next 00:00) moments."""
    day = clock.local(now).date()
    start = clock.vn(day.year, day.month, day.day)
    return day, start, start + timedelta(days=1)


def dossiers_of(scope: Scope) -> QuerySet[Dossier]:
    rows = Dossier.objects.filter(province_code=scope.province_code)
    return rows.filter(agency=scope.agency) if scope.agency else rows


def today(scope: Scope, now: datetime) -> Today:
    """Today's intake by channel, today's resolutions and the open dossiers overdue right now: a few
    indexed counts (received_at and the event time are indexed per province)."""
    day, start, end = day_bounds(now)
    received = dict(
        dossiers_of(scope)
        .filter(received_at__gte=start, received_at__lt=end)
        .values_list("channel")
        .annotate(n=Count("id"))
    )
    # Resolved today: the first end event (7 or 9, NgayKetThucXuLy) falls today. Today's end events
    # find the candidates through the (province, at) index; ended_at keeps a dossier withdrawn
    # yesterday and finished today out.
    ended_today = DossierEvent.objects.filter(
        province_code=scope.province_code,
        at__gte=start,
        at__lt=end,
        to_status__in=(Status.WITHDRAWN, Status.FINISHED),
    ).values("dossier_id")
    resolved = dossiers_of(scope).filter(id__in=ended_today, ended_at__gte=start, ended_at__lt=end).count()
    open_rows = (
        dossiers_of(scope)
        .filter(status__in=OPEN)
        .aggregate(total=Count("id"), overdue=Count("id", filter=Q(status__in=ACTIVE, due_at__lt=now)))
    )
    return Today(
        day=day,
        at=now,
        received_by_channel=[(label, received.get(value, 0)) for value, label in Channel.choices],
        resolved=resolved,
        overdue=open_rows["overdue"],
        open_total=open_rows["total"],
        awaiting_acceptance=dossiers_of(scope).filter(status=Status.SUBMITTED).count(),
    )


# --- overdue by unit -----------------------------------------------------------------------------------


@dataclass
class UnitFigure:
    key: str  # agency code, or "xa-<commune id>" for a commune
    name: str
    overdue: int
    open: int


@dataclass
class OverdueByUnit:
    at: datetime
    agencies: list[UnitFigure]
    communes: list[UnitFigure]


def commune_key(agency: Agency) -> tuple[str, str]:
    """Commune committees are grouped by their commune (one ward may have had several committees
    through the 2025 mergers); a committee without a commune stands for itself."""
    if agency.commune_id:
        return f"xa-{agency.commune_id}", agency.commune.name
    return agency.code, agency.name


def overdue_by_unit(scope: Scope, now: datetime) -> OverdueByUnit:
    """Open dossiers whose due moment has passed (clock running: not awaiting a supplement, fees or a
    stop) per agency and per commune, worst first; units with nothing overdue are left out."""
    rows = (
        dossiers_of(scope)
        .filter(status__in=OPEN)
        .values("agency_id")
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(status__in=ACTIVE, due_at__lt=now)))
    )
    figures = {r["agency_id"]: r for r in rows if r["overdue"]}
    agencies, communes = {}, {}
    for agency in Agency.objects.filter(id__in=figures).select_related("commune"):
        r = figures[agency.id]
        if agency.kind == AgencyKind.COMMUNE_COMMITTEE:
            key, name = commune_key(agency)
            target = communes
        else:
            key, name, target = agency.code, agency.name, agencies
        unit = target.setdefault(key, UnitFigure(key, name, 0, 0))
        unit.overdue += r["overdue"]
        unit.open += r["open"]

    def order(units: dict[str, UnitFigure]) -> list[UnitFigure]:
        return sorted(units.values(), key=lambda u: (-u.overdue, vn_fold(u.name)))

    return OverdueByUnit(now, order(agencies), order(communes))
