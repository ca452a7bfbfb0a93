"""The in-memory search index over the procedure catalogue. Pure: built from `DocRow`s, no database.

Scoring is BM25F (Robertson & Zaragoza): each field's term frequency is length-normalised and weighted
(name ≫ other names > field > result), then saturated once, so a word repeated across fields does not
count twice. Component names (thành phần hồ sơ) are not indexed: measured on the evaluation set they
only add noise (every form mentions "hộ chiếu", "bản sao", "tờ khai") and slow the build.

Terms are folded words and word pairs (bigrams): Vietnamese meaning lives in two-syllable words ("khai
sinh", "kết hôn"), and a pair match is what tells "đăng ký khai sinh" from a name that merely contains
"đăng ký" and "sinh". Each (term, procedure) contribution is precomputed at build time, so a query is a
few sums over posting lists.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from congso.catalog.search.names import name_specifiers, priors
from congso.catalog.search.text import bigrams, index_words, name_words

K1 = 1.2
# (weight, length normalisation b) per field.
FIELDS = {
    "name": (4.0, 0.6),
    "alt": (3.0, 0.6),
    "field": (1.2, 0.3),
    "result": (0.5, 0.5),
}
# Some names run to a hundred words (one procedure covering many cases); beyond this many times the
# average length, a longer name is not less relevant, only more detailed.
LENGTH_CAP = 3.0
# Result texts can run to paragraphs; their opening words name what the citizen receives.
RESULT_MAX_WORDS = 60


@dataclass(frozen=True)
class DocRow:
    """What the index needs of one procedure's current version."""

    procedure_id: int
    code: str
    name: str
    alt_names: tuple[str, ...] = ()
    field_id: int | None = None
    field_name: str = ""
    levels: tuple[str, ...] = ()
    active: bool = True
    has_documents: bool = True
    online_submission: bool | None = None
    result: str = ""  # what the citizen receives (kết quả thực hiện)


@dataclass
class SearchIndex:
    docs: list[DocRow]
    postings: dict[str, tuple[array, array]]  # term → (doc numbers, precomputed BM25F contributions)
    idf: dict[str, float]
    vocabulary: dict[str, int]  # words of names, other names and fields → document frequency
    words: list[str]  # the same words, sorted (typo correction and prefix completion)
    pairs: dict[str, int]  # word pairs of names and other names → document frequency
    pair_list: list[str]  # the same pairs, sorted (completion of a word after the one before it)
    name_words: list[tuple[str, ...]]
    titled: dict[str, frozenset[int]]  # term → procedures with it in their name, other names or field
    specifiers: list[tuple[tuple[str, ...], ...]]  # per procedure: specifiers its name carries
    prior: list[float]
    by_procedure: dict[int, int] = field(default_factory=dict)
    by_code: dict[str, int] = field(default_factory=dict)
    signature: tuple = ()

    @property
    def size(self) -> int:
        return len(self.docs)


def _field_terms(words: list[str]) -> Counter:
    terms = Counter(words)
    terms.update(bigrams(words))
    return terms


def build_index(rows: list[DocRow], signature: tuple = ()) -> SearchIndex:
    docs = list(rows)
    n = len(docs)
    per_doc: list[dict[str, Counter]] = []
    lengths: dict[str, list[int]] = {f: [] for f in FIELDS}
    df: Counter = Counter()
    vocabulary: Counter = Counter()
    pairs: Counter = Counter()
    names: list[tuple[str, ...]] = []
    titled: dict[str, set[int]] = defaultdict(set)
    for d in docs:
        nw = name_words(d.name)
        alt = [w for a in d.alt_names for w in (*name_words(a), "|")]  # "|" keeps names from pairing up
        fw = index_words(d.field_name)
        result = index_words(d.result)[:RESULT_MAX_WORDS]
        fields = {
            "name": _field_terms(nw),
            "alt": _field_terms(alt),
            "field": _field_terms(fw),
            "result": _field_terms(result),
        }
        for counter in fields.values():
            counter.pop("|", None)
            for key in [k for k in counter if "|" in k]:
                del counter[key]
        for f, words in (("name", nw), ("alt", alt), ("field", fw), ("result", result)):
            lengths[f].append(len(words))
        per_doc.append(fields)
        df.update(set().union(*fields.values()))
        vocabulary.update({w for w in (*nw, *alt, *fw) if w != "|"})
        pairs.update({t for t in (*fields["name"], *fields["alt"]) if " " in t})
        names.append(tuple(nw))
        for term in {*fields["name"], *fields["alt"], *fields["field"]}:
            titled[term].add(len(names) - 1)

    average = {f: (sum(v) / n if n else 0.0) or 1.0 for f, v in lengths.items()}
    idf = {t: math.log(1.0 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
    ids: dict[str, array] = defaultdict(lambda: array("i"))
    values: dict[str, array] = defaultdict(lambda: array("f"))
    for i, fields in enumerate(per_doc):
        pseudo: Counter = Counter()
        for f, counter in fields.items():
            weight, b = FIELDS[f]
            norm = 1.0 - b + b * min(lengths[f][i] / average[f], LENGTH_CAP)
            for term, tf in counter.items():
                pseudo[term] += weight * tf / norm
        for term, tf in pseudo.items():
            ids[term].append(i)
            values[term].append(idf[term] * tf / (K1 + tf))
    return SearchIndex(
        docs=docs,
        postings={t: (ids[t], values[t]) for t in ids},
        idf=idf,
        vocabulary=dict(vocabulary),
        words=sorted(vocabulary),
        pairs=dict(pairs),
        pair_list=sorted(pairs),
        name_words=names,
        titled={t: frozenset(d) for t, d in titled.items()},
        specifiers=[name_specifiers(d.name) for d in docs],
        prior=priors(docs),
        by_procedure={d.procedure_id: i for i, d in enumerate(docs)},
        by_code={d.code: i for i, d in enumerate(docs)},
        signature=signature,
    )
