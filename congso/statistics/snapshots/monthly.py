"""The replay of many months in one grouped pass over the events, aggregated in the database (ADR 0004).

`queries._facts_cte` replays one period: the status at a moment is the `to_status` of the last event before
it, found as MAX(seq * 16 + to_status) % 16. Running it for each of 12 months would scan the events 12
times. Here the events are grouped once by (dossier, month of the event); running MAX/MIN over those groups
give, for every month m, exactly what the one-period replay of m gives (the as-of row of month m is the last
event month ≤ m; the status at m's start is the as-of value of m − 1). The due date in force at m's end
follows the same pause-ledger rule: the `due_before` of the first pause (by resumed_at, id) resumed at or
after that end, which is one pause per run of months. The candidate filter on `received_at`/`ended_at`
becomes a month range per dossier.

Over those monthly facts the Form 06 columns are `queries.conditions()` (the very SQL of the live
aggregate), and rule 2.1 / 2.2 mirror `index766.timeliness.judge` and `working_time` in exact moment
arithmetic (intervals on PostgreSQL, integer microseconds on SQLite); the tests hold both mirrors equal to
the pure rules on generated and hand-made histories. Nothing leaves the database but one row per month, agency, field (and refusal).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.db import connection

from congso.catalog.models import ProcedureVersion
from congso.dossiers.models import Dossier, DossierEvent, Pause
from congso.statistics.queries import _col, _table, conditions, local_date, render
from congso.statistics.settings import Rules766
from congso.statistics.snapshots import months

OPEN_CODES = "(2, 4, 5, 6, 8)"
ENDED_CODES = "(3, 7, 9, 10)"  # rule 2.1's ends of a received dossier (3: refused after receipt)
FORM06 = ("received_online", "received_direct_postal", "received_carried_over", "resolved_early",
          "resolved_on_time", "resolved_late", "pending_within_time", "pending_overdue")  # fmt: skip
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_US = timedelta(microseconds=1)


@dataclass(frozen=True)
class Span:
    """Which rows to build: a province's months first..last (month indices), optionally some agencies.
    `whole` says the span starts at the province's first receipt, so every dossier is a candidate."""

    province_code: str
    first: int
    last: int
    agency_ids: tuple[int, ...] = ()
    whole: bool = False
    # One of `parts` disjoint sets of dossiers (id modulo parts): figures are counts of dossiers, so the
    # parts add up, and a rebuild runs them on several connections at once (build.py).
    part: int = 0
    parts: int = 1

    @property
    def start(self) -> datetime:
        return months.period(self.first).start

    @property
    def end(self) -> datetime:
        return months.period(self.last).end


def month_of(expr: str) -> str:
    """The exact month index (year × 12 + month − 1) of a stored moment on Vietnamese time."""
    if connection.vendor == "postgresql":
        at = f"(({expr}) AT TIME ZONE 'Asia/Ho_Chi_Minh')"
        return f"(EXTRACT(YEAR FROM {at})::int * 12 + EXTRACT(MONTH FROM {at})::int - 1)"
    local_date("x")  # raises the Vietnamese configuration error on anything but SQLite and PostgreSQL
    # Django stores UTC text on SQLite; Viet Nam is UTC+7 all year (no daylight saving since 1975).
    return (
        f"(CAST(strftime('%%Y', {expr}, '+7 hours') AS INTEGER) * 12"
        f" + CAST(strftime('%%m', {expr}, '+7 hours') AS INTEGER) - 1)"
    )


def bucket(expr: str) -> str:
    """The month index clamped to first − 1 … last + 1, which is all the comparisons below need. On
    PostgreSQL a binary search over the month starts (width_bucket) instead of a time-zone conversion per
    event."""
    if connection.vendor == "postgresql":
        return f"({{before_first}} + width_bucket({expr}, {{bounds}}))"
    return month_of(expr)


def _sqlite_us(expr: str) -> str:
    """A moment stored by Django on SQLite ('YYYY-MM-DD HH:MM:SS', or with '.ffffff': always six digits,
    UTC) as integer microseconds since the epoch."""
    return (
        f"(CAST(strftime('%%s', {expr}) AS INTEGER) * 1000000"
        f" + CASE WHEN length({expr}) > 19 THEN CAST(substr({expr}, 21, 6) AS INTEGER) ELSE 0 END)"
    )


def _micros(moment: datetime) -> int:
    return (moment - _EPOCH) // _US


