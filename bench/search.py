"""Procedure search latency: p50/p95 of `search_procedures` over the evaluation queries, index warm,
beside the plain FTS5 baseline measured in the same run.

Run by `make bench` (PostgreSQL, with the other benchmarks), or alone on any database:

    .venv/bin/python -m bench.search                                    # in-memory SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/congso_bench_search .venv/bin/python -m bench.search
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent.parent / "shared/data/procedures.jsonl"
ROUNDS = 3  # each query is searched this many times; the first round warms caches only


def _ensure_catalogue() -> None:
    from congso.catalog.models import Procedure
    from congso.catalog.services import import_procedures

    if Procedure.objects.filter(current_version__isnull=False).count() >= 3000:
        return
    if not CATALOGUE.is_file():
        raise SystemExit(f"Cần danh mục thủ tục {CATALOGUE} để đo tìm kiếm.")
    with CATALOGUE.open(encoding="utf-8") as lines:
        report = import_procedures(lines, source_name=CATALOGUE.name)
    print(f"  nhập danh mục: {report.imported} thủ tục ({report.seconds:.1f} giây)")


def _percentiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return cuts[49] * 1000, cuts[94] * 1000


def run() -> None:
    from django.db import connection

    from congso.catalog.search import get_index, invalidate, search_procedures
    from evaluation.baseline import Fts5Baseline
    from evaluation.dataset import load

    _ensure_catalogue()
    queries = [case.query for case in load()]
    invalidate()
    started = time.perf_counter()
    get_index()
    build = time.perf_counter() - started
    baseline = Fts5Baseline()

    ours: list[float] = []
    plain: list[float] = []
    for round_no in range(ROUNDS):
        for q in queries:
            t0 = time.perf_counter()
            search_procedures(q, limit=10)
            t1 = time.perf_counter()
            baseline.search(q, any_word=True)
            t2 = time.perf_counter()
            if round_no:
                ours.append(t1 - t0)
                plain.append(t2 - t1)
    p50, p95 = _percentiles(ours)
    b50, b95 = _percentiles(plain)
    vendor = connection.vendor
    print(f"Tìm thủ tục ({vendor}, {len(queries)} truy vấn × {ROUNDS - 1} lượt, chỉ mục đã dựng):")
    print(f"  congso: p50 {p50:.2f} ms, p95 {p95:.2f} ms (gồm 1 truy vấn kiểm tra danh mục thay đổi)")
    print(f"  FTS5 thuần (SQLite trong bộ nhớ, bất kỳ từ nào): p50 {b50:.2f} ms, p95 {b95:.2f} ms")
    print(f"  dựng chỉ mục từ cơ sở dữ liệu: {build:.2f} giây (một lần mỗi tiến trình)")


def main() -> None:
    os.environ.setdefault("DATABASE_URL", "sqlite:///:memory:")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    run()


if __name__ == "__main__":
    main()
