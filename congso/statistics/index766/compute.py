"""Decision 766 index for one unit and period: one pass over the replayed facts, then the scoring.

Both steps are pure: `tally` consumes facts (from the live tables today, from snapshots later) and
`build` turns the tallies into the indicator table of the formula set in force.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from fractions import Fraction

from congso.statistics import form06
from congso.statistics.facts import Fact
from congso.statistics.index766 import timeliness
from congso.statistics.index766.formulas import INFO, TRACKED, WAITS_FOR, FormulaSet, Indicator
from congso.statistics.index766.scoring import ratio, round2, score
from congso.statistics.periods import Period
from congso.statistics.settings import Rules766

SCORED, PARTIAL, NA = "scored", "partial", "na"


@dataclass(frozen=True)
class Unit:
    kind: str  # province | agency | commune
    province_code: str
    agency_id: int | None = None
    code: str = ""
    name: str = ""

    @property
    def label(self) -> str:
        return {"province": "Tỉnh", "agency": "Cơ quan", "commune": "UBND cấp xã"}[self.kind]


@dataclass
class Tallies:
    population: int = 0  # 2.1 denominator
    on_time: int = 0  # 2.1 numerator
    on_time_ids: list[int] = field(default_factory=list, repr=False)
    late_ids: list[int] = field(default_factory=list, repr=False)
    completed: int = 0  # 2.2 denominator
    total_time: timedelta = timedelta(0)  # 2.2 numerator
    received_in_period: int = 0  # 3.3 display denominator (Form 06 online + direct/postal)
    received_online: int = 0  # 3.3 display numerator


def tally(facts: Iterable[Fact], period: Period, rules: Rules766, *, keep_ids: bool = False) -> Tallies:
    t = Tallies()
    for fact in facts:
        if timeliness.in_population(fact, period):
            t.population += 1
            verdict = timeliness.judge(fact, period, rules)
            if verdict.on_time:
                t.on_time += 1
            if keep_ids:
                (t.on_time_ids if verdict.on_time else t.late_ids).append(fact.id)
        if timeliness.finished_in_period(fact, period):
            t.completed += 1
            t.total_time += timeliness.working_time(fact)
        if form06.included(fact, period) and fact.received >= period.start:  # type: ignore[operator]
            t.received_in_period += 1
            t.received_online += fact.channel == 2
    return t


@dataclass
class IndicatorResult:
    indicator: Indicator
    numerator: int | Decimal | None = None
    denominator: int | None = None
    ratio: Fraction | None = None
    score: Decimal | None = None
    status: str = NA
    reason: str = ""


@dataclass
class GroupResult:
    code: str
    name: str
    points: int
    formula: str
    score: Decimal | None
    available_points: int


@dataclass
class IndexReport:
    period: Period
    unit: Unit
    formula: FormulaSet
    rules: Rules766
    indicators: list[IndicatorResult]
    groups: list[GroupResult]
    total: Decimal | None
    total_available: int


def _waiting(ind: Indicator) -> str:
    return "Chưa tính được: chờ " + "; ".join(WAITS_FOR[s] for s in ind.waits_for) + "."


def _indicator(ind: Indicator, t: Tallies, unit: Unit) -> IndicatorResult:
    if ind.province_only and unit.kind != "province":
        return IndicatorResult(ind, reason="Chỉ tính cho cấp tỉnh (Quyết định 766/QĐ-TTg).")
    if ind.code == "2.1":
        r = ratio(t.on_time, t.population)
        if r is None:
            return IndicatorResult(
                ind, t.on_time, t.population, reason="Không có hồ sơ trong kỳ (mẫu số bằng 0)."
            )
        return IndicatorResult(
            ind, t.on_time, t.population, r, score(ind.points, r, ind.rule, ind.target), SCORED
        )
    if ind.code == "2.2":
        days = round2(Fraction(t.total_time.total_seconds()) / 86400)
        average = ratio(Fraction(t.total_time.total_seconds()) / 86400, t.completed)
        reason = "Chỉ số theo dõi, không tính điểm; đơn vị: ngày (theo lịch) trên một hồ sơ."
        if average is None:
            reason = "Không có hồ sơ xử lý xong trong kỳ."
        return IndicatorResult(ind, days, t.completed, average, None, INFO, reason)
    if ind.code == "3.3":
        share = ratio(t.received_online, t.received_in_period)
        return IndicatorResult(
            ind, t.received_online, t.received_in_period, share, None, PARTIAL if share is not None else NA,
            _waiting(ind) + " Tỷ lệ hiển thị là hồ sơ trực tuyến ÷ hồ sơ tiếp nhận, chưa nhân tỷ lệ đồng bộ "
            "và chưa xét kết quả điện tử, nên chưa chấm điểm.",
        )  # fmt: skip
    reason = _waiting(ind)
    if ind.note:
        reason += " " + ind.note
    return IndicatorResult(ind, status=INFO if ind.rule == TRACKED else NA, reason=reason)


def score_indicator(ind: Indicator, numerator: int, denominator: int) -> Decimal | None:
    """Score from counts, with the 5.2/5.3 exception (full points when there is nothing to handle)."""
    if not denominator and ind.full_when_empty:
        return Decimal(ind.points).quantize(Decimal("0.01"))
    if ind.rule in (INFO, TRACKED) or (ind.rule != "linear" and ind.target is None):
        return None
    return score(ind.points, ratio(numerator, denominator), ind.rule, ind.target, cap=ind.cap)


def build(formula: FormulaSet, tallies: Tallies, unit: Unit, period: Period, rules: Rules766) -> IndexReport:
    results = [_indicator(ind, tallies, unit) for ind in formula.indicators]
    groups = []
    for group in formula.groups:
        scored = [r for r in results if r.indicator.group == group.code and r.score is not None]
        groups.append(
            GroupResult(
                group.code,
                group.name,
                group.points,
                group.formula,
                sum((r.score for r in scored), Decimal("0.00")) if scored else None,  # type: ignore[misc]
                sum(r.indicator.points for r in scored),
            )
        )
    scored_groups = [g for g in groups if g.score is not None]
    total = sum((g.score for g in scored_groups), Decimal("0.00")) if scored_groups else None  # type: ignore[misc]
    available = sum(g.available_points for g in groups)
    return IndexReport(period, unit, formula, rules, results, groups, total, available)
