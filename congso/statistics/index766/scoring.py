"""Decision 766/QĐ-TTg scoring arithmetic (domain.md §9.2), exact and pure.

linear: P × R; target T: P if R ≥ T, else P × R ÷ T. Cap at P, round half-up to 2 decimals, zero
denominator → N/A (None). Ratios are Fractions so no band boundary is blurred by binary floats: the
bands are contiguous (R = T is full marks, just below T is P × R ÷ T, which tends to P).
"""

from __future__ import annotations

import math
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

LINEAR = "linear"
TARGET = "target"

CENT = Decimal("0.01")


def ratio(numerator: int | Fraction, denominator: int | Fraction) -> Fraction | None:
    """numerator ÷ denominator as an exact fraction; None (N/A) when the denominator is 0."""
    if not denominator:
        return None
    return Fraction(numerator) / Fraction(denominator)


def round2(value: Fraction | Decimal | int) -> Decimal:
    """Half-up to 2 decimals, exactly (Decimal of a Fraction would round twice)."""
    f = Fraction(value)
    sign = -1 if f < 0 else 1
    cents = math.floor(abs(f) * 100 + Fraction(1, 2))
    return (Decimal(sign * cents) / 100).quantize(CENT, rounding=ROUND_HALF_UP)


def raw_score(
    points: Decimal | int, r: Fraction, rule: str, target: Fraction | None = None, *, cap: bool = True
) -> Fraction:
    """The unrounded score of one indicator; `cap=False` drops the target plateau too (P × R ÷ T, the
    uncapped reading of "2.5C" in the payment group)."""
    p = Fraction(Decimal(points))
    if rule == LINEAR:
        return p * r
    if rule == TARGET:
        if target is None or target <= 0:
            raise ValueError("a target rule needs a positive target")
        return p if r >= target and cap else p * r / target
    raise ValueError(f"unknown scoring rule {rule!r}")


def score(
    points: Decimal | int, r: Fraction | None, rule: str, target: Fraction | None = None, *, cap: bool = True
) -> Decimal | None:
    """Score of one indicator: N/A when the ratio is N/A, capped at P, rounded to 2 decimals."""
    if r is None:
        return None
    value = raw_score(points, r, rule, target, cap=cap)
    if cap:
        value = min(value, Fraction(Decimal(points)))
    return round2(max(value, Fraction(0)))


def payment_group(
    a: Fraction | None, b: Fraction | None, c: Fraction | None, *, c_cap: bool = True
) -> Decimal | None:
    """Online payment group (10 points) = 6A + min(2, 2.5B) + min(2, 2.5C) (domain.md §9.2; the C cap is
    presumed, CONGSO_766_PAYMENT_C_CAP). min(2, 2.5B) is indicator B scored on target 80% with P = 2."""
    parts = [
        score(6, a, LINEAR),
        score(2, b, TARGET, Fraction(4, 5)),
        score(2, c, TARGET, Fraction(4, 5), cap=c_cap),
    ]
    if all(p is None for p in parts):
        return None
    return sum((p for p in parts if p is not None), Decimal("0.00"))


def online_dossiers_33(valid_online_share: Fraction, sync_rate: Fraction) -> Decimal:
    """Old indicator 3.3 (6 points, target 50%): R = share of valid online dossiers × sync rate."""
    return score(6, valid_online_share * sync_rate, TARGET, Fraction(1, 2))  # type: ignore[return-value]