# Moment arithmetic for rule 2.1: on PostgreSQL timestamps and intervals (exact to the microsecond; the
# connection runs in UTC, so a day is 24 hours), on SQLite integer microseconds.
def _at(expr: str) -> str:
    return expr if connection.vendor == "postgresql" else _sqlite_us(expr)


def _zero() -> str:
    return "interval '0'" if connection.vendor == "postgresql" else "0"


def _total_us(expr: str) -> str:
    """A sum of durations as integer microseconds."""
    if connection.vendor == "postgresql":
        return f"COALESCE((EXTRACT(EPOCH FROM {expr}) * 1000000)::bigint, 0)"
    return f"COALESCE({expr}, 0)"


def _agencies(span: Span, alias: str) -> str:
    if not span.agency_ids:
        return ""
    marks = ", ".join(f"{{agency_{i}}}" for i in range(len(span.agency_ids)))
    return f" AND {alias}.{_col(Dossier, 'agency')} IN ({marks})"


def _part(span: Span, column: str) -> str:
    return "" if span.parts == 1 else f" AND {column} %% {int(span.parts)} = {int(span.part)}"


def _values(span: Span, rules: Rules766) -> dict[str, object]:
    values: dict[str, object] = {
        "province": span.province_code,
        "start": span.start,
        "end": span.end,
        "first": span.first,
        "last": span.last,
        "before_first": span.first - 1,
        "bounds": [months.period(k).start for k in range(span.first, span.last + 1)] + [span.end],
    }
    if rules.no_due_max_days is not None:
        most = timedelta(days=float(rules.no_due_max_days))  # exactly as timeliness.judge builds it
        values["no_due_max"] = most if connection.vendor == "postgresql" else most // _US
    values.update({f"agency_{i}": a for i, a in enumerate(span.agency_ids)})
    for k in range(span.first, span.last + 1):
        p = months.period(k)
        values.update({f"k_{k}": k, f"s_{k}": p.start, f"e_{k}": p.end, f"d_{k}": p.end - timedelta(days=1)})
        values[f"l_{k}"] = p.last_moment if connection.vendor == "postgresql" else _micros(p.last_moment)
    return values


def _expand(span: Span) -> str:
    """Join each as-of row to the months it stands for (PostgreSQL: generate_series, no range join)."""
    if connection.vendor == "postgresql":
        # The month's bounds by subscript into the bounds array: no join per generated row.
        return (
            "CROSS JOIN LATERAL generate_series(GREATEST(r.k, dd.k_recv, {first}),"
            " LEAST(COALESCE(r.k_next - 1, {last}), COALESCE(dd.k_end, {last}), {last})) AS g(k)"
            " CROSS JOIN LATERAL (SELECT g.k, ({bounds})[g.k - {before_first}] AS m_start,"
            " ({bounds})[g.k - {before_first} + 1] AS m_end) AS b"
            " CROSS JOIN LATERAL (SELECT b.k, b.m_start, b.m_end, b.m_end - interval '1 day' AS last_day,"
            " b.m_end - interval '1 second' AS last_moment) AS mo"
        )
    return "JOIN mo ON mo.k >= MAX(r.k, dd.k_recv) AND mo.k <= MIN(COALESCE(r.k_next - 1, {last}), COALESCE(dd.k_end, {last}))"


