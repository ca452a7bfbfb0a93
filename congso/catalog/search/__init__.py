"""Procedure search for citizens: what they type (with or without diacritics, with typos, everyday words,
abbreviations or whole questions) → the procedures they most likely mean, best first.

    search_procedures("làm lại bằng lái xe bị mất")          → [Hit(code="3.000348", …), …]
    search_procedures("dang ky ket hon", level="xa", offered_only=True)
    suggest("đăng ký kh")                                    → [Suggestion(code, name), …]

The index lives in memory (see `store`), built from the catalogue on first use and rebuilt when it
changes. How ranking works: `index` (BM25F over words and word pairs), `query` (typos, everyday
wording from `lexicon`, question phrasing), `names` (priors and specifiers read from names), `engine`.
"""

from congso.catalog.search.public import Hit, Suggestion, search_procedures, suggest
from congso.catalog.search.store import get_index, invalidate

__all__ = ["Hit", "Suggestion", "get_index", "invalidate", "search_procedures", "suggest"]
