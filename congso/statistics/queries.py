"""SQL for the statistics: the history replay per dossier, the Form 06 aggregate and the cell selector.

One common table expression (`facts`) replays each candidate dossier's events up to the period's end in
a single grouped pass over DossierEvent (no per-dossier subquery): status at a moment = `to_status` of
the last event before it, found as MAX(seq * 16 + to_status) % 16 (statuses are < 16, seq grows with
time). The due date in force at the end is the dossier's current one unless a pause closed after the
end, in which case it is that pause's `due_before` (the pause ledger, domain.md §4.2). Dossier columns
`received_at`/`ended_at` only narrow the candidates (they are set once, by the events that explain
them); every figure comes from the events.

Portable SQL for SQLite and PostgreSQL; identifiers come from model metadata, values are parameters.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import Model, QuerySet
from django.db.models.expressions import RawSQL

from congso.catalog.models import ProcedureVersion
from congso.dossiers.models import Dossier, DossierEvent, Pause
from congso.identity.models import Agency
from congso.statistics.facts import Fact, PauseFact, moment
from congso.statistics.form06 import TOTAL_PARTS, Counts
from congso.statistics.periods import Period


@dataclass(frozen=True)
class Scope:
    """Which dossiers: a province, optionally one agency, one field (or none) and some agency kinds."""

    province_code: str
    agency_id: int | None = None
    field_id: int | None = None
    no_field: bool = False  # dossiers whose procedure has no field (lĩnh vực chưa phân loại)
    agency_kinds: tuple[str, ...] = ()


def _table(model: type[Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _col(model: type[Model], name: str) -> str:
    return connection.ops.quote_name(model._meta.get_field(name).column)


def local_date(expr: str) -> str:
    """The calendar date on Vietnamese time of a stored moment (Form 06 compares dates, §9.1)."""
    if connection.vendor == "postgresql":
        return f"(({expr}) AT TIME ZONE 'Asia/Ho_Chi_Minh')::date"
    if connection.vendor == "sqlite":
        # Django stores UTC text; Viet Nam is UTC+7 all year (no daylight saving since 1975).
        return f"date(({expr}), '+7 hours')"
    # congso runs on SQLite (embedded) and PostgreSQL only (architecture.md); say so plainly elsewhere.
    raise ImproperlyConfigured(
        f"Thống kê chỉ chạy trên SQLite hoặc PostgreSQL, không hỗ trợ {connection.vendor}."
    )


_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def render(template: str, values: dict[str, object]) -> tuple[str, list[object]]:
    """Replace {name} by a parameter marker, in order of appearance (a name may repeat)."""
    params: list[object] = []

    def sub(match: re.Match[str]) -> str:
        value = values[match[1]]
        if isinstance(value, datetime):
            value = connection.ops.adapt_datetimefield_value(value)
        params.append(value)
        return "%s"

    return _PLACEHOLDER.sub(sub, template), params


def _candidates(scope: Scope) -> str:
    """WHERE clause on dossiers (alias d) narrowing to those that may count: received before the end and
    not ended before the start. Scope filters are subqueries so no join is needed before grouping."""
    D, V, A = Dossier, ProcedureVersion, Agency
    where = (
        f"d.{_col(D, 'province_code')} = {{province}} AND d.{_col(D, 'received_at')} < {{end}}"
        f" AND (d.{_col(D, 'ended_at')} IS NULL OR d.{_col(D, 'ended_at')} >= {{start}})"
    )
    if scope.agency_id is not None:
        where += f" AND d.{_col(D, 'agency')} = {{agency_id}}"
    if scope.field_id is not None or scope.no_field:
        test = "= {field_id}" if scope.field_id is not None else "IS NULL"
        where += (
            f" AND d.{_col(D, 'procedure_version')} IN"  # noqa: S608 — identifiers only
            f" (SELECT v2.{_col(V, 'id')} FROM {_table(V)} v2 WHERE v2.{_col(V, 'field')} {test})"
        )
    if scope.agency_kinds:
        kinds = ", ".join(f"{{kind_{i}}}" for i in range(len(scope.agency_kinds)))
        where += (
            f" AND d.{_col(D, 'agency')} IN"  # noqa: S608 — identifiers only
            f" (SELECT a2.{_col(A, 'id')} FROM {_table(A)} a2 WHERE a2.{_col(A, 'kind')} IN ({kinds}))"
        )
    return where


def _facts_cte(scope: Scope) -> str:
    D, E, P, V, A = Dossier, DossierEvent, Pause, ProcedureVersion, Agency
    at, to = f"e.{_col(E, 'at')}", f"e.{_col(E, 'to_status')}"
    seq = f"e.{_col(E, 'seq')}"
    # GROUP BY the dossier's primary key lets the other dossier columns be selected (SQL:1999 functional
    # dependency; SQLite accepts it too): one pass, no join back.
    return f"""
