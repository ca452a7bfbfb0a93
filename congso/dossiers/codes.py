"""Dossier codes: {agency code}-{yyMMdd}-{4-digit sequence per receiving unit per day}.

Circular 01/2018/TT-VPCP art. 19 (example 000.00.16.H56-250714-0007). Circular 03/2025/TT-VPCP
redefines the code but its format is not published to us, so the pattern is the setting
CONGSO_DOSSIER_CODE_FORMAT. The counter row is locked for the increment, so two officers receiving
at the same moment never get the same number.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db import connection

from congso.core.clock import local
from congso.dossiers.models import CodeCounter


def format_code(agency_code: str, day: date | datetime, seq: int) -> str:
    return settings.CONGSO_DOSSIER_CODE_FORMAT.format(agency=agency_code, date=day, seq=seq)


def next_code(agency_code: str, at: datetime) -> str:
    """One atomic upsert: the first dossier of the day creates the row, later ones increment it. Both
    SQLite (3.35+) and PostgreSQL execute INSERT … ON CONFLICT … RETURNING as a single statement, so
    concurrent receipts serialise on the row and never share a number."""
    day = local(at).date()
    table = connection.ops.quote_name(CodeCounter._meta.db_table)
    with connection.cursor() as cur:
        cur.execute(
            f"INSERT INTO {table} (agency_code, day, last) VALUES (%s, %s, 1) "  # noqa: S608 — table from metadata
            f"ON CONFLICT (agency_code, day) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [agency_code, day],
        )
        seq = cur.fetchone()[0]
    return format_code(agency_code, day, seq)
