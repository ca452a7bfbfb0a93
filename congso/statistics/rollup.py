"""Pre-merger units in Form 06: a closed agency's figures rolled up into its successor, or shown as it was.

The 2025 reorganisation (Resolution 202/2025/QH15 merged Ninh Thuận into Khánh Hòa; Decree 45/2025/NĐ-CP
regrouped the provincial departments) closed agencies and gave their dossiers to new ones. A closed
agency keeps its code and its dossiers (`Agency.successor`, `Agency.former_province`), so a report can
be read two ways:

- "rolled_up" (default): a closed agency's figures count under its successor, transitively (a former
  Ninh Thuận department → the Khánh Hòa department that absorbed it → the one that absorbed that);
- "as_was": each agency as it was, its former province named.

This is a pure post-aggregation step over the per-agency Counts the replay (or the snapshots) produced:
figures only move between rows (`+=`), never are recomputed from dossiers, so the province total is
unchanged and the identity received = resolved + pending still holds on every row (checked again).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet

from congso.core.errors import InvalidInput
from congso.core.text import vn_fold
from congso.identity.models import Agency
from congso.statistics.form06 import Counts, IdentityError

if TYPE_CHECKING:
    from congso.dossiers.models import Dossier
    from congso.statistics.periods import Period
    from congso.statistics.selectors import Form06Report, Form06Row

ROLLED_UP = "rolled_up"
AS_WAS = "as_was"
VIEWS = {
    ROLLED_UP: "Đơn vị đã sáp nhập: số liệu cộng vào đơn vị tiếp nhận",
    AS_WAS: "Từng đơn vị như trước sáp nhập (ghi rõ tỉnh cũ)",
}


def check_view(view: str) -> None:
    if view not in VIEWS:
        raise InvalidInput(
            "invalid_view",
            f"Cách xem “{view}” không hợp lệ; chọn rolled_up (cộng đơn vị đã sáp nhập vào đơn vị tiếp nhận) "
            "hoặc as_was (từng đơn vị như trước sáp nhập).",
        )


# --- the pure core ------------------------------------------------------------------------------------


def roll_up[K: Hashable](counts: Mapping[K, Counts], target: Callable[[K], K]) -> dict[K, Counts]:
    """Counts per key moved to `target(key)` and added up; the identity is checked on every result."""
    result: dict[K, Counts] = {}
    for key, value in counts.items():
        bucket = result.setdefault(target(key), Counts())
        bucket += value
    for key, value in result.items():
        value.check_identity(f"dòng {key} sau khi cộng đơn vị đã sáp nhập")
    return result


def negated(counts: Counts) -> Counts:
    """The same figures with the opposite sign: `+=` of this takes a moved agency's dossiers off a row."""
    return Counts(**{f.name: -getattr(counts, f.name) for f in fields(Counts)})


def _non_negative(counts: Counts, where: str) -> None:
    if any(getattr(counts, f.name) < 0 for f in fields(Counts)):
        raise IdentityError(f"Mẫu 06: số âm tại {where} sau khi chuyển số liệu đơn vị đã sáp nhập.")


@dataclass(frozen=True)
class Unit:
    """What the roll-up needs to know about one agency."""

    id: int
    code: str
    name: str
    kind: str
    successor_id: int | None
    former_province: str | None  # e.g. "Tỉnh Ninh Thuận"; None for an agency of the current era


class Tree:
    """Agencies with their successor links; `root` follows them to the agency that holds the figures now."""

    def __init__(self, units: Iterable[Unit]):
        self.by_id = {u.id: u for u in units}
        self.by_code = {u.code: u for u in self.by_id.values()}

    def root(self, unit: Unit) -> Unit:
        seen = [unit.code]
        while unit.successor_id is not None:
            unit = self.by_id[unit.successor_id]
            if unit.code in seen:
                raise InvalidInput(
                    "successor_cycle",
                    f"Chuỗi sáp nhập của cơ quan {seen[0]} bị lặp vòng ({' → '.join([*seen, unit.code])}); "
                    "hãy sửa cơ quan tiếp nhận trong danh mục cơ quan.",
                )
            seen.append(unit.code)
        return unit


def _units(query: Q) -> list[Unit]:
    rows = Agency.objects.filter(query).values_list(
        "id", "code", "name", "kind", "successor_id", "former_province__name"
    )
    return [Unit(*row) for row in rows]