WITH ev AS (
  SELECT d.{_col(D, "id")} AS id, d.{_col(D, "code")} AS code, d.{_col(D, "agency")} AS agency_id,
         d.{_col(D, "procedure_version")} AS version_id, d.{_col(D, "channel")} AS channel,
         d.{_col(D, "due_at")} AS due_now,
         MAX(CASE WHEN {at} < {{start}} THEN {seq} * 16 + {to} END) AS from_code,
         MAX({seq} * 16 + {to}) AS to_code,
         MIN(CASE WHEN {to} = 2 THEN {at} END) AS received,
         MIN(CASE WHEN {to} IN (7, 9) THEN {at} END) AS ended,
         MIN(CASE WHEN {to} = 7 THEN {at} END) AS withdrawn,
         MIN(CASE WHEN {to} = 3 THEN {at} END) AS refused
  FROM {_table(D)} d JOIN {_table(E)} e ON e.{_col(E, "dossier")} = d.{_col(D, "id")}
  WHERE {_candidates(scope)} AND {at} < {{end}}
  GROUP BY d.{_col(D, "id")}
), later AS (
  SELECT p.{_col(P, "dossier")} AS dossier_id, p.{_col(P, "due_before")} AS due_before,
         ROW_NUMBER() OVER (
           PARTITION BY p.{_col(P, "dossier")} ORDER BY p.{_col(P, "resumed_at")}, p.{_col(P, "id")}
         ) AS rn
  FROM {_table(P)} p
  WHERE p.{_col(P, "province_code")} = {{province}} AND p.{_col(P, "resumed_at")} >= {{end}}
), facts AS (
  SELECT ev.id, ev.code, ev.agency_id, a.{_col(A, "kind")} AS agency_kind, v.{_col(V, "field")} AS field_id,
         ev.channel, ev.received, ev.from_code %% 16 AS status_from, ev.to_code %% 16 AS status_to,
         ev.ended, ev.withdrawn, ev.refused,
         CASE WHEN later.dossier_id IS NULL THEN ev.due_now ELSE later.due_before END AS due
  FROM ev
  JOIN {_table(A)} a ON a.{_col(A, "id")} = ev.agency_id
  JOIN {_table(V)} v ON v.{_col(V, "id")} = ev.version_id
  LEFT JOIN later ON later.dossier_id = ev.id AND later.rn = 1
)"""  # noqa: S608 — identifiers from model metadata; every value is a parameter


def _values(scope: Scope, period: Period) -> dict[str, object]:
    values: dict[str, object] = {
        "province": scope.province_code,
        "start": period.start,
        "end": period.end,
        # To 00:00 on Vietnamese time: date(due) ≥ To ⇔ due ≥ To 00:00.
        "last_day": period.end - timedelta(days=1),
        "agency_id": scope.agency_id,
        "field_id": scope.field_id,
    }
    values.update({f"kind_{i}": kind for i, kind in enumerate(scope.agency_kinds)})
    return values


# Form 06 conditions over the replayed facts (alias f); `form06.columns_for` is the same rule in Python.
def conditions() -> dict[str, str]:
    ended_d, due_d = local_date("f.ended"), local_date("f.due")
    resolved = "f.status_to IN (7, 9, 10)"
    dated = "f.withdrawn IS NULL AND f.due IS NOT NULL"
    return {
        "included": (
            "f.received IS NOT NULL AND f.status_to NOT IN (1, 3) "
            "AND (f.received >= {start} OR f.status_from IN (2, 4, 5, 6, 8))"
        ),
        "received_online": "f.received >= {start} AND f.channel = 2",
        "received_direct_postal": "f.received >= {start} AND f.channel <> 2",
        "received_carried_over": "f.received < {start}",
        "resolved_early": f"{resolved} AND {dated} AND {ended_d} < {due_d}",
        "resolved_on_time": (
            f"{resolved} AND (f.withdrawn IS NOT NULL OR f.due IS NULL OR {ended_d} = {due_d})"
        ),
        "resolved_late": f"{resolved} AND {dated} AND {ended_d} > {due_d}",
        "pending_within_time": (
            "(f.status_to IN (5, 6, 8) OR (f.status_to IN (2, 4) AND (f.due IS NULL OR f.due >= {last_day})))"
        ),
        "pending_overdue": "f.status_to IN (2, 4) AND f.due < {last_day}",
    }


def form06_aggregate(scope: Scope, period: Period, *, group: tuple[str, ...]) -> list[tuple[tuple, Counts]]:
    """Form 06 detail counts grouped in the database by facts columns (agency_id, or field_id and
    agency_kind); the totals and rates follow from the parts in `Counts`."""
    conds = conditions()
    columns = [c for c in conds if c != "included"]
    sums = ",\n  ".join(f"SUM(CASE WHEN {conds[c]} THEN 1 ELSE 0 END) AS {c}" for c in columns)
    keys = ", ".join(f"f.{g}" for g in group)
    template = f"{_facts_cte(scope)}\nSELECT {keys},\n  {sums}\nFROM facts f\nWHERE {conds['included']}\nGROUP BY {keys}"
    sql, params = render(template, _values(scope, period))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    result = []
    for row in rows:
        key, figures = tuple(row[: len(group)]), row[len(group) :]
        result.append((key, Counts(**{c: int(v or 0) for c, v in zip(columns, figures, strict=True)})))
    return result


def cell_ids_sql(scope: Scope, period: Period, column: str) -> tuple[str, list[object]]:
    """SELECT of the dossier ids behind one Form 06 cell (a detail column or a total)."""
    conds = conditions()
    parts = TOTAL_PARTS.get(column, (column,))
    condition = " OR ".join(f"({conds[p]})" for p in parts)
    template = f"{_facts_cte(scope)}\nSELECT f.id FROM facts f WHERE ({conds['included']}) AND ({condition})"
    return render(template, _values(scope, period))


def ids_in(ids: list[int]) -> tuple[str, list[object]]:
    """A subquery over a list of ids passed as ONE parameter (PostgreSQL caps bind parameters at 65,535,
    SQLite at 32,766; a province-year list is longer)."""
    if connection.vendor == "postgresql":
        return "SELECT unnest(%s::bigint[])", [list(ids)]
    return "SELECT value FROM json_each(%s)", [json.dumps(list(ids))]


def dossiers_with_ids(ids: list[int]) -> QuerySet[Dossier]:
    sql, params = ids_in(ids)
    return Dossier.objects.filter(id__in=RawSQL(sql, params))  # noqa: S611 — fixed SQL, one parameter


def dossiers_in_cell(scope: Scope, period: Period, column: str) -> QuerySet[Dossier]:
    sql, params = cell_ids_sql(scope, period, column)
    return Dossier.objects.filter(id__in=RawSQL(sql, params))  # noqa: S611 — identifiers only, values are parameters


def _wire(expr: str) -> str:
    """A moment as it travels to Python: on PostgreSQL as integer microseconds since the epoch (Django's
    per-value time-zone loader costs more than the whole query on a province-year), elsewhere as is."""
    if connection.vendor == "postgresql":
        return f"(EXTRACT(EPOCH FROM {expr}) * 1000000)::bigint"
    return expr


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _reader():
    """The converter matching `_wire`: microseconds → aware datetime, or SQLite's UTC text → datetime."""
    if connection.vendor == "postgresql":
        epoch, micro = _EPOCH, timedelta

        def read(value):  # type: ignore[no-untyped-def]
            return None if value is None else epoch + micro(microseconds=value)

        return read
    return moment


