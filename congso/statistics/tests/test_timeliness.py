"""Rule 2.1 of Decision 766 on hand-made facts: the cases the week cannot show, and the settings."""

from __future__ import annotations

from datetime import timedelta

from congso.core.clock import vn
from congso.statistics.facts import Fact, PauseFact
from congso.statistics.index766 import timeliness
from congso.statistics.periods import Period
from congso.statistics.settings import rules_766

MARCH = Period.month(2026, 3)


def fact(**kw) -> Fact:
    base = dict(
        id=1, code="X", agency_id=1, agency_kind="so", field_id=None, channel=1,
        received=vn(2026, 3, 2, 9), status_from=None, status_to=9, ended=None, withdrawn=None,
        refused=None, due=vn(2026, 3, 9, 9), pauses=(),
    )  # fmt: skip
    base.update(kw)
    return Fact(**base)


def supplement(requested, resumed=None, before=None, after=None) -> PauseFact:
    return PauseFact(5, requested, resumed, before, after)


# Supplement 03/03 09:00 → completed 10/03 14:00 (7 days 5 hours with the citizen); restart: due 17/03 14:00.
SUPP = supplement(vn(2026, 3, 3, 9), vn(2026, 3, 10, 14), vn(2026, 3, 9, 9), vn(2026, 3, 17, 14))


def test_exact_moment_decides():
    rules = rules_766()
    assert timeliness.judge(fact(ended=vn(2026, 3, 9, 9)), MARCH, rules).on_time  # = due: on time
    assert not timeliness.judge(fact(ended=vn(2026, 3, 9, 9, 0, 1)), MARCH, rules).on_time


def test_supplement_time_subtracted_against_the_due_date_before_the_request(settings):
    rules = rules_766()
    due_after = SUPP.due_after
    # 9:00 + 7 d 5 h = 16/03 14:00 is the last on-time moment when subtracting…
    on = fact(ended=vn(2026, 3, 16, 14), due=due_after, pauses=(SUPP,))
    late = fact(ended=vn(2026, 3, 16, 14, 0, 1), due=due_after, pauses=(SUPP,))
    assert timeliness.judge(on, MARCH, rules).on_time
    assert not timeliness.judge(late, MARCH, rules).on_time
    # …and 17/03 14:00 (the restarted due date) when trusting the due date as it stands.
    settings.CONGSO_766_SUPPLEMENT_TIME = "due_date"
    rules = rules_766()
    assert timeliness.judge(late, MARCH, rules).on_time
    assert not timeliness.judge(
        fact(ended=vn(2026, 3, 17, 14, 1), due=due_after, pauses=(SUPP,)), MARCH, rules
    ).on_time


def test_supplement_never_completed_ends_at_the_request_and_two_requests_are_overdue():
    rules = rules_766()
    waiting = fact(status_to=5, due=vn(2026, 3, 9, 9), pauses=(supplement(vn(2026, 3, 9, 8)),))
    verdict = timeliness.judge(waiting, MARCH, rules)
    assert (verdict.on_time, verdict.judged_at) == (True, vn(2026, 3, 9, 8))
    too_late = fact(status_to=5, pauses=(supplement(vn(2026, 3, 9, 10)),))
    assert not timeliness.judge(too_late, MARCH, rules).on_time
    two = fact(ended=vn(2026, 3, 4), pauses=(supplement(vn(2026, 3, 3), vn(2026, 3, 3, 10)), SUPP))
    assert timeliness.judge(two, MARCH, rules).reason == "several_supplements"
    assert not timeliness.judge(two, MARCH, rules).on_time


def test_a_supplement_before_acceptance_is_not_the_agency_s_time():
    """Online dossier 1 → 5 → 2: the clock starts at acceptance, nothing is subtracted."""
    early = supplement(vn(2026, 3, 1, 9), vn(2026, 3, 2, 9), None, None)
    f = fact(ended=vn(2026, 3, 9, 9), pauses=(early,))
    assert timeliness.judge(f, MARCH, rules_766()).on_time
    assert timeliness.working_time(f) == timedelta(days=7)


def test_no_due_date_and_the_legal_maximum(settings):
    open_long = fact(due=None, status_to=4, received=vn(2026, 1, 5, 9))
    assert timeliness.judge(open_long, MARCH, rules_766()).on_time  # no maximum set: on time
    settings.CONGSO_766_NO_DUE_MAX_DAYS = "30"
    assert not timeliness.judge(open_long, MARCH, rules_766()).on_time  # 31/03 − 05/01 > 30 days
    quick = fact(due=None, ended=vn(2026, 3, 20), received=vn(2026, 3, 2, 9))
    assert timeliness.judge(quick, MARCH, rules_766()).on_time


def test_open_dossiers_are_judged_at_the_period_end_and_paused_ones_at_the_pause():
    rules = rules_766()
    open_ = fact(status_to=4, due=vn(2026, 3, 31, 23, 59, 59))
    assert timeliness.judge(open_, MARCH, rules).on_time
    assert not timeliness.judge(open_._replace(due=vn(2026, 3, 31, 17)), MARCH, rules).on_time
    fees = fact(status_to=6, due=vn(2026, 3, 9, 9), pauses=(PauseFact(6, vn(2026, 3, 6), None, None, None),))
    assert timeliness.judge(fees, MARCH, rules).on_time
    stopped = fees._replace(status_to=8, pauses=(PauseFact(8, vn(2026, 3, 10), None, None, None),))
    assert not timeliness.judge(stopped, MARCH, rules).on_time  # stopped after the due moment


def test_population_excludes_the_unreceived_and_the_ended_before():
    assert not timeliness.in_population(fact(received=None, status_to=1), MARCH)
    assert not timeliness.in_population(fact(received=vn(2026, 2, 2), status_from=9), MARCH)
    assert timeliness.in_population(fact(received=vn(2026, 2, 2), status_from=5, status_to=3), MARCH)
    assert not timeliness.in_population(fact(received=vn(2026, 4, 1)), MARCH)
