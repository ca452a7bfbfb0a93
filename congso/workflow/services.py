"""Create and edit process templates; the per-step limits must add up to the legal limit."""

from __future__ import annotations

from django.db import transaction

from congso.core.errors import InvalidInput
from congso.identity.choices import Role
from congso.workflow.choices import StepCode
from congso.workflow.defaults import StepPlan, default_plan
from congso.workflow.models import ProcessStep, ProcessTemplate


@transaction.atomic
def ensure_default_process(*, key: str, name: str, total_minutes: int) -> ProcessTemplate:
    """The template for `key`, generated with the default plan the first time it is needed."""
    template, created = ProcessTemplate.objects.get_or_create(
        key=key, defaults={"name": name[:500], "total_minutes": total_minutes}
    )
    if created:
        ProcessStep.objects.bulk_create(
            [ProcessStep(template=template, **plan.__dict__) for plan in default_plan(total_minutes)]
        )
    return template


def ensure_default_processes(items: list[tuple[str, str, int]]) -> int:
    """Bulk form for many procedures at once (demo load, catalogue import); returns how many were created."""
    existing = set(
        ProcessTemplate.objects.filter(key__in=[k for k, _, _ in items]).values_list("key", flat=True)
    )
    fresh = [(k, n, m) for k, n, m in items if k not in existing]
    with transaction.atomic():
        templates = ProcessTemplate.objects.bulk_create(
            [ProcessTemplate(key=k, name=n[:500], total_minutes=m) for k, n, m in fresh], batch_size=1000
        )
        by_key = {t.key: t for t in ProcessTemplate.objects.filter(key__in=[t.key for t in templates])}
        steps = [
            ProcessStep(template=by_key[k], **plan.__dict__) for k, _, m in fresh for plan in default_plan(m)
        ]
        ProcessStep.objects.bulk_create(steps, batch_size=5000)
    return len(fresh)


@transaction.atomic
def replace_steps(*, template: ProcessTemplate, steps: list[StepPlan]) -> ProcessTemplate:
    """An administrator's edit: the steps replace the old ones if they are coherent."""
    validate_steps(steps, total_minutes=template.total_minutes)
    template.steps.all().delete()
    ProcessStep.objects.bulk_create([ProcessStep(template=template, **s.__dict__) for s in steps])
    template.generated = False
    template.save(update_fields=["generated", "updated_at"])
    return template


def validate_steps(steps: list[StepPlan], *, total_minutes: int) -> None:
    if not steps:
        raise InvalidInput("process_empty", "Quy trình phải có ít nhất một bước.")
    total = sum(s.minutes for s in steps)
    if total != total_minutes:
        raise InvalidInput(
            "process_total_mismatch",
            f"Tổng thời hạn các bước ({total} phút) phải bằng thời hạn giải quyết theo quy định "
            f"({total_minutes} phút làm việc).",
        )
    codes = [s.code for s in steps]
    if len(set(codes)) != len(codes):
        raise InvalidInput("process_duplicate_step", "Mỗi bước chỉ được xuất hiện một lần trong quy trình.")
    if codes[0] != StepCode.RECEIVE or codes[-1] != StepCode.RETURN:
        raise InvalidInput(
            "process_shape", "Quy trình phải bắt đầu bằng bước tiếp nhận và kết thúc bằng bước trả kết quả."
        )
    for s in steps:
        if s.role not in Role.values:
            raise InvalidInput("unknown_role", f"Vai trò không tồn tại ở bước {s.name}.")
