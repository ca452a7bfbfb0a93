"""make bench: congso's speed figures on PostgreSQL, each as a ratio to a yardstick measured in the same run.

1. Receiving dossiers through the service layer (lock, permission, code counter, deadline, event, outbox)
   against plain single-row INSERTs into PostgreSQL, each in its own transaction.
2. Deadline computations per second (add N working days to a receipt moment).
3. The bulk data generator, dossiers per second (events and outbox rows included).
4. Statistics snapshots: rebuild from the events against DuckDB over the same rows (bench/snapshots.py).

It creates and drops its own database (congso_bench) on the server of DATABASE_URL.
"""

from __future__ import annotations

import os
import sys
import time

import dj_database_url
import psycopg

BENCH_DB = "congso_bench"


def _prepare_database() -> None:
    url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/congso")
    cfg = dj_database_url.parse(url)
    if "postgresql" not in cfg["ENGINE"]:
        sys.exit("make bench cần PostgreSQL: đặt DATABASE_URL=postgres://…")
    admin = psycopg.connect(
        host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], dbname="postgres", autocommit=True
    )
    admin.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
    admin.execute(f"CREATE DATABASE {BENCH_DB}")
    admin.close()
    cfg_url = url.rsplit("/", 1)[0] + "/" + BENCH_DB
    os.environ["DATABASE_URL"] = cfg_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


def main() -> None:
    _prepare_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bench import deadlines, generator, inbox, intake, search, snapshots

    print("congso bench — PostgreSQL, one run; ratios compare figures measured side by side\n")
    for module in (intake, deadlines, generator, inbox, search, snapshots):
        started = time.perf_counter()
        module.run()
        print(f"  ({time.perf_counter() - started:.1f} s)\n")


if __name__ == "__main__":
    main()
