"""The search evaluation set and its measures (top-1 / top-5 accuracy), shared by the runner, the bench
and the accuracy-floor test.

`search_queries.jsonl` holds citizen queries written by the team from how people ask at the counter and
on the phone, each with the procedure codes that answer it (several when several are acceptable).
About 30% of them are held back by a fixed hash of the query text: they are never looked at while
tuning, and their figures are reported separately as the honest estimate for unseen questions.
"""

from __future__ import annotations

import json
import zlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

QUERIES = Path(__file__).with_name("search_queries.jsonl")
KINDS = ("everyday", "no_diacritics", "typo", "abbreviation", "question")
HELD_BACK_PERCENT = 30


@dataclass(frozen=True)
class Case:
    query: str
    expected: tuple[str, ...]
    kind: str

    @property
    def held_back(self) -> bool:
        return zlib.crc32(self.query.encode("utf-8")) % 100 < HELD_BACK_PERCENT


def load(path: Path = QUERIES) -> list[Case]:
    cases = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                row = json.loads(line)
                cases.append(Case(row["query"], tuple(row["expected"]), row["kind"]))
    return cases


@dataclass
class Score:
    n: int = 0
    top1: int = 0
    top5: int = 0

    def add(self, expected: Iterable[str], codes: list[str]) -> None:
        wanted = set(expected)
        self.n += 1
        self.top1 += bool(codes[:1] and codes[0] in wanted)
        self.top5 += bool(wanted & set(codes[:5]))

    def pct(self, hits: int) -> float:
        return 100.0 * hits / self.n if self.n else 0.0

    def __str__(self) -> str:
        return f"top-1 {self.pct(self.top1):5.1f}%  top-5 {self.pct(self.top5):5.1f}%  (n={self.n})"


def evaluate(cases: list[Case], ranker: Callable[[str], list[str]]) -> dict[str, Score]:
    """Scores under the keys "all", "dev", "held_back" and each kind."""
    scores: dict[str, Score] = defaultdict(Score)
    for case in cases:
        codes = ranker(case.query)
        for key in ("all", "held_back" if case.held_back else "dev", case.kind):
            scores[key].add(case.expected, codes)
    return dict(scores)
