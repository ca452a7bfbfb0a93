"""Ranking of agencies and communes by the Form 06 on-time rate, with a minimum volume so a commune with
three dossiers does not top a table of units with hundreds.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

from congso.core.errors import InvalidInput
from congso.core.text import round_percent, vn_fold
from congso.identity.choices import AgencyKind
from congso.identity.models import Agency
from congso.statistics import selectors
from congso.statistics.dashboard.live import Scope, commune_key
from congso.statistics.dashboard.shares import form06_of
from congso.statistics.periods import Period
from congso.statistics.settings import DEFAULTS

LEVELS = {"agency": "cơ quan, đơn vị", "commune": "xã, phường, đặc khu"}
UNRANKED_TEXT = "chưa đủ số lượng để xếp hạng"


@dataclass
class RankRow:
    key: str
    name: str
    resolved: int
    on_time: int  # early + on time (Form 06)
    received: int
    rank: int | None = None  # None: below the minimum volume

    @property
    def rate(self) -> Decimal | None:
        return round_percent(self.on_time, self.resolved)

    @property
    def exact_rate(self) -> Fraction:
        return Fraction(self.on_time, self.resolved) if self.resolved else Fraction(-1)


@dataclass
class Ranking:
    level: str  # agency | commune
    min_volume: int
    ranked: list[RankRow]
    unranked: list[RankRow]  # "chưa đủ số lượng để xếp hạng": some dossiers, fewer resolved than min_volume
    without_dossiers: int  # units with no dossier at all in the period

    @property
    def level_name(self) -> str:
        return LEVELS[self.level]


def min_volume_setting() -> int:
    name = "CONGSO_DASHBOARD_MIN_VOLUME"
    value = getattr(django_settings, name, DEFAULTS[name][0])
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number < 1:
        raise ImproperlyConfigured(f"{name}={value!r} không hợp lệ; cần một số nguyên dương.")
    return number


def ranking(
    scope: Scope,
    period: Period,
    level: str,
    min_volume: int | None = None,
    *,
    report: selectors.Form06Report | None = None,
) -> Ranking:
    """Agencies or communes ranked by on-time rate (Form 06), then by the number resolved; equal rate and
    equal volume share a rank (1, 1, 3). A unit with fewer than `min_volume` resolved dossiers is listed
    apart, so a commune with 3 dossiers all on time does not top a table of units with hundreds."""
    if level not in LEVELS:
        raise InvalidInput("invalid_level", "Chỉ xếp hạng được theo cơ quan, đơn vị hoặc theo xã, phường.")
    min_volume = min_volume_setting() if min_volume is None else min_volume
    report = report or form06_of(scope, period)
    agencies = {
        a.code: a
        for a in Agency.objects.filter(code__in=[r.key[0] for r in report.rows]).select_related("commune")
    }
    units: dict[str, RankRow] = {}
    for row in report.rows:
        agency = agencies[row.key[0]]
        if (agency.kind == AgencyKind.COMMUNE_COMMITTEE) != (level == "commune"):
            continue
        key, name = commune_key(agency) if level == "commune" else (agency.code, agency.name)
        unit = units.setdefault(key, RankRow(key, name, 0, 0, 0))
        c = row.counts
        unit.resolved += c.resolved_total
        unit.on_time += c.resolved_early + c.resolved_on_time
        unit.received += c.received_total
    active = [u for u in units.values() if u.received or u.resolved]
    ranked = sorted(
        (u for u in active if u.resolved >= min_volume),
        key=lambda u: (-u.exact_rate, -u.resolved, vn_fold(u.name)),
    )
    for i, unit in enumerate(ranked):
        previous = ranked[i - 1] if i else None
        if previous is not None and (previous.exact_rate, previous.resolved) == (
            unit.exact_rate,
            unit.resolved,
        ):
            unit.rank = previous.rank  # a tie shares the rank; the next unit skips (1, 1, 3)
        else:
            unit.rank = i + 1
    unranked = sorted(
        (u for u in active if u.resolved < min_volume), key=lambda u: (-u.resolved, vn_fold(u.name))
    )
    return Ranking(level, min_volume, ranked, unranked, len(units) - len(active))