def _facts(span: Span) -> str:
    """Monthly facts: one row per dossier and month in which rule 2.1 counts it (its population holds
    every Form 06 row), with what `queries._facts_cte` would give for that month plus its supplements."""
    D, E, P, V = Dossier, DossierEvent, Pause, ProcedureVersion
    at, to, seq = f"e.{_col(E, 'at')}", f"e.{_col(E, 'to_status')}", f"e.{_col(E, 'seq')}"
    resumed, requested = f"p.{_col(P, 'resumed_at')}", f"p.{_col(P, 'requested_at')}"
    pid, pdossier = f"p.{_col(P, 'id')}", f"p.{_col(P, 'dossier')}"
    mo = ", ".join(
        f"({{k_{k}}}, {{s_{k}}}, {{e_{k}}}, {{d_{k}}}, {{l_{k}}})" for k in range(span.first, span.last + 1)
    )
    if span.whole and not span.agency_ids:
        # Every dossier of the province is a candidate: group the events first, join the groups later.
        events = (
            f"{_table(E)} e WHERE e.{_col(E, 'province_code')} = {{province}} AND {at} < {{end}}"
            f"{_part(span, f'e.{_col(E, "dossier")}')}"
        )
    else:
        events = f"{_table(E)} e JOIN dd ON dd.id = e.{_col(E, 'dossier')} WHERE {at} < {{end}}"
    event_month = bucket(at) if connection.vendor == "postgresql" else (
        f"CASE WHEN {at} < {{start}} THEN {{before_first}} ELSE {month_of(at)} END"
    )  # fmt: skip
    # SQLite materialises a CTE used more than once and then joins it by scanning it for every row (128 s
    # instead of 1.4 s for a 57,000-dossier year); inlined, it uses the dossier primary key.
    inline = "NOT MATERIALIZED " if connection.vendor == "sqlite" else ""
    return f"""
WITH mo(k, m_start, m_end, last_day, last_moment) AS (VALUES {mo}),
dd AS {inline}(
  SELECT d.{_col(D, "id")} AS id, d.{_col(D, "agency")} AS agency_id, v.{_col(V, "field")} AS field_id,
         d.{_col(D, "channel")} AS channel, d.{_col(D, "due_at")} AS due_now,
         {bucket(f"d.{_col(D, 'received_at')}")} AS k_recv,
         CASE WHEN d.{_col(D, "ended_at")} IS NULL THEN NULL ELSE {bucket(f"d.{_col(D, 'ended_at')}")} END AS k_end
  FROM {_table(D)} d JOIN {_table(V)} v ON v.{_col(V, "id")} = d.{_col(D, "procedure_version")}
  WHERE d.{_col(D, "province_code")} = {{province}} AND d.{_col(D, "received_at")} < {{end}}
    AND (d.{_col(D, "ended_at")} IS NULL OR d.{_col(D, "ended_at")} >= {{start}}){_agencies(span, "d")}{_part(span, f"d.{_col(D, 'id')}")}
), em AS (
  SELECT e.{_col(E, "dossier")} AS id, {event_month} AS k,
         MAX({seq} * 16 + {to}) AS code,
         MIN(CASE WHEN {to} = 2 THEN {at} END) AS received,
         MIN(CASE WHEN {to} IN (7, 9) THEN {at} END) AS ended,
         MIN(CASE WHEN {to} = 7 THEN {at} END) AS withdrawn,
         MIN(CASE WHEN {to} = 3 THEN {at} END) AS refused
  FROM {events}
  GROUP BY e.{_col(E, "dossier")}, {event_month}
), asof AS (
  -- as of the end of each event month: running values, and the status code as of the month before
  SELECT id, k, LEAD(k) OVER (PARTITION BY id ORDER BY k) AS k_next,
         MAX(code) OVER w AS to_code, MIN(received) OVER w AS received, MIN(ended) OVER w AS ended,
         MIN(withdrawn) OVER w AS withdrawn, MIN(refused) OVER w AS refused,
         MAX(code) OVER (PARTITION BY id ORDER BY k ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_code
  FROM em WINDOW w AS (PARTITION BY id ORDER BY k ROWS UNBOUNDED PRECEDING)
), pz AS (
  SELECT {pdossier} AS id, p.{_col(P, "due_before")} AS due_before, {bucket(resumed)} AS k_res,
         LAG({bucket(resumed)}) OVER (PARTITION BY {pdossier} ORDER BY {resumed}, {pid}) AS k_prev
  FROM {_table(P)} p JOIN dd ON dd.id = {pdossier}
  WHERE p.{_col(P, "province_code")} = {{province}} AND {resumed} IS NOT NULL
), firsts AS (
  -- first receipt and first end of the dossiers that have a supplement (the only ones that need them)
  SELECT id, MIN(received) AS received, MIN(ended) AS ended FROM em
  WHERE id IN (
    SELECT {pdossier} FROM {_table(P)} p
    WHERE p.{_col(P, "province_code")} = {{province}} AND p.{_col(P, "kind")} = 5 AND {requested} < {{end}}
  )
  GROUP BY id
), sp AS (
  SELECT {pdossier} AS id, {requested} AS req, {resumed} AS res, p.{_col(P, "due_before")} AS due_before,
         p.{_col(P, "due_after")} AS due_after, x.ended,
         CASE WHEN {requested} >= x.received THEN 1 ELSE 0 END AS after_receipt,
         ROW_NUMBER() OVER (PARTITION BY {pdossier} ORDER BY {requested}, {pid}) AS n,
         ROW_NUMBER() OVER (
           PARTITION BY {pdossier}, CASE WHEN {requested} >= x.received THEN 1 ELSE 0 END ORDER BY {requested}, {pid}
         ) AS n_after
  FROM {_table(P)} p JOIN dd ON dd.id = {pdossier} JOIN firsts x ON x.id = {pdossier}
  WHERE p.{_col(P, "province_code")} = {{province}} AND p.{_col(P, "kind")} = 5 AND {requested} < {{end}}
), sd AS (
  -- per dossier: its second supplement request, its first one after receipt, completed supplement time
  SELECT id, MAX(CASE WHEN n = 2 THEN req END) AS second_req,
         MAX(CASE WHEN after_receipt = 1 AND n_after = 1 THEN req END) AS fs_req,
         MAX(CASE WHEN after_receipt = 1 AND n_after = 1 THEN res END) AS fs_res,
         MAX(CASE WHEN after_receipt = 1 AND n_after = 1 THEN due_before END) AS fs_before,
         MAX(CASE WHEN after_receipt = 1 AND n_after = 1 THEN due_after END) AS fs_after,
         SUM(CASE WHEN after_receipt = 1 AND res IS NOT NULL AND res <= ended
             THEN {_at("res")} - {_at("req")} ELSE {_zero()} END) AS sup_time
  FROM sp GROUP BY id
), facts AS (
  SELECT mo.k, mo.m_start, mo.m_end, mo.last_day, mo.last_moment, dd.id, dd.agency_id, dd.field_id, dd.channel,
         (CASE WHEN r.k < mo.k THEN r.to_code ELSE r.prev_code END) %% 16 AS status_from,
         r.to_code %% 16 AS status_to, r.received, r.ended, r.withdrawn, r.refused,
         CASE WHEN pz.id IS NULL THEN dd.due_now ELSE pz.due_before END AS due,
         sd.second_req, sd.fs_req, sd.fs_res, sd.fs_before, sd.fs_after, sd.sup_time
  FROM asof r JOIN dd ON dd.id = r.id
  {_expand(span)}
  LEFT JOIN pz ON pz.id = r.id AND mo.k < pz.k_res AND (pz.k_prev IS NULL OR mo.k >= pz.k_prev)
  LEFT JOIN sd ON sd.id = r.id
  WHERE r.received IS NOT NULL AND r.to_code %% 16 <> 1
    AND (r.received >= mo.m_start OR (CASE WHEN r.k < mo.k THEN r.to_code ELSE r.prev_code END) %% 16 IN {OPEN_CODES})
)"""  # noqa: S608 — identifiers from model metadata; every value is a parameter


