"""The yardstick: plain full-text search as a naive system would do it, measured in the same run.

SQLite FTS5 over each procedure's folded search text (`ProcedureVersion.search_text`: name, other names
and field without diacritics), ranked by FTS5's own bm25. The query is folded the same way and split into
words; "all words" requires every word (what a search box usually does), "any word" accepts any of them
(more forgiving, no question or typo handling). No synonyms, no typo correction, no priors.
"""

from __future__ import annotations

import re
import sqlite3

from congso.catalog.models import Procedure
from congso.core.text import vn_fold

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


class Fts5Baseline:
    def __init__(self) -> None:
        self.db = sqlite3.connect(":memory:")
        self.db.execute("CREATE VIRTUAL TABLE doc USING fts5(code UNINDEXED, text, tokenize='unicode61')")
        rows = Procedure.objects.filter(current_version__isnull=False).values_list(
            "code", "current_version__search_text"
        )
        self.db.executemany("INSERT INTO doc (code, text) VALUES (?, ?)", list(rows))

    def search(self, query: str, *, any_word: bool = False, limit: int = 10) -> list[str]:
        words = _WORD.findall(vn_fold(query[:256]))
        if not words:
            return []
        match = (" OR " if any_word else " AND ").join(f'"{w}"' for w in words)
        cursor = self.db.execute(
            "SELECT code FROM doc WHERE doc MATCH ? ORDER BY bm25(doc) LIMIT ?", (match, limit)
        )
        return [code for (code,) in cursor]
