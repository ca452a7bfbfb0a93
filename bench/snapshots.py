"""Statistics snapshots (issue 7): rebuild from the events, reports from the snapshots, and DuckDB as the yardstick.

On the PostgreSQL database of DATABASE_URL (any populated congso database; `make bench` runs it on its own):
(a) a full rebuild of the monthly snapshots from the events, (b) Form 06 for a year for the whole province
from the snapshots, (c) the Decision 766 index for the same year, (d) the same Form 06 by the live replay,
and (e) the yardstick: the columns the monthly Form 06 needs (dossiers, events, pauses) exported with
psycopg's COPY to Parquet (DuckDB's COPY … TO), the same monthly aggregation run by DuckDB, its figures
checked equal to ours, and the ratio rebuild ÷ DuckDB (target ≤ 3).

    DATABASE_URL=postgres://…/congso_million .venv/bin/python -m bench.snapshots
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from pathlib import Path
from unittest import mock

TARGET_RATIO = 3


def _ms(fn, runs: int = 7) -> tuple[float, float, object]:
    """(median ms, worst ms, last result) after one warm-up run."""
    result = fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        result = fn()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples), max(samples), result


def _n(value: float | int) -> str:
    return f"{value:,.0f}".replace(",", ".")


# --- the yardstick -------------------------------------------------------------------------------------------

EXPORTS = {
    # name: (SELECT over the congso tables, DuckDB column types); moments as microseconds since the epoch
    "dossiers": (
        "SELECT d.id, d.agency_id, v.field_id, d.channel, {us(d.due_at)}, {us(d.received_at)}, {us(d.ended_at)}"
        " FROM dossiers_dossier d JOIN catalog_procedureversion v ON v.id = d.procedure_version_id"
        " WHERE d.province_code = %(province)s AND d.received_at IS NOT NULL",
        "id BIGINT, agency_id BIGINT, field_id BIGINT, channel INTEGER, due BIGINT, received_at BIGINT, ended_at BIGINT",
    ),
    "events": (
        "SELECT e.dossier_id, e.seq, e.to_status, {us(e.at)} FROM dossiers_dossierevent e"
        " WHERE e.province_code = %(province)s",
        "dossier_id BIGINT, seq BIGINT, to_status INTEGER, moment BIGINT",
    ),
    "pauses": (
        "SELECT p.id, p.dossier_id, {us(p.resumed_at)}, {us(p.due_before)} FROM dossiers_pause p"
        " WHERE p.province_code = %(province)s",
        "id BIGINT, dossier_id BIGINT, resumed_at BIGINT, due_before BIGINT",
    ),
}


def _us_sql(text: str) -> str:
    import re

    return re.sub(r"\{us\(([\w.]+)\)\}", r"(EXTRACT(EPOCH FROM \1) * 1000000)::bigint", text)


def export_parquet(connection, province: str, folder: Path) -> dict[str, int]:
    """psycopg COPY … TO STDOUT (CSV) into a file, then DuckDB's COPY … TO 'x.parquet'."""
    import duckdb

    counts = {}
    duck = duckdb.connect()
    with connection.cursor() as cursor:
        raw = cursor.cursor  # the psycopg cursor: COPY needs it
        for name, (select, types) in EXPORTS.items():
            csv = folder / f"{name}.csv"
            query = _us_sql(select).replace("%(province)s", "'" + province.replace("'", "") + "'")
            with csv.open("wb") as out, raw.copy(f"COPY ({query}) TO STDOUT (FORMAT CSV)") as copy:
                for block in copy:
                    out.write(block)
            columns = "{" + ", ".join(f"'{c.split()[0]}': '{c.split()[1]}'" for c in types.split(", ")) + "}"
            duck.execute(
                f"COPY (SELECT * FROM read_csv('{csv}', header=false, columns={columns}))"  # noqa: S608 — own temp files
                f" TO '{folder / name}.parquet' (FORMAT PARQUET)"
            )
            parquet = f"'{folder / name}.parquet'"
            counts[name] = duck.execute(f"SELECT count(*) FROM {parquet}").fetchone()[0]  # noqa: S608
            csv.unlink()
    duck.close()
    return counts


