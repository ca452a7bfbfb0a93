"""Period figures beside Form 06: the online share (Form 06 columns), the online payment share, citizen
satisfaction, and the 12-month trend read month by month from Form 06 itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count

from congso.core.text import round_percent
from congso.feedback.choices import Level as RatingLevel
from congso.feedback.models import DossierRating
from congso.payments.choices import FeeState, Gateway, TxKind
from congso.payments.models import FeeObligation
from congso.statistics import form06, selectors
from congso.statistics.dashboard.live import Scope, dossiers_of
from congso.statistics.periods import Period

# Online payment (Decision 766 indicator A counts DuocThanhToanTrucTuyen 1 = DVCQG, 2 = provincial
# gateway); a VietQR transfer is paid online from the citizen's bank too. Cash at the counter is not.
ONLINE_GATEWAYS = (Gateway.DVCQG, Gateway.VIETQR)


# --- shares ------------------------------------------------------------------------------------------


@dataclass
class Share:
    numerator: int
    denominator: int
    definition: str  # the label a leader reads under the figure

    @property
    def percent(self) -> Decimal | None:
        return round_percent(self.numerator, self.denominator)


@dataclass
class Shares:
    online: Share
    payment: Share
    satisfaction: Share
    ratings_by_level: list[tuple[str, int]]  # (Vietnamese level, count), best first


ONLINE_DEFINITION = (
    "Hồ sơ nộp trực tuyến ÷ hồ sơ tiếp nhận trong kỳ (Biểu 06: cột trực tuyến ÷ (trực tuyến + trực tiếp, "
    "bưu chính); không tính hồ sơ kỳ trước chuyển qua)"
)
PAYMENT_DEFINITION = (
    "Hồ sơ đã thanh toán trực tuyến thành công (Cổng DVCQG hoặc chuyển khoản VietQR) ÷ hồ sơ có nghĩa vụ "
    "phí, lệ phí khác 0 đồng phát sinh trong kỳ"
)
SATISFACTION_DEFINITION = (
    "Lượt đánh giá “Rất hài lòng” hoặc “Hài lòng” ÷ tổng lượt đánh giá hồ sơ của người dân trong kỳ"
)


def online_share(total: form06.Counts) -> Share:
    return Share(
        total.received_online, total.received_online + total.received_direct_postal, ONLINE_DEFINITION
    )


def payment_share(scope: Scope, period: Period) -> Share:
    """Decision 766 indicator A as congso can measure it: among the dossiers whose fee obligation
    (not exempt, not cancelled, above 0 đ) was opened in the period, those paid online."""
    obligations = FeeObligation.objects.filter(
        province_code=scope.province_code,
        opened_at__gte=period.start,
        opened_at__lt=period.end,
        total_vnd__gt=0,
        exempt=False,
    ).exclude(state=FeeState.CANCELLED)
    if scope.agency:
        # Payments names its dossier by id (siblings do not join); the agency lives on the dossier.
        obligations = obligations.filter(dossier_id__in=dossiers_of(scope).values("id"))
    paid = obligations.filter(
        attempts__gateway__in=ONLINE_GATEWAYS,
        attempts__transactions__kind=TxKind.SUCCESS,
        attempts__transactions__at__lt=period.end,
    )
    return Share(
        paid.values("dossier_id").distinct().count(),
        obligations.values("dossier_id").distinct().count(),
        PAYMENT_DEFINITION,
    )


def satisfaction(scope: Scope, period: Period) -> tuple[Share, list[tuple[str, int]]]:
    ratings = DossierRating.objects.filter(
        province_code=scope.province_code, rated_at__gte=period.start, rated_at__lt=period.end
    )
    if scope.agency:
        ratings = ratings.filter(agency_id=scope.agency.id)
    levels = dict(ratings.values_list("level").annotate(n=Count("id")))
    ordered = sorted(RatingLevel.choices, key=lambda c: -c[0])
    satisfied = levels.get(RatingLevel.VERY_SATISFIED, 0) + levels.get(RatingLevel.SATISFIED, 0)
    share = Share(satisfied, sum(levels.values()), SATISFACTION_DEFINITION)
    return share, [(label, levels.get(value, 0)) for value, label in ordered]


def shares(scope: Scope, period: Period, *, report: selectors.Form06Report | None = None) -> Shares:
    """Online share (Form 06 columns), online payment share and citizen satisfaction for a period.
    Pass the period's Form 06 report when it is already at hand, so it is not computed twice."""
    report = report or form06_of(scope, period)
    rated, levels = satisfaction(scope, period)
    return Shares(online_share(report.total), payment_share(scope, period), rated, levels)


def form06_of(scope: Scope, period: Period) -> selectors.Form06Report:
    return selectors.form06_report(period=period, province_code=scope.province_code, agency=scope.agency)


# --- trend ---------------------------------------------------------------------------------------------


@dataclass
class MonthPoint:
    period: Period
    received: int  # received in the month (online + direct/postal), without carried-over dossiers
    received_online: int
    resolved: int
    on_time_rate: Decimal | None  # (early + on time) ÷ resolved, Form 06

    @property
    def label(self) -> str:
        return f"{self.period.first:%m/%Y}"


def last_months(until: date, count: int = 12) -> list[Period]:
    """The `count` calendar months ending with the month of `until`, oldest first."""
    year, month = until.year, until.month
    months = []
    for _ in range(count):
        months.append(Period.month(year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    # The running month ends at `until`: its open dossiers are judged today, not at the month's end.
    months[0] = Period(months[0].first, min(months[0].last, until))
    return months[::-1]


def trend_12_months(scope: Scope, until: date) -> list[MonthPoint]:
    """Received, resolved and the on-time rate per month over the 12 months ending with `until`'s month,
    each month exactly its Form 06 (the snapshots make a closed month a cheap read)."""
    points = []
    for month in last_months(until):
        total = form06_of(scope, month).total
        points.append(
            MonthPoint(
                month,
                total.received_online + total.received_direct_postal,
                total.received_online,
                total.resolved_total,
                total.on_time_rate,
            )
        )
    return points