def stream_facts(
    scope: Scope, period: Period, *, with_pauses: bool = False, chunk: int = 5000
) -> Iterator[Fact]:
    """Every candidate dossier's replayed facts, streamed (server-side cursor on PostgreSQL), only the
    needed columns; the pure rules decide what counts."""
    pauses = _pauses(scope, period) if with_pauses else {}
    moments = ", ".join(_wire(f"f.{c}") for c in ("received", "ended", "withdrawn", "refused", "due"))
    template = (
        f"{_facts_cte(scope)}\nSELECT f.id, f.code, f.agency_id, f.agency_kind, f.field_id, f.channel, "
        f"f.status_from, f.status_to, {moments} FROM facts f"
    )
    sql, params = render(template, _values(scope, period))
    at = _reader()
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk):
            for r in rows:
                yield Fact(
                    r[0], r[1], r[2], r[3], r[4], r[5], at(r[8]), _int(r[6]), _int(r[7]),
                    at(r[9]), at(r[10]), at(r[11]), at(r[12]), pauses.get(r[0], ()),
                )  # fmt: skip


def _int(value: object) -> int | None:
    return None if value is None else int(value)


def _pauses(scope: Scope, period: Period) -> dict[int, tuple[PauseFact, ...]]:
    """The pause ledger of the candidates, as known at the period's end (later resumptions unknown)."""
    P = Pause
    moments = ", ".join(
        _wire(f"p.{_col(P, c)}") for c in ("requested_at", "resumed_at", "due_before", "due_after")
    )
    template = (
        f"SELECT p.{_col(P, 'dossier')}, p.{_col(P, 'kind')}, {moments} "  # noqa: S608 — identifiers only
        f"FROM {_table(P)} p JOIN {_table(Dossier)} d ON d.{_col(Dossier, 'id')} = p.{_col(P, 'dossier')} "
        f"WHERE {_candidates(scope)} AND p.{_col(P, 'requested_at')} < {{end}} "
        f"ORDER BY p.{_col(P, 'dossier')}, p.{_col(P, 'requested_at')}, p.{_col(P, 'id')}"
    )
    sql, params = render(template, _values(scope, period))
    end, at = period.end, _reader()
    result: dict[int, list[PauseFact]] = {}
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for dossier_id, kind, requested, resumed, before, after in cursor.fetchall():
            resumed_at = at(resumed)
            known = resumed_at is not None and resumed_at < end  # a later resumption is not known yet
            result.setdefault(dossier_id, []).append(
                PauseFact(
                    int(kind),
                    at(requested),
                    resumed_at if known else None,
                    at(before),
                    at(after) if known else None,
                )
            )
    return {k: tuple(v) for k, v in result.items()}