def duckdb_form06(folder: Path, first: int, last: int) -> tuple[float, dict]:
    """The monthly Form 06 of months first..last in DuckDB over the Parquet files: the same replay (events
    grouped by dossier and month, running MAX(seq * 16 + status), the pause ledger's due date, the candidate
    month range) and the same column conditions as congso's SQL. Returns (median seconds of three runs,
    {(month, agency): the 8 detail columns})."""
    import duckdb

    from congso.statistics.snapshots import months

    hour7 = 7 * 3600 * 1_000_000
    rows = []
    for k in range(first, last + 1):
        p = months.period(k)
        start, end = _epoch_us(p.start), _epoch_us(p.end)
        rows.append(f"({k}, {start}, {end}, {end - 86_400_000_000})")
    lo, hi = first, last
    start_all, end_all = _epoch_us(months.period(first).start), _epoch_us(months.period(last).end)
    local_month = (
        "(year(make_timestamp({x} + "
        + str(hour7)
        + ")) * 12 + month(make_timestamp({x} + "
        + str(hour7)
        + ")) - 1)"
    )
    day = "(({x} + " + str(hour7) + ") // 86400000000)"  # the Vietnamese calendar day, as a number

    def m(x: str) -> str:
        return local_month.replace("{x}", x)

    def d(x: str) -> str:
        return day.replace("{x}", x)

    sql = f"""
WITH mo(k, m_start, m_end, last_day) AS (VALUES {", ".join(rows)}),
dd AS (
  SELECT id, agency_id, field_id, channel, due AS due_now, greatest({m("received_at")}, {lo - 1}) AS k_recv,
         CASE WHEN ended_at IS NULL THEN NULL ELSE least({m("ended_at")}, {hi + 1}) END AS k_end
  FROM '{folder}/dossiers.parquet' WHERE received_at < {end_all} AND (ended_at IS NULL OR ended_at >= {start_all})
), em AS (
  SELECT dossier_id AS id, greatest({m("moment")}, {lo - 1}) AS k, max(seq * 16 + to_status) AS code,
         min(CASE WHEN to_status = 2 THEN moment END) AS received,
         min(CASE WHEN to_status IN (7, 9) THEN moment END) AS ended,
         min(CASE WHEN to_status = 7 THEN moment END) AS withdrawn
  FROM '{folder}/events.parquet' WHERE moment < {end_all} GROUP BY ALL
), run AS (
  SELECT id, k, lead(k) OVER (PARTITION BY id ORDER BY k) AS k_next,
         max(code) OVER w AS to_code, min(received) OVER w AS received, min(ended) OVER w AS ended,
         min(withdrawn) OVER w AS withdrawn
  FROM em WINDOW w AS (PARTITION BY id ORDER BY k ROWS UNBOUNDED PRECEDING)
), asof_rows AS (SELECT *, lag(to_code) OVER (PARTITION BY id ORDER BY k) AS prev_code FROM run),
pz AS (
  SELECT dossier_id AS id, due_before, least(greatest({m("resumed_at")}, {lo - 1}), {hi + 1}) AS k_res,
         lag(least(greatest({m("resumed_at")}, {lo - 1}), {hi + 1})) OVER (PARTITION BY dossier_id ORDER BY resumed_at, id) AS k_prev
  FROM '{folder}/pauses.parquet' WHERE resumed_at IS NOT NULL
), f AS (
  SELECT mo.k, mo.m_start, mo.last_day, dd.agency_id, dd.channel,
         (CASE WHEN r.k < mo.k THEN r.to_code ELSE r.prev_code END) % 16 AS status_from, r.to_code % 16 AS status_to,
         r.received, r.ended, r.withdrawn, CASE WHEN pz.id IS NULL THEN dd.due_now ELSE pz.due_before END AS due
  FROM asof_rows r JOIN dd ON dd.id = r.id
  JOIN mo ON mo.k BETWEEN greatest(r.k, dd.k_recv) AND least(coalesce(r.k_next - 1, {hi}), coalesce(dd.k_end, {hi}))
  LEFT JOIN pz ON pz.id = r.id AND mo.k < pz.k_res AND (pz.k_prev IS NULL OR mo.k >= pz.k_prev)
)
SELECT k, agency_id,
  sum(CASE WHEN received >= m_start AND channel = 2 THEN 1 ELSE 0 END) AS received_online,
  sum(CASE WHEN received >= m_start AND channel <> 2 THEN 1 ELSE 0 END) AS received_direct_postal,
  sum(CASE WHEN received < m_start THEN 1 ELSE 0 END) AS received_carried_over,
  sum(CASE WHEN status_to IN (7, 9, 10) AND withdrawn IS NULL AND due IS NOT NULL AND {d("ended")} < {d("due")} THEN 1 ELSE 0 END),
  sum(CASE WHEN status_to IN (7, 9, 10) AND (withdrawn IS NOT NULL OR due IS NULL OR {d("ended")} = {d("due")}) THEN 1 ELSE 0 END),
  sum(CASE WHEN status_to IN (7, 9, 10) AND withdrawn IS NULL AND due IS NOT NULL AND {d("ended")} > {d("due")} THEN 1 ELSE 0 END),
  sum(CASE WHEN status_to IN (5, 6, 8) OR (status_to IN (2, 4) AND (due IS NULL OR due >= last_day)) THEN 1 ELSE 0 END),
  sum(CASE WHEN status_to IN (2, 4) AND due < last_day THEN 1 ELSE 0 END)
FROM f
WHERE received IS NOT NULL AND status_to NOT IN (1, 3) AND (received >= m_start OR status_from IN (2, 4, 5, 6, 8))
GROUP BY ALL"""  # noqa: S608 — the bench's own constants
    duck = duckdb.connect()
    samples = []
    for _ in range(3):  # the median of three runs: DuckDB's time varies more than the rebuild's
        started = time.perf_counter()
        result = duck.execute(sql).fetchall()
        samples.append(time.perf_counter() - started)
    duck.close()
    return statistics.median(samples), {(r[0], r[1]): tuple(int(v) for v in r[2:]) for r in result}


