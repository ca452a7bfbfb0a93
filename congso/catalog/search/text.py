"""Turning Vietnamese text into search tokens, the same way for the catalogue and for a citizen's query.

Pure functions. A token is a folded syllable: lower-case, no diacritics (đ → d), with the i/y spelling
variants merged ("ký"/"kí" → "ki", "lý"/"lí" → "li"), because both spellings are legal and both are
typed. Numbers lose their leading zeros ("mức độ 02" = "mức độ 2").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from itertools import pairwise

from congso.catalog.search.lexicon import CANON
from congso.core.text import vn_fold

# A citizen query longer than this is cut: no procedure name needs more, and scoring cost stays bounded.
MAX_QUERY_CHARS = 256
MAX_QUERY_TOKENS = 40

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# A syllable whose only vowel is a final y after consonants: the y may be written i (ký/kí, mỹ/mĩ, quý/quí).
_FINAL_Y = re.compile(r"^(qu|[bcdfghklmnprstvx]+)y$")
CODE_RE = re.compile(r"\b\d\.\d{6}\b")


@dataclass(frozen=True)
class Token:
    """One word of a query: its folded form, and whether the citizen typed it with diacritics."""

    text: str  # folded, canonical spelling
    marked: bool  # typed with diacritics: "cần" is unambiguous, "can" may be "căn"
    raw: str  # lower-case as typed (NFC)


def canonical(word: str) -> str:
    """Folded syllable → canonical spelling (i/y merged, leading zeros dropped)."""
    if word.isdigit():
        return word.lstrip("0") or "0"
    return _FINAL_Y.sub(r"\1i", word)


# Spellings that regional pronunciation makes people confuse (ch/tr, s/x, d/gi/r, l/n, final n/ng, c/t).
_INITIALS = (("ch", "tr"), ("s", "x"), ("d", "gi"), ("d", "r"), ("gi", "r"), ("l", "n"), ("v", "d"))
_FINALS = (("ng", "n"), ("c", "t"), ("nh", "n"))


def sound_alikes(word: str) -> set[str]:
    """Folded spellings that sound like `word` in some region ("chu" → "tru", "xinh" → "sinh")."""
    out: set[str] = set()
    for a, b in _INITIALS:
        for x, y in ((a, b), (b, a)):
            if word.startswith(x) and not (x == "d" and word.startswith("gi")):
                out.add(y + word[len(x) :])
    for a, b in _FINALS:
        for x, y in ((a, b), (b, a)):
            if word.endswith(x) and len(word) > len(x):
                out.add(word[: -len(x)] + y)
    out.discard(word)
    return out


def fold_words(text: str | None) -> list[str]:
    """Folded, canonical tokens of a text (names, fields, documents)."""
    if not text:
        return []
    folded = vn_fold(unicodedata.normalize("NFC", text))
    return [canonical(w) for w in _WORD.findall(folded)]


def query_tokens(text: str) -> list[Token]:
    """Tokens of a citizen's query, keeping whether each word carried diacritics."""
    text = unicodedata.normalize("NFC", text[:MAX_QUERY_CHARS]).lower()
    tokens: list[Token] = []
    for raw in _WORD.findall(text):
        folded_word = vn_fold(raw)
        for part in _WORD.findall(folded_word):  # folding never splits a word, but be safe
            tokens.append(Token(canonical(part), folded_word != raw, raw))
        if len(tokens) >= MAX_QUERY_TOKENS:
            break
    return tokens[:MAX_QUERY_TOKENS]


def phrase(text: str) -> tuple[str, ...]:
    """A lexicon phrase written with diacritics → its tuple of canonical tokens."""
    return tuple(fold_words(text))


def bigrams(words: list[str]) -> list[str]:
    return [f"{a} {b}" for a, b in pairwise(words)]


def replace_phrases(
    words: list[str], table: dict[tuple[str, ...], tuple[str, ...]], longest: int
) -> list[str]:
    """Replace every occurrence of a table phrase (longest match first, left to right)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            target = table.get(tuple(words[i : i + size]))
            if target is not None:
                out.extend(target)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


CANON_TABLE = {phrase(a): phrase(b) for a, b in CANON}
CANON_LONGEST = max(len(k) for k in CANON_TABLE)


def index_words(text: str) -> list[str]:
    """Words of catalogue text as the index stores them (folded, canonical spellings)."""
    return replace_phrases(fold_words(text), CANON_TABLE, CANON_LONGEST)


def name_words(name: str) -> list[str]:
    words = index_words(name)
    # "Thủ tục …" opens a third of the names and says nothing; it would only lengthen them.
    return words[2:] if words[:2] == ["thu", "tuc"] else words