def _verdict_layers(rules: Rules766) -> tuple[str, str, str]:
    """`timeliness.judge` over the monthly facts, as three layers of columns so that each piece is
    computed once per row (the judged moment, then the citizen's time, then the verdict 1/0)."""
    P = Pause
    known = "f.fs_req IS NOT NULL AND f.fs_req < f.m_end"  # the first supplement after receipt, known at m
    # Completed: resumed before m's end, and the dossier neither refused nor withdrawn (timeliness._completed).
    done = f"{known} AND f.fs_res IS NOT NULL AND f.fs_res < f.m_end AND f.refused IS NULL AND f.withdrawn IS NULL"
    open_pause = (
        f"(SELECT MAX(p.{_col(P, 'requested_at')}) FROM {_table(P)} p WHERE p.{_col(P, 'dossier')} = f.id"  # noqa: S608
        f" AND p.{_col(P, 'requested_at')} < f.m_end"
        f" AND (p.{_col(P, 'resumed_at')} IS NULL OR p.{_col(P, 'resumed_at')} >= f.m_end))"
    )
    first = (
        f"CASE WHEN {done} THEN 1 ELSE 0 END AS done,"
        f" CASE WHEN f.ended IS NOT NULL THEN {_at('f.ended')}"
        f" WHEN {known} AND NOT ({done}) THEN {_at('f.fs_req')}"
        f" WHEN f.status_to = 3 THEN COALESCE({_at('f.refused')}, f.last_moment)"
        f" WHEN f.status_to IN (6, 8) THEN COALESCE({_at(open_pause)}, f.last_moment)"
        " ELSE f.last_moment END AS judged"
    )
    counted = f"f.done = 1 AND {_at('f.fs_res')} <= f.judged"  # the citizen's time counts once it is over
    second = (
        f"CASE WHEN {counted} THEN {_at('f.fs_res')} - {_at('f.fs_req')} ELSE {_zero()} END AS citizen,"
        f" CASE WHEN {counted} AND f.fs_after IS NOT NULL AND f.fs_before IS NOT NULL"
        f" THEN {_at('f.fs_after')} - {_at('f.fs_before')} ELSE {_zero()} END AS shift"
    )
    if rules.no_due_max_days is None:
        no_due = "1"
    else:
        no_due = f"CASE WHEN f.judged - {_at('f.received')} - f.citizen <= {{no_due_max}} THEN 1 ELSE 0 END"
    if rules.supplement_time == "subtract":
        dated = f"CASE WHEN f.judged - f.citizen <= {_at('f.due')} - f.shift THEN 1 ELSE 0 END"
    else:
        dated = f"CASE WHEN f.judged <= {_at('f.due')} THEN 1 ELSE 0 END"
    third = (
        "CASE WHEN f.withdrawn IS NOT NULL THEN 1"
        " WHEN f.second_req IS NOT NULL AND f.second_req < f.m_end THEN 0"
        f" WHEN f.due IS NULL THEN {no_due} ELSE {dated} END AS on_time"
    )
    return first, second, third


