"""Top-1 / top-5 accuracy of congso's procedure search against a plain full-text baseline, same run.

    .venv/bin/python -m evaluation.run_search_eval                      # in-memory SQLite, imports the catalogue
    .venv/bin/python -m evaluation.run_search_eval --database-url postgres://postgres@127.0.0.1:5432/congso_eval
    .venv/bin/python -m evaluation.run_search_eval --failures           # misses of the tuning part only

The catalogue (../shared/data/procedures.jsonl) is imported when the database has none. Held-back queries
(30%, by a fixed hash) are reported apart; `--failures` never prints them, so tuning cannot see them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CATALOGUE = HERE.parent.parent / "shared/data/procedures.jsonl"


def _setup(database_url: str | None) -> None:
    os.environ["DATABASE_URL"] = database_url or os.environ.get("EVAL_DATABASE_URL", "sqlite:///:memory:")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(HERE.parent))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from congso.catalog.models import Procedure
    from congso.catalog.services import import_procedures

    if not Procedure.objects.exists():
        if not CATALOGUE.is_file():
            sys.exit(f"Không tìm thấy danh mục thủ tục {CATALOGUE}.")
        with CATALOGUE.open(encoding="utf-8") as lines:
            report = import_procedures(lines, source_name=CATALOGUE.name)
        print(report.summary())


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", help="mặc định: SQLite trong bộ nhớ")
    parser.add_argument(
        "--failures", action="store_true", help="in các truy vấn trượt (chỉ phần dùng để tinh chỉnh)"
    )
    parser.add_argument(
        "--tuning", action="store_true", help="chỉ in phần dùng để tinh chỉnh (ẩn phần giữ lại)"
    )
    args = parser.parse_args(argv)
    _setup(args.database_url)

    from congso.catalog.search import get_index, search_procedures
    from evaluation.baseline import Fts5Baseline
    from evaluation.dataset import KINDS, evaluate, load

    cases = load()
    started = time.perf_counter()
    get_index()
    build = time.perf_counter() - started
    baseline = Fts5Baseline()
    runs = {
        "congso": lambda q: [h.code for h in search_procedures(q, limit=10)],
        "FTS5, all words": lambda q: baseline.search(q),
        "FTS5, any word": lambda q: baseline.search(q, any_word=True),
    }
    results = {name: evaluate(cases, ranker) for name, ranker in runs.items()}

    print(f"\n{len(cases)} truy vấn; chỉ mục dựng trong {build:.2f} giây\n")
    keys = ("dev",) if args.tuning else ("all", "dev", "held_back", *KINDS)
    for key in keys:
        print(f"{key:>14}:")
        for name, scores in results.items():
            print(f"{'':>16}{name:<16} {scores[key]}")
    if args.failures:
        print("\nTrượt top-1 (phần tinh chỉnh):")
        for case in cases:
            if case.held_back:
                continue
            codes = runs["congso"](case.query)
            if not codes or codes[0] not in case.expected:
                mark = "top5" if set(codes[:5]) & set(case.expected) else "MISS"
                print(
                    f"  [{mark}] {case.kind:<13} {case.query!r} → {codes[:3]} want {list(case.expected)[:3]}"
                )


if __name__ == "__main__":
    main()
