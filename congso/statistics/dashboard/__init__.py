"""The operations dashboard (IOC) read model: what a leader sees on the wall screen and on a phone.

Pure-ish selectors returning dataclasses; the page (backoffice.dashboard_views) caches and draws them.
Period figures come from Form 06 (`selectors.form06_report`, Circular 01/2020/TT-VPCP) so the dashboard
and the printed form can never disagree; "today" figures are small indexed counts on the live tables.

Modules: `live` (scopes, today, overdue now), `shares` (online, payment, satisfaction, 12-month trend),
`ranking` (agencies and communes, minimum volume), `targets` (plan and Decision 766 targets).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from congso.core import clock
from congso.statistics import form06
from congso.statistics.dashboard.live import (
    ACTIVE,
    OverdueByUnit,
    Scope,
    Today,
    UnitFigure,
    commune_key,
    day_bounds,
    dossiers_of,
    overdue_by_unit,
    scopes_for,
    today,
)
from congso.statistics.dashboard.ranking import (
    LEVELS,
    UNRANKED_TEXT,
    Ranking,
    RankRow,
    min_volume_setting,
    ranking,
)
from congso.statistics.dashboard.shares import (
    ONLINE_GATEWAYS,
    MonthPoint,
    Share,
    Shares,
    form06_of,
    last_months,
    online_share,
    payment_share,
    satisfaction,
    shares,
    trend_12_months,
)
from congso.statistics.dashboard.targets import (
    BEHIND,
    DIRECTIONS,
    NO_DATA,
    NO_DATA_TEXT,
    ON_TRACK,
    PLAN_FILE,
    STATUS_LABELS,
    PlanTargets,
    TargetRow,
    full_online_offerings,
    mark,
    plan_targets,
    reference,
    service_index_rows,
)
from congso.statistics.periods import Period

__all__ = [
    "ACTIVE",
    "BEHIND",
    "DIRECTIONS",
    "LEVELS",
    "NO_DATA",
    "NO_DATA_TEXT",
    "ONLINE_GATEWAYS",
    "ON_TRACK",
    "PLAN_FILE",
    "STATUS_LABELS",
    "UNRANKED_TEXT",
    "Board",
    "MonthPoint",
    "OverdueByUnit",
    "PlanTargets",
    "RankRow",
    "Ranking",
    "Scope",
    "Share",
    "Shares",
    "TargetRow",
    "Today",
    "UnitFigure",
    "board",
    "commune_key",
    "day_bounds",
    "dossiers_of",
    "form06_of",
    "full_online_offerings",
    "last_months",
    "mark",
    "min_volume_setting",
    "online_share",
    "overdue_by_unit",
    "payment_share",
    "plan_targets",
    "ranking",
    "reference",
    "satisfaction",
    "scopes_for",
    "service_index_rows",
    "shares",
    "today",
    "trend_12_months",
]


# --- the whole board --------------------------------------------------------------------------------


@dataclass
class Board:
    scope: Scope
    period: Period
    computed_at: datetime
    today: Today
    total: form06.Counts  # the period's Form 06 total
    shares: Shares
    overdue: OverdueByUnit
    trend: list[MonthPoint]
    rankings: list[Ranking]  # agencies, communes; empty for one agency
    targets: PlanTargets | None  # province-wide targets: only for the province scope
    notes: list[str] = field(default_factory=list)


def board(scope: Scope, period: Period, now: datetime) -> Board:
    """Everything the dashboard shows, with the period's Form 06 report computed once and shared."""
    report = form06_of(scope, period)
    period_shares = shares(scope, period, report=report)
    province_wide = scope.agency is None
    return Board(
        scope=scope,
        period=period,
        computed_at=now,
        today=today(scope, now),
        total=report.total,
        shares=period_shares,
        overdue=overdue_by_unit(scope, now),
        trend=trend_12_months(scope, min(period.last, clock.local(now).date())),
        rankings=[ranking(scope, period, level, report=report) for level in LEVELS] if province_wide else [],
        targets=plan_targets(scope, period, shares_=period_shares) if province_wide else None,
        notes=list(report.notes),
    )
