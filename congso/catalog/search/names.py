"""What a procedure's name says beyond its words: province-specific copies, the action it opens with,
the special case it covers, and the usual case. Read from the name as written (with diacritics).

These become priors (multipliers fixed per procedure) and specifiers (checked against each query).
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

from congso.catalog.search.lexicon import ACTION_WORDS, ACTIONS, COVERS_BOTH, DEFAULT_CASES, QUALIFIERS
from congso.catalog.search.text import name_words, phrase

if TYPE_CHECKING:
    from congso.catalog.search.index import DocRow

DEFAULT_CASE_BONUS = 1.08
MAX_PRIOR = DEFAULT_CASE_BONUS  # every other prior factor is at most 1
DUPLICATE_PRIOR = 0.6  # a name-only copy of a documented record
NAME_ONLY_PRIOR = 0.85  # a name and a field, no components
LOCAL_PRIOR = 0.6  # another province's variant
INACTIVE_PRIOR = 0.5
CENTRAL_ONLY_PRIOR = 0.95  # a provincial platform: central-only procedures come second on a tie

# Province-specific variants in the national list ("Đắk Lắk - …", "(Hà Nội) …", "… (TPCT)", "… tỉnh Phú Thọ",
# a provincial decision number): a citizen of this province rarely means them.
_CAP = r"[A-ZĐÀ-Ỹ][\wÀ-ỹ]*"
LOCAL_RE = re.compile(
    rf"^\((?:Hà Nội|TPCT)\)|\(TPCT\)|^{_CAP}(?: {_CAP}){{0,3}}(?: \(cấp xã\))? [-–] "
    rf"|\b(?:tỉnh|[Tt]hành phố) {_CAP}|\d+/\d{{4}}/QĐ-UBND"
)
_PARENS = re.compile(r"\([^)]*\)")


def _words_re(text: str) -> re.Pattern:
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)")


def _specifiers(entries: tuple[str, ...]) -> list[tuple[re.Pattern, tuple[str, ...], list[re.Pattern]]]:
    return [
        (_words_re(name), phrase(asked or name), [_words_re(o) for o in COVERS_BOTH.get(name, ())])
        for name, _, asked in (e.partition("=") for e in entries)
    ]


_ACTIONS = _specifiers(ACTIONS)
_QUALIFIERS = _specifiers(QUALIFIERS)
_DEFAULTS = [_words_re(s) for s in DEFAULT_CASES]
_PLACE_PREFIX = re.compile(rf"^{_CAP}(?: {_CAP}){{0,3}}(?: \(cấp xã\))? [-–] ")


def duplicate_key(name: str) -> str:
    """A name without its place prefix, parenthesised notes and "Thủ tục": equal keys = same procedure."""
    bare = _PARENS.sub(" ", _PLACE_PREFIX.sub("", name.strip()))
    return " ".join(name_words(bare))


def name_specifiers(name: str) -> tuple[tuple[str, ...], ...]:
    """Actions opening a name and qualifiers anywhere in it, matched with diacritics ("đổi" ≠ "đối")."""
    text = unicodedata.normalize("NFC", _PLACE_PREFIX.sub("", name.strip())).lower()
    text = re.sub(r"^thủ tục:?\s*", "", text)
    opening = " ".join(text.split()[:ACTION_WORDS])
    found = []
    for scope, table in ((opening, _ACTIONS), (text, _QUALIFIERS)):
        for pattern, words, others in table:
            if pattern.search(scope) and not any(o.search(text) for o in others) and words not in found:
                found.append(words)
    return tuple(found)


def priors(docs: list[DocRow]) -> list[float]:
    """Multipliers for things the words cannot tell: documented national records over name-only copies."""
    documented = {duplicate_key(d.name) for d in docs if d.has_documents}
    out: list[float] = []
    for d in docs:
        p = 1.0
        if not d.has_documents:
            # 821 records are a name and a field only; most are copies of a documented national record.
            p *= DUPLICATE_PRIOR if duplicate_key(d.name) in documented else NAME_ONLY_PRIOR
        if LOCAL_RE.search(d.name):
            p *= LOCAL_PRIOR
        if not d.active:
            p *= INACTIVE_PRIOR
        if d.levels and not ({"xa", "tinh"} & set(d.levels)):
            p *= CENTRAL_ONLY_PRIOR
        lowered = unicodedata.normalize("NFC", d.name).lower()
        if any(pattern.search(lowered) for pattern in _DEFAULTS):
            p *= DEFAULT_CASE_BONUS
        out.append(p)
    return out
