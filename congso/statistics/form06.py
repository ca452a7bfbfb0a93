"""Form 06 (Biểu số 06/VPCP/KSTT, Circular 01/2020/TT-VPCP of 21/10/2020): pure rules and arithmetic.

Which columns one dossier counts in for a period (domain.md §9.1), the row arithmetic, the two rates
and the identity received = resolved + pending. No database access: `queries` mirrors `columns_for`
in SQL for the aggregate, and the tests check that both give the same figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from decimal import Decimal

from congso.core.clock import local
from congso.core.text import round_percent
from congso.statistics.facts import ENDED, EXCLUDED, OPEN, PAUSED, Fact
from congso.statistics.periods import Period

FORMULA_VERSION = "01/2020/TT-VPCP"

# Column keys of the JSON contract, in the form's order, with the form's Vietnamese headings.
COLUMNS: dict[str, str] = {
    "received_total": "Số hồ sơ nhận giải quyết: tổng số",
    "received_online": "Trong đó: trực tuyến",
    "received_direct_postal": "Trong đó: trực tiếp, dịch vụ bưu chính",
    "received_carried_over": "Trong đó: từ kỳ trước chuyển qua",
    "resolved_total": "Số hồ sơ đã giải quyết: tổng số",
    "resolved_early": "Trả trước hạn",
    "resolved_on_time": "Trả đúng hạn (kể cả rút hồ sơ)",
    "resolved_late": "Trả quá hạn",
    "pending_total": "Số hồ sơ đang giải quyết: tổng số",
    "pending_within_time": "Trong hạn (kể cả chờ bổ sung)",
    "pending_overdue": "Quá hạn",
}
RATES: dict[str, str] = {
    "on_time_rate": "Tỷ lệ giải quyết đúng và trước hạn (trên số đã giải quyết)",
    "on_time_rate_incl_pending": "Tỷ lệ đúng hạn kể cả hồ sơ đang giải quyết trong hạn",
}


class IdentityError(AssertionError):
    """Received ≠ resolved + pending: a bug in the replay, never a figure to publish."""


@dataclass
class Counts:
    received_online: int = 0
    received_direct_postal: int = 0
    received_carried_over: int = 0
    resolved_early: int = 0
    resolved_on_time: int = 0
    resolved_late: int = 0
    pending_within_time: int = 0
    pending_overdue: int = 0

    # Totals are sums of their parts, as the form defines them (domain.md §9.1).
    @property
    def received_total(self) -> int:
        return self.received_online + self.received_direct_postal + self.received_carried_over

    @property
    def resolved_total(self) -> int:
        return self.resolved_early + self.resolved_on_time + self.resolved_late

    @property
    def pending_total(self) -> int:
        return self.pending_within_time + self.pending_overdue

    @property
    def on_time_rate(self) -> Decimal | None:
        """(early + on time) ÷ resolved × 100, half-up to 2 decimals; None when nothing was resolved."""
        return round_percent(self.resolved_early + self.resolved_on_time, self.resolved_total)

    @property
    def on_time_rate_incl_pending(self) -> Decimal | None:
        """The labelled variant: (pending within time + early + on time) ÷ (pending + resolved) × 100."""
        return round_percent(
            self.pending_within_time + self.resolved_early + self.resolved_on_time,
            self.pending_total + self.resolved_total,
        )

    def add(self, column: str, n: int = 1) -> None:
        setattr(self, column, getattr(self, column) + n)

    def __iadd__(self, other: Counts) -> Counts:
        for f in fields(self):
            self.add(f.name, getattr(other, f.name))
        return self

    def check_identity(self, where: str) -> None:
        if self.received_total != self.resolved_total + self.pending_total:
            raise IdentityError(
                f"Mẫu 06 sai đẳng thức tại {where}: nhận {self.received_total} ≠ đã giải quyết "
                f"{self.resolved_total} + đang giải quyết {self.pending_total}."
            )

    def as_dict(self) -> dict[str, int | Decimal | None]:
        values: dict[str, int | Decimal | None] = {name: getattr(self, name) for name in COLUMNS}
        values.update({name: getattr(self, name) for name in RATES})
        return values


# --- which columns one dossier counts in ------------------------------------------------------------


def included(fact: Fact, period: Period) -> bool:
    """Received by To, not 1 or 3 at To, and either received in the period or open at From."""
    if fact.received is None or fact.received >= period.end or fact.status_to in EXCLUDED:
        return False
    if fact.status_to is None:
        return False
    return fact.received >= period.start or fact.status_from in OPEN


def received_column(fact: Fact, period: Period) -> str:
    if fact.received < period.start:
        # Carried over: received before From and open at From (status ∈ {2,4,5,6,8}); with the history
        # replayed, "∈ {7,9,10} ended ≥ From" is the same set seen through the current status.
        return "received_carried_over"
    return "received_online" if fact.channel == 2 else "received_direct_postal"


def resolved_column(fact: Fact) -> str:
    """Early / on time / late by calendar dates of the end and the due date; withdrawn and no due date
    are on time (domain.md §9.1; ADR 0001)."""
    if fact.withdrawn is not None or fact.due is None:
        return "resolved_on_time"
    end, due = local(fact.ended).date(), local(fact.due).date()
    if end < due:
        return "resolved_early"
    return "resolved_on_time" if end == due else "resolved_late"


def pending_column(fact: Fact, period: Period) -> str:
    """Within time: date(due) ≥ To, no due date, or paused (5 requested ≤ To, 6, 8); overdue otherwise."""
    if fact.status_to in PAUSED or fact.due is None or local(fact.due).date() >= period.last:
        return "pending_within_time"
    return "pending_overdue"


def columns_for(fact: Fact, period: Period) -> tuple[str, ...]:
    """The detail columns (never the totals) one dossier counts in; () when Form 06 ignores it."""
    if not included(fact, period):
        return ()
    if fact.status_to in ENDED:
        return received_column(fact, period), resolved_column(fact)
    if fact.status_to in OPEN:
        return received_column(fact, period), pending_column(fact, period)
    raise IdentityError(f"Hồ sơ {fact.code}: trạng thái {fact.status_to} không thuộc nhóm nào của Mẫu 06.")


def tally(facts: Iterable[Fact], period: Period, key=lambda f: f.agency_id) -> dict[object, Counts]:
    """Counts per key (agency by default) over facts, in Python: the oracle of the SQL aggregate and the
    path for snapshots."""
    result: dict[object, Counts] = {}
    for fact in facts:
        columns = columns_for(fact, period)
        if not columns:
            continue
        counts = result.setdefault(key(fact), Counts())
        for column in columns:
            counts.add(column)
    return result


ALL_COLUMNS = (*COLUMNS, *RATES)
DETAIL_COLUMNS = tuple(f.name for f in fields(Counts))
TOTAL_PARTS = {
    "received_total": ("received_online", "received_direct_postal", "received_carried_over"),
    "resolved_total": ("resolved_early", "resolved_on_time", "resolved_late"),
    "pending_total": ("pending_within_time", "pending_overdue"),
}
