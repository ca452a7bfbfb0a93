"""Ranking: BM25F sums over the query's slots, times how much of the query a procedure covers, times priors.

Coverage matters because citizens type several ideas at once ("làm lại bằng lái xe bị mất"): a procedure
matching all of them beats one that matches a single rare word many times. Priors break near-ties in
favour of what a provincial counter actually handles (documented national records, active procedures).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections.abc import Collection
from dataclasses import dataclass

from congso.catalog.search.index import SearchIndex
from congso.catalog.search.names import MAX_PRIOR
from congso.catalog.search.query import LEXICON_WORDS, Analysis, Slot, analyze, lexicon_completion
from congso.catalog.search.text import fold_words

COVERAGE_FLOOR = 0.25  # a procedure matching a quarter of the query keeps a quarter of its score, …
NAME_COVERED_BONUS = 1.25  # … and one whose whole name was typed gets a little more,
NAME_COVERED_MIN = 0.5  # … unless that name misses most of what was typed
UNASKED_SPECIFIER = 0.75  # per specifier in the name the query did not ask for (at most two)
CODE_SCORE = 1000.0  # a TTHC code typed in the query comes first
# The most the factors above can multiply a raw score by (coverage ≤ 1, prior ≤ MAX_PRIOR, one bonus):
# lets ranking stop early once no remaining candidate can reach the top.
MAX_BOOST = MAX_PRIOR * NAME_COVERED_BONUS
MAX_COMPLETIONS = 6
MAX_COMPLETION_SCAN = 2000


@dataclass(frozen=True)
class Ranked:
    doc: int
    score: float


def _slot_scores(index: SearchIndex, slot: Slot) -> dict[int, float]:
    best: dict[int, float] = {}
    for term, weight in slot.terms:
        posting = index.postings.get(term)
        if posting is None or weight <= 0:
            continue
        ids, values = posting
        for i, v in zip(ids, values, strict=True):
            s = weight * v
            if s > best.get(i, 0.0):
                best[i] = s
    return best


def rank(
    index: SearchIndex, analysis: Analysis, *, allowed: Collection[int] | None = None, limit: int = 10
) -> list[Ranked]:
    scores: dict[int, float] = {}
    covered: dict[int, float] = {}
    total = 0.0
    for slot in analysis.slots:
        best = _slot_scores(index, slot)
        for i, s in best.items():
            scores[i] = scores.get(i, 0.0) + s
        if slot.pair or not best:
            continue
        # A word's share of the query is its rarity: "khai" matters more than "cấp".
        share = max(index.idf.get(t, 0.0) * w for t, w in slot.terms)
        total += share
        # Coverage counts words found in a procedure's name or field, not in its result text: a result
        # that mentions "hộ chiếu" does not make a tax registration about passports.
        titled: set[int] = set()
        for t, _ in slot.terms:
            titled.update(index.titled.get(t, ()))
        for i in titled:
            covered[i] = covered.get(i, 0.0) + share
    query_words = set(analysis.words)
    asked = _phrases(analysis.words, analysis.hints)
    candidates = sorted(
        (item for item in scores.items() if allowed is None or item[0] in allowed),
        key=lambda item: item[1],
        reverse=True,
    )
    results: list[Ranked] = []
    best_finals: list[float] = []  # min-heap of the `limit` best final scores so far
    for i, s in candidates:
        if len(best_finals) >= limit and s * MAX_BOOST < best_finals[0]:
            break  # no later candidate can climb into the top: every factor is bounded
        coverage = covered.get(i, 0.0) / total if total else 1.0
        score = s * (COVERAGE_FLOOR + (1.0 - COVERAGE_FLOOR) * coverage) * index.prior[i]
        name = index.name_words[i]
        if name and coverage >= NAME_COVERED_MIN and query_words.issuperset(name):
            score *= NAME_COVERED_BONUS
        unasked = sum(1 for words in index.specifiers[i] if words not in asked)
        score *= UNASKED_SPECIFIER ** min(unasked, 2)
        results.append(Ranked(i, score))
        if len(best_finals) < limit:
            heapq.heappush(best_finals, score)
        elif score > best_finals[0]:
            heapq.heapreplace(best_finals, score)
    for code in analysis.codes:
        i = index.by_code.get(code)
        if i is not None and (allowed is None or i in allowed):
            results.append(Ranked(i, CODE_SCORE))
    top: dict[int, Ranked] = {}
    for r in sorted(results, key=lambda r: (-r.score, r.doc)):
        if r.doc not in top:
            top[r.doc] = r
    return list(top.values())[:limit]


def _phrases(words: list[str], hints: list[str]) -> set[tuple[str, ...]]:
    """Every run of up to four consecutive query words, and each hint phrase: what the query asks for.
    Runs, not loose words: "lái xe" folds to "lai xe" and must not ask for "cấp lại"."""
    out = {tuple(words[i : i + n]) for n in range(1, 5) for i in range(len(words) - n + 1)}
    for hint in hints:
        h = tuple(hint.split())
        out |= {h[i : i + n] for n in range(1, len(h) + 1) for i in range(len(h) - n + 1)}
    return out


def search(
    index: SearchIndex, query: str, *, allowed: Collection[int] | None = None, limit: int = 10
) -> tuple[Analysis, list[Ranked]]:
    analysis = analyze(query, index)
    return analysis, rank(index, analysis, allowed=allowed, limit=limit)


def complete(index: SearchIndex, prefix: str, *, limit: int = 8) -> list[Ranked]:
    """As-you-type: the finished words are a query; the unfinished last one completes an everyday phrase
    being typed ("sổ đ" → "sổ đỏ"), or stands for the catalogue words it begins, preferring those that
    follow the word before it ("tạm tr" → "trú")."""
    parts = prefix.split()
    words = fold_words(prefix)
    if prefix[-1:].isspace() or not parts or not words:
        return rank(index, analyze(prefix, index), limit=limit)
    head, partial = " ".join(parts[:-1]), words[-1]
    phrase_end = lexicon_completion(words[:-1], partial)
    if phrase_end:
        return rank(index, analyze(f"{head} {phrase_end}", index), limit=limit)
    known = partial in index.vocabulary or partial in LEXICON_WORDS
    analysis = analyze(prefix if known else head, index)
    before = words[-2] if len(words) >= 2 else None
    stems = {w: f for w, f in _completions(index, before, partial).items() if w != partial}
    if stems:
        # The more often a completion follows, the likelier it is meant; a finished-looking word is
        # probably meant as typed, so its completions count less.
        top = max(stems.values())
        scale = 0.6 if known else 1.0
        weights = {w: scale * (0.5 + 0.5 * f / top) for w, f in stems.items()}
        analysis.slots.append(Slot(list(weights.items())))
        if before:
            analysis.slots.append(Slot([(f"{before} {w}", x) for w, x in weights.items()], pair=True))
        if not known:
            analysis.words.append(max(stems, key=stems.__getitem__))
    return rank(index, analysis, limit=limit)


def _completions(index: SearchIndex, before: str | None, partial: str) -> dict[str, int]:
    found: dict[str, int] = {}
    if before:
        key = f"{before} {partial}"
        start = bisect_left(index.pair_list, key)
        for pair in index.pair_list[start : start + MAX_COMPLETION_SCAN]:
            if not pair.startswith(key):
                break
            found[pair.split(" ", 1)[1]] = index.pairs[pair]
    if not found and len(partial) >= 2:
        start = bisect_left(index.words, partial)
        for word in index.words[start : start + MAX_COMPLETION_SCAN]:
            if not word.startswith(partial):
                break
            found[word] = index.vocabulary[word]
    return {w: found[w] for w in sorted(found, key=lambda w: -found[w])[:MAX_COMPLETIONS]}