def load_tree(codes: Iterable[str]) -> Tree:
    """The agencies with these codes and every successor up their chains (a few queries: chains are short)."""
    units = {u.id: u for u in _units(Q(code__in=list(codes)))}
    missing = {u.successor_id for u in units.values() if u.successor_id and u.successor_id not in units}
    while missing:
        for unit in _units(Q(id__in=missing)):
            units[unit.id] = unit
        missing = {u.successor_id for u in units.values() if u.successor_id and u.successor_id not in units}
    return Tree(units.values())


def predecessors(agency: Agency) -> list[Agency]:
    """Every agency whose figures roll up into `agency`, transitively, sorted by code (cycle-safe)."""
    found: dict[int, Agency] = {}
    frontier = {agency.id}
    while frontier:
        batch = [
            a
            for a in Agency.objects.filter(successor_id__in=frontier).select_related(
                "province", "former_province"
            )
            if a.id not in found
        ]
        batch = [a for a in batch if a.id != agency.id]
        found.update((a.id, a) for a in batch)
        frontier = {a.id for a in batch}
    return sorted(found.values(), key=lambda a: a.code)


# --- applied to a report ------------------------------------------------------------------------------


def apply(report: Form06Report, *, view: str) -> Form06Report:
    """The report as the chosen view shows it. `report` is the as-was aggregate (selectors.form06_report);
    figures of a unit's predecessors are fetched as their own as-was reports and added."""
    check_view(view)
    report.view = view
    if report.group_by == "agency":
        tree = load_tree(row.key[0] for row in report.rows)
        if view == AS_WAS:
            for row in report.rows:
                unit = tree.by_code.get(row.key[0])
                successor = tree.by_id.get(unit.successor_id) if unit and unit.successor_id else None
                row.labels["former_province"] = unit.former_province if unit else None
                row.labels["successor"] = successor.code if successor else None
            return report
        _by_agency(report, tree)
    elif view == ROLLED_UP:
        _by_field_level(report)
    _check_total(report)
    return report


def _sub_report(report: Form06Report, agency: Agency) -> Form06Report:
    from congso.statistics import selectors  # selectors imports this module

    return selectors.form06_report(period=report.period, agency=agency, group_by=report.group_by, view=AS_WAS)


def _by_agency(report: Form06Report, tree: Tree) -> None:
    from congso.statistics.selectors import Form06Row

    if report.agency is not None:
        # One unit: its own figures plus those of every agency merged into it.
        row = report.rows[0]
        included = []
        for old in predecessors(report.agency):
            row.counts += _sub_report(report, old).total
            included.append(_included(old.code, old.name, _former(old)))
        row.labels["includes"] = included
        row.counts.check_identity(f"{row.labels['name']} (gồm đơn vị đã sáp nhập)")
        report.total = Counts()
        report.total += row.counts
        return
    labels: dict[str, dict[str, object]] = {}
    includes: dict[str, list[dict[str, object]]] = {}
    figures: dict[str, Counts] = {}
    for row in report.rows:
        unit = tree.by_code[row.key[0]]
        root = tree.root(unit)
        figures[row.key[0]] = row.counts
        if root.code == unit.code:
            labels[root.code] = row.labels
        else:
            includes.setdefault(root.code, []).append(_included(unit.code, unit.name, unit.former_province))
    moved = roll_up(figures, lambda code: tree.root(tree.by_code[code]).code)
    rows = []
    for code in sorted(moved):
        row_labels = labels.get(code) or {"agency": code, "name": tree.by_code[code].name}
        row_labels["includes"] = includes.get(code, [])
        rows.append(Form06Row((code,), row_labels, moved[code]))
    report.rows = rows


def _included(code: str, name: str, former_province: str | None) -> dict[str, object]:
    return {"agency": code, "name": name, "former_province": former_province}


def _former(agency: Agency) -> str | None:
    return agency.former_province.name if agency.former_province_id else None


