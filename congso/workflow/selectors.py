from __future__ import annotations

from congso.core.errors import NotFound
from congso.workflow.models import ProcessStep, ProcessTemplate


def template_for(key: str) -> ProcessTemplate:
    try:
        return ProcessTemplate.objects.prefetch_related("steps").get(key=key)
    except ProcessTemplate.DoesNotExist as exc:
        raise NotFound("process_not_found", f"Chưa có quy trình nội bộ cho thủ tục {key}.") from exc


def steps_of(template: ProcessTemplate) -> list[ProcessStep]:
    return sorted(template.steps.all(), key=lambda s: s.order)


def step_after(template: ProcessTemplate, code: str) -> ProcessStep | None:
    steps = steps_of(template)
    for i, step in enumerate(steps):
        if step.code == code:
            return steps[i + 1] if i + 1 < len(steps) else None
    return None


def step_before(template: ProcessTemplate, code: str) -> ProcessStep | None:
    steps = steps_of(template)
    for i, step in enumerate(steps):
        if step.code == code:
            return steps[i - 1] if i > 0 else None
    return None


def step_named(template: ProcessTemplate, code: str) -> ProcessStep:
    for step in steps_of(template):
        if step.code == code:
            return step
    raise NotFound("step_not_found", f"Quy trình không có bước {code}.")
