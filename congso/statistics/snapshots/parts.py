"""What replayed dossiers add to the figures of one segment of a period (the live tail after the snapshot
months), through the pure rules of `form06` and `index766.timeliness` themselves. The monthly SQL pass
(`monthly`) mirrors the same rules for the closed months; the tests hold both equal to the live replay.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

from congso.core.clock import local
from congso.dossiers.choices import Status
from congso.statistics import form06
from congso.statistics.facts import OPEN, Fact
from congso.statistics.index766 import timeliness
from congso.statistics.periods import Period
from congso.statistics.settings import Rules766
from congso.statistics.snapshots import months

MICROSECOND = timedelta(microseconds=1)
Key = tuple[int, int | None]  # (agency id, field id)
RefusalKey = tuple[int, int | None, int, int]  # (agency id, field id, channel, month of receipt)


@dataclass
class Figures:
    """One agency and field in one segment: Form 06 detail counts and the parts of rules 2.1 and 2.2."""

    counts: form06.Counts = field(default_factory=form06.Counts)
    closed: int = 0  # population of rule 2.1 that ended (3, 7, 9, 10) in the segment: verdict frozen
    closed_on_time: int = 0
    open_end: int = 0  # population still open at the segment's end, judged at its last moment
    open_end_on_time: int = 0
    completed: int = 0  # indicator 2.2
    working_us: int = 0


class Accumulator:
    def __init__(self, rules: Rules766):
        self.rules = rules
        self.figures: dict[Key, Figures] = {}
        # Refused after receipt within the segment, received before it: the earlier segments counted them.
        self.refusals: Counter[RefusalKey] = Counter()

    def _at(self, fact: Fact) -> Figures:
        key = (fact.agency_id, fact.field_id)
        found = self.figures.get(key)
        if found is None:
            found = self.figures[key] = Figures()
        return found

    def add(self, fact: Fact, period: Period) -> None:
        columns = form06.columns_for(fact, period)
        if columns:
            counts = self._at(fact).counts
            for column in columns:
                counts.add(column)
        if timeliness.in_population(fact, period):
            figures = self._at(fact)
            on_time = timeliness.judge(fact, period, self.rules).on_time
            if fact.status_to in OPEN:
                figures.open_end += 1
                figures.open_end_on_time += on_time
            else:
                figures.closed += 1
                figures.closed_on_time += on_time
            if fact.status_to == Status.REFUSED and fact.received < period.start:  # type: ignore[operator]
                # In the population, so open at the segment's start: counted by the segment before.
                received = months.index(local(fact.received).date())  # type: ignore[arg-type]
                self.refusals[(fact.agency_id, fact.field_id, fact.channel, received)] += 1
        if timeliness.finished_in_period(fact, period):
            figures = self._at(fact)
            figures.completed += 1
            figures.working_us += timeliness.working_time(fact) // MICROSECOND
