"""python manage.py search_procedures --limit 10 < queries.txt — one query per line in, one JSON line out.

Each output line is {"query": "...", "codes": ["1.000656", ...]}, best first, in the order of the input;
blank lines give an empty list. Used by evaluations that run outside Python.
"""

from __future__ import annotations

import json
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from congso.catalog.search import search_procedures
from congso.catalog.search.public import MAX_LIMIT
from congso.core.errors import DomainError


class Command(BaseCommand):
    help = "Tìm thủ tục hành chính cho từng dòng truy vấn ở đầu vào chuẩn; in mỗi kết quả một dòng JSON."
    stealth_options = ("stdin",)  # call_command(..., stdin=io.StringIO(...)) in tests

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--limit", type=int, default=10, help=f"số mã thủ tục mỗi truy vấn (1–{MAX_LIMIT})"
        )
        parser.add_argument("--field", default=None, help="lọc theo lĩnh vực (mã số hoặc tên)")
        parser.add_argument(
            "--level", default=None, choices=["tinh", "xa", "bo", "khac"], help="cấp thực hiện"
        )
        parser.add_argument("--agency", default=None, help="chỉ thủ tục cơ quan này cung cấp (mã số hoặc mã)")
        parser.add_argument(
            "--offered-only", action="store_true", help="chỉ thủ tục các cơ quan của tỉnh đang cung cấp"
        )

    def handle(self, *args, limit: int, field, level, agency, offered_only: bool, **options) -> None:
        if not 1 <= limit <= MAX_LIMIT:
            raise CommandError(f"--limit phải từ 1 đến {MAX_LIMIT}.")
        stdin = options.get("stdin") or sys.stdin
        for line in stdin:
            query = line.rstrip("\r\n")
            try:
                hits = search_procedures(
                    query, limit=limit, field=field, level=level, agency=agency, offered_only=offered_only
                )
            except DomainError as exc:
                raise CommandError(exc.message) from exc
            self.stdout.write(
                json.dumps({"query": query, "codes": [h.code for h in hits]}, ensure_ascii=False)
            )
