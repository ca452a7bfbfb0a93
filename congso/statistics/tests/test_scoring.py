"""Decision 766 scoring helpers: the domain.md §9.2 test vectors and every threshold's boundaries
(contiguous bands, domain.md §13.10)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest

from congso.statistics.index766.compute import score_indicator
from congso.statistics.index766.formulas import INDICATORS_2022, TARGET
from congso.statistics.index766.scoring import (
    LINEAR,
    online_dossiers_33,
    payment_group,
    ratio,
    round2,
    score,
)

F = Fraction
EPS = F(1, 10_000)


def test_payment_vector():
    # A = 0.5, B = 0.9, C = 0.6 → 3 + 2 + 1.5 = 6.5
    assert payment_group(F(1, 2), F(9, 10), F(3, 5)) == Decimal("6.50")


def test_online_dossiers_vector():
    # 40% valid online × 90% sync = 0.36 → 6 × 0.36 / 0.5 = 4.32
    assert online_dossiers_33(F(2, 5), F(9, 10)) == Decimal("4.32")


def test_linear_scores_cap_and_round_half_up():
    assert score(20, F(9, 13), LINEAR) == Decimal("13.85")
    assert score(20, F(1), LINEAR) == Decimal("20.00")
    assert score(20, F(0), LINEAR) == Decimal("0.00")
    assert score(6, F(6, 5), LINEAR) == Decimal("6.00")  # capped at P
    assert round2(F(1, 200)) == Decimal("0.01")  # 0.005 → 0.01 (half-up, exact)
    assert round2(F(1, 200) - F(1, 10**9)) == Decimal("0.00")
    assert round2(F(2675, 1000)) == Decimal("2.68")  # a float would print 2.67


def test_zero_denominator_is_na_except_where_full_marks_are_the_rule():
    assert ratio(5, 0) is None
    assert score(20, None, LINEAR) is None
    rows = {i.code: i for i in INDICATORS_2022}
    assert score_indicator(rows["2.1"], 0, 0) is None
    assert score_indicator(rows["5.2"], 0, 0) == Decimal("6.00")  # no PAKN: 6 points
    assert score_indicator(rows["5.3"], 0, 0) == Decimal("6.00")
    assert score_indicator(rows["5.2"], 3, 4) == Decimal("4.50")


TARGETED = [i for i in INDICATORS_2022 if i.rule == TARGET]


@pytest.mark.parametrize("indicator", TARGETED, ids=[i.code for i in TARGETED])
def test_every_target_threshold_boundary(indicator):
    p, t = indicator.points, indicator.target
    full = Decimal(p).quantize(Decimal("0.01"))
    assert score(p, t, TARGET, t) == full  # R = T: full points
    assert score(p, t + EPS, TARGET, t) == full
    assert score(p, F(1), TARGET, t) == full
    below = score(p, t - EPS, TARGET, t)
    assert below == round2(F(p) * (t - EPS) / t) and below <= full  # just below: P × R ÷ T, no jump
    assert full - below <= Decimal("0.01")  # contiguous: the band below ends where full marks start
    assert score(p, F(0), TARGET, t) == Decimal("0.00")
    assert score(p, t / 2, TARGET, t) == round2(F(p, 2))


def test_payment_terms_at_their_boundaries_and_the_c_cap():
    assert payment_group(F(0), F(4, 5), F(4, 5)) == Decimal("4.00")  # 2.5 × 0.8 = 2 exactly
    assert payment_group(F(0), F(4, 5) - EPS, F(0)) == round2(F(5, 2) * (F(4, 5) - EPS))
    assert payment_group(F(1), F(1), F(1)) == Decimal("10.00")
    assert payment_group(F(0), F(0), F(1), c_cap=False) == Decimal("2.50")  # uncapped 2.5 × C
    assert payment_group(F(0), F(0), F(1), c_cap=True) == Decimal("2.00")
    assert payment_group(None, None, None) is None
    assert payment_group(F(1, 2), None, None) == Decimal("3.00")


def test_target_rule_needs_a_target():
    with pytest.raises(ValueError):
        score(12, F(1, 2), TARGET, None)