def _epoch_us(moment) -> int:
    from datetime import UTC, datetime, timedelta

    return (moment - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(microseconds=1)


# --- the run ---------------------------------------------------------------------------------------------------


def run() -> None:
    from django.conf import settings
    from django.db import connection
    from django.db.models import Sum

    from congso.dossiers.models import Dossier, DossierEvent
    from congso.statistics import form06, selectors
    from congso.statistics.models import MonthFigures
    from congso.statistics.periods import Period
    from congso.statistics.snapshots import build, months
    from congso.statistics.snapshots import read as snapshot_read

    province = settings.CONGSO_PROVINCE_CODE
    first, last = build.first_month(province), months.current() - 1
    if first is None or first > last:
        print("Số liệu tháng: chưa có tháng nào đã kết thúc có hồ sơ để đo.")
        return
    dossiers = Dossier.objects.filter(province_code=province).count()
    events = DossierEvent.objects.filter(province_code=province).count()
    print(
        f"Số liệu tháng (snapshot) — {_n(dossiers)} hồ sơ, {_n(events)} sự kiện; "
        f"{last - first + 1} tháng {months.label(first)}–{months.label(last)}"
    )
    # (a) the full rebuild, from the events
    built = build.build(province_code=province, first=first, last=last)
    print(f"  (a) lập lại toàn bộ từ sự kiện           {built.seconds:6.1f} s   ({_n(built.rows)} dòng)")

    # (b), (c): a year for the whole province, from the snapshots (already built: a page view's cost)
    year_first = max(first, last - 11)
    year = Period(months.period(year_first).first, months.period(last).last)
    b50, b_max, report = _ms(lambda: selectors.form06_report(period=year, province_code=province))
    f50, f_max, _ = _ms(
        lambda: selectors.form06_report(period=year, province_code=province, group_by="field_level")
    )
    c50, c_max, index = _ms(lambda: selectors.index766_report(period=year, province_code=province))
    calendar = Period.year(months.period(last + 1).first.year)
    y50, y_max, _ = _ms(lambda: selectors.form06_report(period=calendar, province_code=province), runs=3)
    print(f"  kỳ một năm: {year.label.lower()} (các tháng đã kết thúc), toàn tỉnh")
    print(f"  (b) Mẫu 06 theo cơ quan, từ snapshot     p50 {b50:7.1f} ms  max {b_max:7.1f} ms")
    print(f"      Mẫu 06 theo lĩnh vực và cấp           p50 {f50:7.1f} ms  max {f_max:7.1f} ms")
    print(
        f"      Mẫu 06 {calendar.label.lower()} (tháng này trực tiếp) p50 {y50:7.1f} ms  max {y_max:7.1f} ms"
    )
    print(f"  (c) Chỉ số 766, từ snapshot              p50 {c50:7.1f} ms  max {c_max:7.1f} ms")

    # (d) the same Form 06 by the live replay (snapshots switched off)
    with mock.patch.object(snapshot_read, "form06_aggregate", lambda *a, **k: None):
        started = time.perf_counter()
        live = selectors.form06_report(period=year, province_code=province)
        live_s = time.perf_counter() - started
    same = live.total == report.total and [r.counts for r in live.rows] == [r.counts for r in report.rows]
    print(
        f"  (d) Mẫu 06, phát lại trực tiếp           {live_s:6.1f} s   (bằng số liệu snapshot: {'có' if same else 'KHÔNG'})"
    )

    # (e) the yardstick
    with tempfile.TemporaryDirectory(prefix="congso_duckdb_") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        counts = export_parquet(connection, province, folder)
        exported = time.perf_counter() - started
        duck_s, duck = duckdb_form06(folder, first, last)
    ours = {
        (months.index(r["month"]), r["agency_id"]): tuple(r[c] for c in form06.DETAIL_COLUMNS)
        for r in MonthFigures.objects.filter(province_code=province)
        .values("month", "agency_id")
        .annotate(**{c: Sum(c) for c in form06.DETAIL_COLUMNS})
    }
    ours = {k: v for k, v in ours.items() if any(v)}
    duck = {k: v for k, v in duck.items() if any(v)}
    equal = ours == duck
    print(
        f"  (e) DuckDB: xuất Parquet {exported:.1f} s ({_n(counts['events'])} sự kiện); "
        f"Mẫu 06 theo tháng {duck_s:.2f} s; khớp số liệu từng tháng, cơ quan: {'có' if equal else 'KHÔNG'}"
    )
    ratio = built.seconds / duck_s
    verdict = "đạt" if ratio <= TARGET_RATIO else "chưa đạt"
    print(
        f"  lập lại ÷ DuckDB = {ratio:.1f}× (mục tiêu ≤ {TARGET_RATIO}×: {verdict}); Mẫu 06 năm từ snapshot "
        f"{b50:.0f} ms (mục tiêu < 1.000 ms: {'đạt' if b50 < 1000 else 'chưa đạt'})"
    )
    if not equal:
        diff = sorted(set(ours.items()) ^ set(duck.items()))[:6]
        print(f"      khác biệt (tháng, cơ quan): {diff}")
    if index.total is None:
        print("      (chỉ số 766: chưa đủ dữ liệu để tính điểm)")


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    run()
