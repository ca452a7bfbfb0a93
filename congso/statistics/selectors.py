"""Public read API of the statistics module: Form 06, the Decision 766 index and the dossiers behind
every figure. Surfaces (commands, pages, the API, the dashboard) call these; nothing below imports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db.models import QuerySet

from congso.catalog.choices import Level
from congso.catalog.models import Field
from congso.core import clock
from congso.core.errors import InvalidInput, NotFound
from congso.core.text import vn_fold
from congso.dossiers.models import Dossier
from congso.identity.choices import AgencyKind
from congso.identity.models import Agency
from congso.places.models import Province
from congso.statistics import form06, queries, rollup
from congso.statistics.index766 import compute
from congso.statistics.index766.formulas import formula_set_for
from congso.statistics.periods import Period
from congso.statistics.queries import Scope
from congso.statistics.settings import rules_766
from congso.statistics.snapshots import read as snapshot_read

NO_FIELD = "Chưa phân loại lĩnh vực"


def level_of(agency_kind: str) -> str:
    """Level (cấp) of a dossier in Form 06 by field and level: the level of the agency that resolves it
    (two-tier local government since 01/07/2025: province and commune; vertical agencies apart)."""
    if agency_kind == AgencyKind.COMMUNE_COMMITTEE:
        return Level.COMMUNE
    if agency_kind == AgencyKind.CENTRAL:
        return Level.OTHER
    return Level.PROVINCE


def kinds_of(level: str) -> tuple[str, ...]:
    return tuple(k for k in AgencyKind.values if level_of(k) == level)


def find_agency(code: str) -> Agency:
    agency = Agency.objects.select_related("province").filter(code=(code or "").strip()).first()
    if agency is None:
        raise NotFound("agency_not_found", f"Không tìm thấy cơ quan, đơn vị có mã “{code}”.")
    return agency


def _province(province_code: str | None, agency: Agency | None) -> str:
    if agency is not None:
        return agency.province.code
    return province_code or settings.CONGSO_PROVINCE_CODE


# --- Form 06 ------------------------------------------------------------------------------------------


@dataclass
class Form06Row:
    key: tuple  # (agency code,) or (field id, level)
    labels: dict[str, object]  # agency/name or field/field_name/level/level_name
    counts: form06.Counts


@dataclass
class Form06Report:
    period: Period
    province_code: str
    agency: Agency | None
    group_by: str  # agency | field_level
    rows: list[Form06Row]
    total: form06.Counts
    formula_version: str = form06.FORMULA_VERSION
    notes: list[str] = field(default_factory=list)
    view: str = rollup.AS_WAS  # rolled_up or as_was: how merged (closed) agencies are shown (rollup.py)


def form06_report(
    *,
    period: Period,
    province_code: str | None = None,
    agency: Agency | None = None,
    group_by: str = "agency",
    view: str = rollup.ROLLED_UP,
) -> Form06Report:
    """Biểu số 06 for the province (or one agency), by agency (06a) or by field and level, aggregated in
    the database over the replayed history. Raises form06.IdentityError rather than print a broken form."""
    if group_by not in ("agency", "field_level"):
        raise InvalidInput("invalid_grouping", "Chỉ lập được biểu theo cơ quan hoặc theo lĩnh vực và cấp.")
    rollup.check_view(view)
    province = _province(province_code, agency)
    scope = Scope(province, agency_id=agency.id if agency else None)
    if group_by == "agency":
        rows = _rows_by_agency(scope, period, agency)
    else:
        rows = _rows_by_field_level(scope, period)
    total = form06.Counts()
    for row in rows:
        row.counts.check_identity(" / ".join(str(v) for v in row.labels.values()))
        total += row.counts
    total.check_identity("dòng tổng cộng")
    report = Form06Report(period, province, agency, group_by, rows, total)
    if period.last >= _today():
        report.notes.append(
            "Kỳ báo cáo chưa kết thúc: hồ sơ đang giải quyết được đánh giá trong hạn/quá hạn tại ngày kết thúc kỳ."
        )
    return rollup.apply(report, view=view)  # merged agencies: rolled up into their successors, or as was


def _today() -> date:
    return clock.local(clock.now()).date()


def _form06_aggregate(
    scope: Scope, period: Period, *, group: tuple[str, ...]
) -> list[tuple[tuple, form06.Counts]]:
    """Closed whole months from the snapshots plus a live tail when the period allows it (ADR 0004), the
    same figures as the live replay; otherwise the replay itself."""
    composed = snapshot_read.form06_aggregate(scope, period, group=group)
    return composed if composed is not None else queries.form06_aggregate(scope, period, group=group)


def _rows_by_agency(scope: Scope, period: Period, agency: Agency | None) -> list[Form06Row]:
    figures = dict(_form06_aggregate(scope, period, group=("agency_id",)))
    if agency is not None:
        agencies = [agency]
    else:
        # Every agency of the province (a unit with no dossier reports zeros), plus any other agency
        # that resolved dossiers of the province.
        ids = {k[0] for k in figures}
        agencies = list(
            Agency.objects.filter(province__code=scope.province_code, province__era="current")
            | Agency.objects.filter(id__in=ids)
        )
        agencies.sort(key=lambda a: a.code)
    return [
        Form06Row((a.code,), {"agency": a.code, "name": a.name}, figures.get((a.id,), form06.Counts()))
        for a in agencies
    ]


def _rows_by_field_level(scope: Scope, period: Period) -> list[Form06Row]:
    merged: dict[tuple, form06.Counts] = {}
    for (field_id, kind), counts in _form06_aggregate(scope, period, group=("field_id", "agency_kind")):
        bucket = merged.setdefault((field_id, level_of(kind)), form06.Counts())
        bucket += counts
    names = dict(Field.objects.filter(id__in={k[0] for k in merged if k[0]}).values_list("id", "name"))
    order = {level: n for n, level in enumerate(Level.values)}
    # Vietnamese order of field names (diacritics folded), unclassified last.
    keys = sorted(merged, key=lambda k: (order[k[1]], k[0] is None, vn_fold(names.get(k[0], "")), k[0] or 0))
    return [
        Form06Row(
            key,
            {
                "field": key[0],
                "field_name": names.get(key[0], NO_FIELD) if key[0] else NO_FIELD,
                "level": key[1],
                "level_name": Level(key[1]).label,
            },
            merged[key],
        )
        for key in keys
    ]


def form06_cell(
    *,
    period: Period,
    column: str,
    province_code: str | None = None,
    agency: Agency | None = None,
    field_id: int | None = None,
    no_field: bool = False,
    level: str | None = None,
) -> QuerySet[Dossier]:
    """The dossiers behind one Form 06 figure (agency or field/level cell, or a total), lazily, as a
    queryset a page can paginate: `len(form06_cell(...)) == the figure`."""
    if column not in form06.COLUMNS:
        raise InvalidInput(
            "invalid_column",
            f"Cột “{column}” không có danh sách hồ sơ; chọn một trong: {', '.join(form06.COLUMNS)}.",
        )
    if level is not None and level not in Level.values:
        raise InvalidInput(
            "invalid_level", f"Cấp “{level}” không hợp lệ; chọn một trong: {', '.join(Level.values)}."
        )
    scope = Scope(
        _province(province_code, agency),
        agency_id=agency.id if agency else None,
        field_id=field_id,
        no_field=no_field,
        agency_kinds=kinds_of(level) if level else (),
    )
    return queries.dossiers_in_cell(scope, period, column).order_by("code")


# --- Decision 766 -------------------------------------------------------------------------------------


def unit_for(*, province_code: str | None = None, agency: Agency | None = None) -> compute.Unit:
    if agency is None:
        code = province_code or settings.CONGSO_PROVINCE_CODE
        province = Province.objects.filter(era="current", code=code).first()
        return compute.Unit("province", code, None, code, province.name if province else f"Tỉnh mã {code}")
    kind = "commune" if agency.kind == AgencyKind.COMMUNE_COMMITTEE else "agency"
    return compute.Unit(kind, agency.province.code, agency.id, agency.code, agency.name)


def index766_report(
    *, period: Period, province_code: str | None = None, agency: Agency | None = None
) -> compute.IndexReport:
    """The Decision 766 index of the province, an agency or a commune committee for a period (monthly,
    quarterly, yearly or any range), with the formula set in force at the period's start."""
    rules = rules_766()
    formula = formula_set_for(period.first, rules)
    unit = unit_for(province_code=province_code, agency=agency)
    scope = Scope(unit.province_code, agency_id=unit.agency_id)
    tallies = snapshot_read.tallies_766(scope, period, rules)  # None: not from snapshots (ADR 0004)
    if tallies is None:
        tallies = compute.tally(queries.stream_facts(scope, period, with_pauses=True), period, rules)
    return compute.build(formula, tallies, unit, period, rules)


def index766_cell(
    *, period: Period, part: str, province_code: str | None = None, agency: Agency | None = None
) -> QuerySet[Dossier]:
    """The dossiers behind indicator 2.1: `numerator` (on time), `late` (denominator − numerator) or
    `denominator` (received or processed in the period)."""
    if part not in ("numerator", "late", "denominator"):
        raise InvalidInput("invalid_part", "Chỉ chọn được: numerator, late hoặc denominator.")
    rules = rules_766()
    unit = unit_for(province_code=province_code, agency=agency)
    scope = Scope(unit.province_code, agency_id=unit.agency_id)
    tallies = compute.tally(
        queries.stream_facts(scope, period, with_pauses=True), period, rules, keep_ids=True
    )
    ids = {"numerator": tallies.on_time_ids, "late": tallies.late_ids}.get(part)
    if ids is None:
        ids = tallies.on_time_ids + tallies.late_ids
    return queries.dossiers_with_ids(ids).order_by("code")