def _by_field_level(report: Form06Report) -> None:
    """Dossiers of a merged agency count at the level (cấp) of the agency that holds them now."""
    from congso.statistics.selectors import level_of

    figures: dict[tuple, Counts] = {row.key: row.counts for row in report.rows}
    names = {row.key[0]: row.labels["field_name"] for row in report.rows}
    if report.agency is not None:
        to_level = level_of(report.agency.kind)
        for old in predecessors(report.agency):
            for row in _sub_report(report, old).rows:
                names[row.key[0]] = row.labels["field_name"]
                bucket = figures.setdefault((row.key[0], to_level), Counts())
                bucket += row.counts
    else:
        closed = Agency.objects.filter(
            province__code=report.province_code, successor__isnull=False
        ).select_related("province")
        tree = load_tree(a.code for a in closed)
        for old in closed:
            from_level, to_level = level_of(old.kind), level_of(tree.root(tree.by_code[old.code]).kind)
            if from_level == to_level:
                continue  # same cấp: the rows by field and level do not change
            for row in _sub_report(report, old).rows:
                names[row.key[0]] = row.labels["field_name"]
                figures[row.key] += negated(row.counts)
                _non_negative(figures[row.key], f"{row.labels['field_name']} / {row.labels['level_name']}")
                bucket = figures.setdefault((row.key[0], to_level), Counts())
                bucket += row.counts
    report.rows = _field_rows(figures, names)


def _field_rows(figures: dict[tuple, Counts], names: dict[object, str]) -> list[Form06Row]:
    from congso.catalog.choices import Level
    from congso.statistics.selectors import NO_FIELD, Form06Row

    order = {level: n for n, level in enumerate(Level.values)}
    kept = {k: v for k, v in figures.items() if any(getattr(v, f.name) for f in fields(Counts))}
    # The same order as selectors: level, then the Vietnamese order of field names, unclassified last.
    keys = sorted(kept, key=lambda k: (order[k[1]], k[0] is None, vn_fold(names.get(k[0]) or ""), k[0] or 0))
    rows = []
    for key in keys:
        kept[key].check_identity(f"{names.get(key[0]) or NO_FIELD} / {Level(key[1]).label}")
        labels = {
            "field": key[0],
            "field_name": names.get(key[0]) or NO_FIELD,
            "level": key[1],
            "level_name": Level(key[1]).label,
        }
        rows.append(Form06Row(key, labels, kept[key]))
    return rows


def _check_total(report: Form06Report) -> None:
    """Moving figures never changes the total of the unit asked for: recompute it and compare."""
    total = Counts()
    for row in report.rows:
        total += row.counts
    total.check_identity("dòng tổng cộng sau khi cộng đơn vị đã sáp nhập")
    if report.agency is None and total != report.total:
        raise IdentityError("Mẫu 06: tổng toàn tỉnh thay đổi sau khi cộng đơn vị đã sáp nhập.")
    report.total = total


# --- the dossiers behind a figure, in either view ---------------------------------------------------


def cell(
    *,
    period: Period,
    column: str,
    province_code: str,
    agency: Agency | None,
    view: str,
    row_agency: Agency | None = None,
    field_id: int | None = None,
    no_field: bool = False,
    level: str | None = None,
) -> QuerySet[Dossier]:
    """The dossiers behind one figure of the report in `view`: a unit row (`row_agency`), a field and level
    row, or a total (neither). `len(cell(...))` equals the figure."""
    from congso.statistics import selectors

    check_view(view)
    unit = row_agency or agency
    if unit is not None:
        if view == AS_WAS:
            return selectors.form06_cell(
                period=period, column=column, agency=unit, field_id=field_id, no_field=no_field, level=level
            )
        combined = None
        if level is None or level == selectors.level_of(unit.kind):  # rolled up: all at the unit's level
            for member in [unit, *predecessors(unit)]:
                dossiers = selectors.form06_cell(
                    period=period, column=column, agency=member, field_id=field_id, no_field=no_field
                )
                combined = dossiers if combined is None else combined | dossiers
        if combined is None:
            return selectors.form06_cell(period=period, column=column, agency=unit).none()
        return combined.order_by("code")
    if view == AS_WAS or level is None:
        return selectors.form06_cell(
            period=period,
            column=column,
            province_code=province_code,
            field_id=field_id,
            no_field=no_field,
            level=level,
        )
    closed = list(Agency.objects.filter(province__code=province_code, successor__isnull=False))
    tree = load_tree(a.code for a in closed)
    moved_in, moved_out = [], []
    for old in closed:
        from_level = selectors.level_of(old.kind)
        to_level = selectors.level_of(tree.root(tree.by_code[old.code]).kind)
        if from_level != to_level and to_level == level:
            moved_in.append(old.id)
        elif from_level != to_level and from_level == level:
            moved_out.append(old.id)
    dossiers = selectors.form06_cell(
        period=period, column=column, province_code=province_code, field_id=field_id, no_field=no_field
    )
    own_level = Q(agency__kind__in=selectors.kinds_of(level))
    return dossiers.filter((own_level & ~Q(agency_id__in=moved_out)) | Q(agency_id__in=moved_in))
