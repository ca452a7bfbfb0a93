"""The default internal process generated for an imported procedure (pure).

Decree 118/2025/NĐ-CP keeps the one-stop pattern of Decree 61/2018 art. 18–20: the one-stop unit
receives and transfers, the competent division examines, its head reviews, the agency leader signs,
and the one-stop unit returns the result. The shares below are what provinces' internal procedures
commonly allot; an administrator edits them per procedure.
"""

from __future__ import annotations

from dataclasses import dataclass

from congso.identity.choices import Role
from congso.workflow.choices import StepCode

# (code, role, share of the legal limit)
DEFAULT_SHARES: tuple[tuple[str, str, float], ...] = (
    (StepCode.RECEIVE, Role.RECEIVING_OFFICER, 0.05),
    (StepCode.SPECIALIST, Role.SPECIALIST, 0.60),
    (StepCode.HEAD, Role.HEAD_OF_DIVISION, 0.15),
    (StepCode.LEADER, Role.LEADER, 0.15),
    (StepCode.RETURN, Role.RECEIVING_OFFICER, 0.05),
)
GRANULE = 15  # minutes: steps are planned to the quarter hour


@dataclass(frozen=True)
class StepPlan:
    order: int
    code: str
    name: str
    role: str
    minutes: int


def default_plan(total_minutes: int) -> list[StepPlan]:
    """Split `total_minutes` over the five steps; the parts always add up exactly to the total.

    Each step but the specialist's gets its share rounded down to the quarter hour (at least one
    granule when the total allows); the specialist's step takes the remainder, so rounding never
    makes the internal plan exceed the legal limit.
    """
    if total_minutes < 0:
        raise ValueError("total_minutes must be >= 0")
    parts: dict[str, int] = {}
    for code, _, share in DEFAULT_SHARES:
        if code == StepCode.SPECIALIST:
            continue
        minutes = int(total_minutes * share) // GRANULE * GRANULE
        if minutes == 0 and total_minutes >= GRANULE * len(DEFAULT_SHARES):
            minutes = GRANULE
        parts[code] = minutes
    parts[StepCode.SPECIALIST] = total_minutes - sum(parts.values())
    return [
        StepPlan(order=i, code=code, name=StepCode(code).label, role=role, minutes=parts[code])
        for i, (code, role, _) in enumerate(DEFAULT_SHARES, start=1)
    ]