def figures_sql(span: Span, rules: Rules766) -> tuple[str, list[object]]:
    ended_day, due_day = local_date("f.ended"), local_date("f.due")
    conds = {}
    for name, cond in conditions().items():
        # The calendar dates once per row (below), not once per column that compares them.
        cond = cond.replace(ended_day, "f.ended_day").replace(due_day, "f.due_day")
        conds[name] = cond.replace("{start}", "f.m_start").replace("{last_day}", "f.last_day")
    assert "f.ended_day" in conds["resolved_early"] and "f.due_day" in conds["resolved_late"]
    form06 = ",\n  ".join(
        f"SUM(CASE WHEN ({conds['included']}) AND ({conds[c]}) THEN 1 ELSE 0 END) AS {c}" for c in FORM06
    )
    finished = "f.ended IS NOT NULL AND f.withdrawn IS NULL AND f.ended >= f.m_start AND f.ended < f.m_end"
    refusal = "f.status_to = 3 AND f.received < f.m_start"  # in the population: open at the month's start
    first, second, third = _verdict_layers(rules)
    fence = "OFFSET 0" if connection.vendor == "postgresql" else ""
    # OFFSET 0 keeps each layer a subquery of its own, so PostgreSQL computes its columns once per row
    # instead of pasting the expressions into every place that reads them.
    template = f"""{_facts(span)}, j1 AS (
  SELECT f.*, {first}, {ended_day} AS ended_day, {due_day} AS due_day,
         CASE WHEN {finished} THEN 1 ELSE 0 END AS finished,
         CASE WHEN {refusal} THEN f.channel END AS ref_channel,
         CASE WHEN {refusal} THEN {month_of("f.received")} END AS ref_month
  FROM facts f {fence}
), j2 AS (
  SELECT f.*, {second} FROM j1 f {fence}
), j3 AS (
  SELECT f.*, {third} FROM j2 f {fence}
)
SELECT f.k, f.agency_id, f.field_id, f.ref_channel, f.ref_month,
  {form06},
  SUM(CASE WHEN f.status_to IN {ENDED_CODES} THEN 1 ELSE 0 END) AS closed,
  SUM(CASE WHEN f.status_to IN {ENDED_CODES} THEN f.on_time ELSE 0 END) AS closed_on_time,
  SUM(CASE WHEN f.status_to IN {OPEN_CODES} THEN 1 ELSE 0 END) AS open_end,
  SUM(CASE WHEN f.status_to IN {OPEN_CODES} THEN f.on_time ELSE 0 END) AS open_end_on_time,
  SUM(f.finished) AS completed,
  {_total_us(f"SUM(CASE WHEN f.finished = 1 THEN {_at('f.ended')} - {_at('f.received')} - COALESCE(f.sup_time, {_zero()}) END)")} AS working_us,
  COUNT(*) AS dossiers
FROM j3 f
GROUP BY f.k, f.agency_id, f.field_id, f.ref_channel, f.ref_month"""  # noqa: S608 — identifiers only
    return render(template, _values(span, rules))


FIGURES = (*FORM06, "closed", "closed_on_time", "open_end", "open_end_on_time", "completed", "working_us")


def figures(span: Span, rules: Rules766) -> Iterator[tuple]:
    """(month, agency, field, refusal channel, refusal month of receipt, *FIGURES, dossiers) groups."""
    sql, params = figures_sql(span, rules)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        for row in cursor.fetchall():
            yield tuple(None if v is None else int(v) for v in row[:5]) + tuple(int(v or 0) for v in row[5:])
