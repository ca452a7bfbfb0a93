import pytest
from hypothesis import given
from hypothesis import strategies as st

from congso.core.errors import InvalidInput
from congso.identity.choices import Role
from congso.workflow.defaults import GRANULE, default_plan
from congso.workflow.selectors import step_after, step_before, template_for
from congso.workflow.services import (
    ensure_default_process,
    ensure_default_processes,
    replace_steps,
    validate_steps,
)


@given(st.integers(min_value=0, max_value=365 * 8 * 60))
def test_default_steps_always_add_up_to_the_legal_limit(total):
    plan = default_plan(total)
    assert sum(s.minutes for s in plan) == total
    assert [s.code for s in plan] == ["receive", "specialist", "head", "leader", "return"]
    assert all(s.minutes >= 0 for s in plan)
    assert all(s.minutes % GRANULE == 0 for s in plan if s.code != "specialist")


def test_default_roles_follow_the_one_stop_pattern():
    plan = default_plan(5 * 8 * 60)  # five working days
    assert [(s.code, s.role) for s in plan] == [
        ("receive", Role.RECEIVING_OFFICER),
        ("specialist", Role.SPECIALIST),
        ("head", Role.HEAD_OF_DIVISION),
        ("leader", Role.LEADER),
        ("return", Role.RECEIVING_OFFICER),
    ]
    assert plan[1].minutes > plan[2].minutes  # the specialist's examination takes the largest share


@pytest.mark.django_db
def test_template_is_generated_once_and_navigable():
    first = ensure_default_process(key="1.001622", name="Hỗ trợ ăn trưa", total_minutes=2400)
    again = ensure_default_process(key="1.001622", name="khác", total_minutes=999)
    assert first.pk == again.pk and again.total_minutes == 2400
    template = template_for("1.001622")
    assert step_after(template, "head").code == "leader"
    assert step_before(template, "specialist").code == "receive"
    assert step_after(template, "return") is None
    assert ensure_default_processes([("1.001622", "x", 1), ("2.000815", "y", 480)]) == 1


@pytest.mark.django_db
def test_an_edit_must_still_add_up_and_keep_its_shape():
    template = ensure_default_process(key="1.000656", name="Khai sinh", total_minutes=480)
    plan = default_plan(480)
    shorter = [plan[0], plan[1].__class__(**{**plan[1].__dict__, "minutes": plan[1].minutes - 15}), *plan[2:]]
    with pytest.raises(InvalidInput) as err:
        replace_steps(template=template, steps=shorter)
    assert err.value.code == "process_total_mismatch" and "480 phút" in err.value.message
    with pytest.raises(InvalidInput) as err:
        validate_steps(list(reversed(plan)), total_minutes=480)
    assert err.value.code == "process_shape"
    no_head = [
        plan[0],
        plan[1].__class__(**{**plan[1].__dict__, "minutes": plan[1].minutes + plan[2].minutes}),
        *plan[3:],
    ]
    replace_steps(template=template, steps=no_head)
    template.refresh_from_db()
    assert [s.code for s in template.steps.order_by("order")] == ["receive", "specialist", "leader", "return"]
    assert template.generated is False
