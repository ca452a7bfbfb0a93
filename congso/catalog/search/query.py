"""From what a citizen typed to weighted search terms. Pure given the index (its vocabulary decides).

Steps, in order: drop question phrasing ("… cần những giấy tờ gì?"); correct words the catalogue and the
lexicon do not know (typos, words run together: "khaisinh", telex leftovers: "kys", regional spellings);
rewrite everyday wording into the catalogue's ("sổ đỏ" → "giấy chứng nhận quyền sử dụng đất") and note
hints ("mất" may mean "cấp lại"); repair real-word slips from their neighbours ("tạm chú" → "tạm trú":
both are words, only one is a pair the catalogue uses); drop filler words. Each remaining word and each
adjacent pair becomes a slot of alternatives (`Slot`); a procedure scores the best alternative per slot.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from rapidfuzz import process
from rapidfuzz.distance import OSA

from congso.catalog.search.index import SearchIndex
from congso.catalog.search.lexicon import CANON, HINTS, STOP_PHRASES, STOP_WORDS, SYNONYMS
from congso.catalog.search.text import (
    CANON_LONGEST,
    CANON_TABLE,
    CODE_RE,
    MAX_QUERY_CHARS,
    Token,
    canonical,
    phrase,
    query_tokens,
    sound_alikes,
)

PAIR_WEIGHT = 1.0
HINT_WEIGHT = 0.5
HINT_WEIGHT_ATTACHED = 0.8
TYPO_WEIGHT = 0.85
SLIP_WEIGHT = 0.8
ORIGINAL_WEIGHT = 0.5  # the word as typed stays a weaker alternative of its repair
OPTIONAL_WEIGHT = 0.4


@dataclass(frozen=True)
class Word:
    text: str
    weight: float = 1.0
    marked: bool = False  # typed with diacritics
    raw: str = ""
    protected: bool = False  # produced by the lexicon: never a filler word
    alternatives: tuple[tuple[str, float], ...] = ()  # hint terms that may stand in for the word
    variants: tuple[tuple[str, float], ...] = ()  # other spellings it may be (slips)

    def spellings(self) -> list[tuple[str, float]]:
        return [(self.text, self.weight), *self.variants]


@dataclass
class Slot:
    terms: list[tuple[str, float]]  # alternatives (term, weight): a document scores its best one
    pair: bool = False


@dataclass
class Analysis:
    words: list[str]  # the interpreted query, for display ("Kết quả cho: …")
    slots: list[Slot]
    codes: list[str] = field(default_factory=list)
    corrections: dict[str, str] = field(default_factory=dict)
    hints: list[str] = field(default_factory=list)  # phrases the hints added ("cap lai")


def _weighted(target: str) -> tuple[tuple[str, float], ...]:
    """ "giấy chứng nhận [quyền sử dụng đất]" → each word with its weight (bracketed words weaker)."""
    out: list[tuple[str, float]] = []
    for part in re.split(r"(\[[^\]]*\])", target):
        weight = OPTIONAL_WEIGHT if part.startswith("[") else 1.0
        out += [(w, weight) for w in phrase(part.strip("[]"))]
    return tuple(out)


SYNONYM_TABLE = {phrase(a): _weighted(b) for a, b in SYNONYMS}
CANON_WEIGHTED = {k: tuple((w, 1.0) for w in v) for k, v in CANON_TABLE.items()}
# key phrase → alternative terms (a word, or a word pair as one bigram term)
HINT_TABLE = {phrase(a): [" ".join(phrase(alt)) for alt in b.split("|")] for a, b in HINTS}
SYNONYM_LONGEST = max(len(k) for k in SYNONYM_TABLE)
SYNONYM_KEYS = sorted(SYNONYM_TABLE, key=len, reverse=True)  # longest phrase first
STOP_PHRASE_SET = {phrase(p) for p in STOP_PHRASES if p}
STOP_RAW = set(STOP_WORDS)
STOP_FOLDED = {w for s in STOP_WORDS for w in phrase(s)}
LEXICON_WORDS = (
    frozenset(w for group in (SYNONYMS, HINTS, CANON) for a, b in group for w in (*phrase(a), *phrase(b)))
    | frozenset(w for p in STOP_PHRASE_SET for w in p)
    | STOP_FOLDED
)


def lexicon_completion(before: list[str], partial: str) -> str | None:
    """The last word of an everyday phrase being typed: ["so"], "d" → "do" (sổ đỏ)."""
    for key in SYNONYM_KEYS:
        n = len(key)
        if n == 1 and (before or len(partial) < 2):
            continue  # a lone abbreviation only completes as the first word ("cc" → "cccd")
        typed = tuple(before[len(before) - n + 1 :]) if n > 1 else ()
        if n - 1 <= len(before) and typed == key[:-1] and key[-1].startswith(partial) and key[-1] != partial:
            return key[-1]
    return None


def _longest(keys) -> int:
    return max((len(k) for k in keys), default=1)


def _drop_phrases(tokens: list[Token]) -> list[Token]:
    longest = _longest(STOP_PHRASE_SET)
    out, i = [], 0
    while i < len(tokens):
        for size in range(min(longest, len(tokens) - i), 1, -1):
            if tuple(t.text for t in tokens[i : i + size]) in STOP_PHRASE_SET:
                i += size
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _correct(word: str, prev: str | None, nxt: str | None, index: SearchIndex) -> tuple[list[str], bool]:
    """Known words for an unknown one: a split into a catalogue pair, else the closest spelling."""
    vocab, pairs = index.vocabulary, index.pairs
    halves = [(canonical(word[:k]), canonical(word[k:])) for k in range(1, len(word))]
    splits = [(pairs.get(f"{a} {b}", 0), [a, b]) for a, b in halves if a in vocab and b in vocab]
    splits = [s for s in splits if s[0] > 0]
    if splits:
        return max(splits)[1], True
    alike = [w for w in sound_alikes(word) if w in vocab]
    if alike:
        return [
            max(alike, key=lambda c: (pairs.get(f"{prev} {c}", 0) + pairs.get(f"{c} {nxt}", 0), vocab[c]))
        ], True
    if len(word) < 3 or word.isdigit():
        return [], False
    limit = 1 if len(word) <= 4 else 2
    found = process.extract(word, index.words, scorer=OSA.distance, score_cutoff=limit, limit=25)
    if not found:
        return [], False

    def rank(item):
        candidate, distance, _ = item
        context = pairs.get(f"{prev} {candidate}", 0) + pairs.get(f"{candidate} {nxt}", 0)
        return (distance - (1 if context else 0), -context, -vocab.get(candidate, 0))

    best = min(found, key=rank)
    return [best[0]], True


def _fix_unknown(tokens: list[Token], index: SearchIndex, corrections: dict[str, str]) -> list[Word]:
    words: list[Word] = []
    for i, t in enumerate(tokens):
        if t.text in index.vocabulary or t.text in LEXICON_WORDS or t.text.isdigit():
            words.append(Word(t.text, 1.0, t.marked, t.raw))
            continue
        prev = tokens[i - 1].text if i else None
        nxt = tokens[i + 1].text if i + 1 < len(tokens) else None
        fixed, ok = _correct(t.text, prev, nxt, index)
        if not ok:
            continue  # nothing like it in the catalogue: it cannot help ranking
        corrections[t.raw] = " ".join(fixed)
        words.extend(Word(f, TYPO_WEIGHT, True, f, protected=True) for f in fixed)
    return words


def _rewrite(words: list[Word], table, longest: int) -> list[Word]:
    out, i = [], 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            target = table.get(tuple(w.text for w in words[i : i + size]))
            if target is not None:
                weight = min(w.weight for w in words[i : i + size])
                new = [Word(t, weight * f, True, t, protected=True) for t, f in target]
                if new:
                    new[-1] = replace(new[-1], alternatives=words[i + size - 1].alternatives)
                out.extend(new)
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _hints(words: list[Word]) -> dict[int, list[str]]:
    """Hint terms by the position of the last word of their key phrase."""
    texts = [w.text for w in words]
    found: dict[int, list[str]] = {}
    for key, terms in HINT_TABLE.items():
        for i in range(len(texts) - len(key) + 1):
            if tuple(texts[i : i + len(key)]) == key:
                found.setdefault(i + len(key) - 1, []).extend(terms)
    return found


def _drop_fillers(words: list[Word], index: SearchIndex) -> list[Word]:
    kept = []
    for i, w in enumerate(words):
        if w.protected:
            kept.append(w)
        elif w.marked:
            if w.raw not in STOP_RAW:
                kept.append(w)
        elif w.text not in STOP_FOLDED:
            kept.append(w)
        elif w.raw in STOP_RAW:
            continue  # a filler that has no diacritics even when spelt right ("cho", "và" typed "va" is not)
        else:
            # "can" may be "cần" (drop) or "căn" (keep): keep it where it makes a catalogue pair.
            prev = words[i - 1].text if i else ""
            nxt = words[i + 1].text if i + 1 < len(words) else ""
            if f"{prev} {w.text}" in index.pairs or f"{w.text} {nxt}" in index.pairs:
                kept.append(w)
    return kept


def _repair_slips(words: list[Word], index: SearchIndex) -> list[Word]:
    """A known word that pairs with neither neighbour but whose near spelling does: likely a slip."""
    pairs = index.pairs
    out = list(words)
    for i, w in enumerate(words):
        if w.protected or w.text.isdigit() or len(w.text) < 2 or w.text in STOP_FOLDED:
            continue
        # Filler neighbours pair with anything ("cho công dân"), so they are no evidence either way.
        prev = words[i - 1].text if i and words[i - 1].text not in STOP_FOLDED else None
        nxt = words[i + 1].text if i + 1 < len(words) and words[i + 1].text not in STOP_FOLDED else None
        if not prev and not nxt:
            continue
        if (prev and f"{prev} {w.text}" in pairs) or (nxt and f"{w.text} {nxt}" in pairs):
            continue
        found = process.extract(w.text, index.words, scorer=OSA.distance, score_cutoff=1, limit=30)
        candidates = {c for c, distance, _ in found if distance} | sound_alikes(w.text)
        support = {}
        for candidate in candidates:
            df = pairs.get(f"{prev} {candidate}", 0) + pairs.get(f"{candidate} {nxt}", 0)
            if df >= 2:  # a pair seen in at least two procedures
                support[candidate] = df
        if not support:
            continue
        ranked = sorted(support, key=lambda c: -support[c])
        top = support[ranked[0]]
        # Near-ties stay as variants ("chíu": "chiếu" in "hộ chiếu" or "chí" in "Hồ Chí Minh").
        variants = [(c, SLIP_WEIGHT) for c in ranked[1:4] if support[c] * 2 >= top]
        out[i] = replace(
            w, text=ranked[0], weight=SLIP_WEIGHT, variants=(*variants, (w.text, ORIGINAL_WEIGHT * w.weight))
        )
    return out


def analyze(query: str, index: SearchIndex) -> Analysis:
    query = (query or "")[:MAX_QUERY_CHARS]  # before any regex: a megabyte of input costs nothing
    codes = CODE_RE.findall(query)
    corrections: dict[str, str] = {}
    tokens = _drop_phrases(query_tokens(CODE_RE.sub(" ", query)))
    words = _fix_unknown(tokens, index, corrections)
    for _ in range(2):  # a second pass catches phrases the first one formed ("mst cá nhân")
        words = _rewrite(words, SYNONYM_TABLE, SYNONYM_LONGEST)
    hinted = _hints(words)
    # Attach each hint to its key word (before fillers go), so it can stand in for that word.
    words = [
        replace(w, alternatives=tuple((t, HINT_WEIGHT_ATTACHED) for t in hinted.get(i, ())))
        for i, w in enumerate(words)
    ]
    words = _rewrite(words, CANON_WEIGHTED, CANON_LONGEST)
    words = _repair_slips(words, index)
    kept = _drop_fillers(words, index)
    kept_ids = {id(w) for w in kept}
    # Hints of dropped fillers ("làm" → "cấp") still count, as weak words of their own.
    loose_hints = [t for w in words if id(w) not in kept_ids for t, _ in w.alternatives]
    hints = [t for w in kept for t, _ in w.alternatives] + loose_hints
    return Analysis([w.text for w in kept], _slots(kept, loose_hints), codes, corrections, hints)


def _slots(words: list[Word], loose_hints: list[str]) -> list[Slot]:
    slots: list[Slot] = []
    seen: set[str] = set()
    for w in words:
        if w.text not in seen:
            seen.add(w.text)
            slots.append(Slot([*w.spellings(), *w.alternatives]))
    for a, b in pairwise(words):
        term = f"{a.text} {b.text}"
        if term not in seen:
            seen.add(term)
            spelt = [(f"{x} {y}", min(wx, wy)) for x, wx in a.spellings() for y, wy in b.spellings()]
            slots.append(Slot([(t, PAIR_WEIGHT * w) for t, w in spelt], pair=True))
    for h in loose_hints:
        if h not in seen:
            seen.add(h)
            slots.append(Slot([(h, HINT_WEIGHT)], pair=" " in h))
    return slots
