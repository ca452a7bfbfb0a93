"""Every write to a dossier: lock, authorise, apply the lifecycle rule, save the dossier, its event,
its ledger rows and the outbox row in one transaction. Moments come from the server clock only."""

from __future__ import annotations

import inspect
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F

from congso.catalog.models import AgencyProcedure, ProcedureVersion
from congso.catalog.selectors import get_procedure
from congso.core import clock
from congso.core.errors import Conflict, InvalidInput, NotFound
from congso.core.text import vn_fold
from congso.documents.services import sign_and_store
from congso.dossiers import lifecycle
from congso.dossiers import permissions as perms
from congso.dossiers.choices import Channel, Source, Status
from congso.dossiers.codes import next_code
from congso.dossiers.lifecycle import Context, Step
from congso.dossiers.models import Dossier, DossierEvent
from congso.identity.models import Agency, Applicant, Officer, User
from congso.outbox.services import Message, publish
from congso.workdays.selectors import calendar_for
from congso.workflow.models import ProcessStep
from congso.workflow.services import ensure_default_process, ensure_default_processes

TOPIC = "dossier.changed"
MAX_SUMMARY = 1000


def minutes_for(days: Decimal | None, unit: str) -> int:
    """The legal limit as working minutes for the internal process (CONGSO_DAY_HOURS per day)."""
    if days is None:
        return 0
    hours = Decimal(days) if unit == "hour" else Decimal(days) * Decimal(str(settings.CONGSO_DAY_HOURS))
    return int(hours * 60)


def limit_for(version: ProcedureVersion, channel: int) -> tuple[Decimal | None, str]:
    """The limit for the channel the dossier came by (domain.md §3: durations per case and channel):
    online and postal limits where the procedure gives them, the direct limit otherwise."""
    if version.same_day:
        # The 15:00 cut-off of certified copies and civil-status extracts (domain.md §5.2 point 5).
        return Decimal(0), "same_day"
    by_channel = {Channel.ONLINE: version.days_online, Channel.POSTAL: getattr(version, "days_post", None)}
    days = by_channel.get(channel)
    if days is None:
        days = version.days_direct if version.days_direct is not None else version.days_online
    unit = version.time_unit if days is not None else ""
    return days, unit


def steps_for(procedure_code: str, name: str, days: Decimal | None, unit: str) -> list[Step]:
    """The procedure's internal process; the default one is generated the first time it is needed."""
    steps = list(ProcessStep.objects.filter(template__key=procedure_code).order_by("order"))
    if not steps:
        template = ensure_default_process(
            key=procedure_code, name=name, total_minutes=minutes_for(days, unit)
        )
        steps = sorted(template.steps.all(), key=lambda s: s.order)
    return [Step(s.code, s.role, s.minutes) for s in steps]


def generate_default_processes() -> int:
    """Default internal processes for every current procedure version that has none; administrators
    then edit them in the admin. Returns how many were created."""
    items = []
    for version in ProcedureVersion.objects.filter(procedure__current_version=F("id")).select_related(
        "procedure"
    ):
        days, unit = limit_for(version, Channel.COUNTER)
        items.append((version.procedure.code, version.name, minutes_for(days, unit)))
    return ensure_default_processes(items)


def context_for(dossier: Dossier, actor: User | None) -> Context:
    days, unit = dossier.limit_days, dossier.limit_unit
    ctx = Context(
        calendar=calendar_for(dossier.province_code),
        steps=steps_for(dossier.procedure_code, dossier.procedure_version.name, days, unit),
        pause_mode=settings.CONGSO_PAUSE_MODE,
        actor_id=actor.id if actor else None,
        actor_name=(actor.full_name or actor.username)[:200] if actor else "Hệ thống",
        actor_agency=_actor_agency(actor),
    )
    if dossier.pk and dossier.status_before_pause is not None:
        open_pause = dossier.pauses.filter(resumed_at__isnull=True).order_by("-requested_at").first()
        if open_pause is not None:
            ctx.records.append(open_pause)
    return ctx


def _actor_agency(actor: User | None) -> str:
    if actor is None:
        return ""
    if not hasattr(actor, "_congso_officer"):  # cached on the request's user object, like its grants
        actor._congso_officer = Officer.objects.filter(user=actor).select_related("agency").first()
    officer = actor._congso_officer
    if officer is None:
        return ""
    return f"{officer.division} — {officer.agency.name}" if officer.division else officer.agency.name


def _save(dossier: Dossier, event: DossierEvent, ctx: Context) -> Dossier:
    dossier.search_text = vn_fold(
        f"{dossier.code} {dossier.applicant.full_name} {dossier.applicant.id_number}"
    )[:400]
    dossier.save()
    event.dossier = dossier
    event.save()
    for record in ctx.records:
        record.dossier = dossier
        record.save()
    publish(message_for(dossier, event), at=event.at)
    return dossier


def message_for(dossier: Dossier, event: DossierEvent) -> Message:
    """The outbox row announcing one event; the bulk paths (generator, import) emit the same."""
    return Message(
        topic=TOPIC,
        aggregate_type="dossier",
        aggregate_id=dossier.code,
        province_code=dossier.province_code,
        payload={
            "dossier_id": dossier.id,
            "code": dossier.code,
            "seq": event.seq,
            "action": event.action,
            "from_status": event.from_status,
            "to_status": event.to_status,
        },
    )


# --- intake --------------------------------------------------------------------------------------


def _offered_version(agency: Agency, procedure_code: str) -> ProcedureVersion:
    offering = (
        AgencyProcedure.objects.select_related("procedure__current_version")
        .filter(agency=agency, procedure__code=procedure_code, active=True)
        .first()
    )
    if offering is None:
        get_procedure(procedure_code)  # an unknown code is a different message from "not offered here"
        raise InvalidInput(
            "procedure_not_offered",
            f"{agency.name} không tiếp nhận thủ tục {procedure_code}.",
            fields={"procedure": "cơ quan không thực hiện thủ tục này"},
        )
    version = offering.procedure.current_version
    if version is None:
        raise InvalidInput("procedure_without_version", f"Thủ tục {procedure_code} chưa có nội dung.")
    version.procedure = offering.procedure
    return version


def _new_dossier(
    *,
    agency: Agency,
    receiving_agency: Agency,
    version: ProcedureVersion,
    applicant: Applicant,
    channel: int,
    source: str,
    summary: str,
    at,
) -> Dossier:
    summary = " ".join((summary or "").split())
    if len(summary) > MAX_SUMMARY:
        raise InvalidInput(
            "summary_too_long", "Trích yếu hồ sơ tối đa 1.000 ký tự.", fields={"summary": "quá dài"}
        )
    if channel not in Channel.values:
        raise InvalidInput("invalid_channel", "Kênh tiếp nhận không hợp lệ.")
    days, unit = limit_for(version, channel)
    return Dossier(
        province_code=agency.province.code,
        code=next_code(receiving_agency.code, at),
        agency=agency,
        receiving_agency=receiving_agency,
        procedure_version=version,
        procedure_code=version.procedure.code,
        applicant=applicant,
        channel=channel,
        source=source,
        summary=summary or version.name[:MAX_SUMMARY],
        limit_days=days,
        limit_unit=unit,
    )


@transaction.atomic
def receive_at_counter(
    *,
    actor: User | None,
    agency: Agency,
    procedure_code: str,
    applicant: Applicant,
    receiving_agency: Agency | None = None,
    channel: int = Channel.COUNTER,
    summary: str = "",
) -> Dossier:
    """A walk-in (or postal) dossier found complete: received at once, status 2, clock started."""
    receiving_agency = receiving_agency or agency
    perms.require_intake(actor, receiving_agency)
    if channel == Channel.ONLINE:
        raise InvalidInput("invalid_channel", "Hồ sơ trực tuyến phải được nộp qua cổng dịch vụ công.")
    if receiving_agency.province_id != agency.province_id:
        raise InvalidInput("cross_province", "Chỉ tiếp nhận hồ sơ của cơ quan trong cùng tỉnh.")
    version = _offered_version(agency, procedure_code)
    at = clock.now()
    source = Source.POSTAL if channel == Channel.POSTAL else Source.COUNTER
    dossier = _new_dossier(
        agency=agency,
        receiving_agency=receiving_agency,
        version=version,
        applicant=applicant,
        channel=channel,
        source=source,
        summary=summary,
        at=at,
    )
    ctx = context_for(dossier, actor)
    event = lifecycle.receive(dossier, ctx, at=at)
    return _save(dossier, event, ctx)


@transaction.atomic
def submit_online(
    *,
    agency: Agency,
    procedure_code: str,
    applicant: Applicant,
    summary: str = "",
    source: str = Source.PORTAL,
) -> Dossier:
    """A citizen's online submission: status 1 with its code; the clock starts only at acceptance."""
    version = _offered_version(agency, procedure_code)
    if version.online_submission is False:
        raise InvalidInput("not_online", f"Thủ tục {procedure_code} không tiếp nhận hồ sơ trực tuyến.")
    at = clock.now()
    dossier = _new_dossier(
        agency=agency,
        receiving_agency=agency,
        version=version,
        applicant=applicant,
        channel=Channel.ONLINE,
        source=source,
        summary=summary,
        at=at,
    )
    ctx = context_for(dossier, None)
    ctx.actor_id = applicant.user_id
    ctx.actor_name = applicant.full_name[:200]
    event = lifecycle.submit_online(dossier, ctx, at=at)
    return _save(dossier, event, ctx)


# --- every later action --------------------------------------------------------------------------

_ACTIONS = {
    "accept": lifecycle.receive,
    "refuse": lifecycle.refuse,
    "forward": lifecycle.forward,
    "send_back": lifecycle.send_back,
    "request_supplement": lifecycle.request_supplement,
    "receive_supplement": lifecycle.receive_supplement,
    "expire_supplement": lifecycle.refuse,
    "request_payment": lifecycle.request_payment,
    "record_payment": lifecycle.record_payment,
    "stop": lifecycle.stop,
    "resume": lifecycle.resume,
    "withdraw": lifecycle.withdraw,
    "finish": lifecycle.finish,
    "return_result": lifecycle.return_result,
    "apologise": lifecycle.apologise,
}
ACTIONS = tuple(_ACTIONS)


def _locked(code: str) -> Dossier:
    try:
        return (
            Dossier.objects.select_for_update(of=("self",))
            .select_related(
                "agency", "receiving_agency", "applicant", "procedure_version", "agency__province"
            )
            .get(code=code)
        )
    except Dossier.DoesNotExist as exc:
        raise NotFound("dossier_not_found", "Không tìm thấy hồ sơ.") from exc


@transaction.atomic
def act(
    *, actor: User | None, code: str, action: str, expected_version: int | None = None, **params
) -> Dossier:
    """Apply one action to the dossier `code` on behalf of `actor`.

    `expected_version` is the version the officer's page showed; if the dossier changed since, the
    action is refused with `stale` instead of acting on what the officer did not see.
    """
    if action not in _ACTIONS:
        raise InvalidInput("unknown_action", f"Thao tác không hợp lệ: {action}.")
    dossier = _locked(code)
    ctx = context_for(dossier, actor)
    step = ctx.step(dossier.step)
    # A stale page is reported first (to those who may see the dossier): what the officer saw is gone.
    stale = expected_version is not None and expected_version != dossier.version
    if stale and (actor is None or perms.can_read(actor, dossier)):
        raise Conflict(
            "stale", "Hồ sơ đã được người khác cập nhật; vui lòng tải lại trang trước khi thao tác."
        )
    perms.require_action(actor, dossier, action, step_role=step.role if step else None)
    if action == "expire_supplement" and dossier.status != Status.SUPPLEMENT_REQUESTED:
        raise Conflict("not_waiting_supplement", "Hồ sơ không ở trạng thái chờ bổ sung.")
    if action == "forward" and params.get("assignee") is not None:
        params["assignee_id"] = _check_assignee(dossier, ctx, params.pop("assignee")).id
    params.pop("assignee", None)
    fn = _ACTIONS[action]
    _check_params(fn, action, params)
    event = fn(dossier, ctx, at=clock.now(), **params)
    return _save(dossier, event, ctx)


FIELD_NAMES = {
    "reason": "lý do",
    "items": "danh sách giấy tờ cần bổ sung",
    "new_due_at": "ngày hẹn trả mới",
}


def _check_params(fn, action: str, params: dict) -> None:
    """A missing or unexpected parameter is the caller's mistake: say so instead of failing with a 500."""
    signature = inspect.signature(fn)
    accepted = {n for n, p in signature.parameters.items() if p.kind == p.KEYWORD_ONLY and n != "at"}
    unexpected = set(params) - accepted
    if unexpected:
        raise InvalidInput(
            "unexpected_field",
            f"Thao tác {action} không nhận các trường: {', '.join(sorted(unexpected))}.",
            fields={name: "không dùng cho thao tác này" for name in unexpected},
        )
    missing = [
        n
        for n, p in signature.parameters.items()
        if p.kind == p.KEYWORD_ONLY and p.default is p.empty and n != "at" and n not in params
    ]
    if missing:
        names = ", ".join(FIELD_NAMES.get(n, n) for n in missing)
        raise InvalidInput(
            "missing_field", f"Vui lòng nhập: {names}.", fields={n: "bắt buộc" for n in missing}
        )


def _check_assignee(dossier: Dossier, ctx: Context, officer: Officer) -> Officer:
    nxt = ctx.step_after(dossier.step)
    if officer.agency_id != dossier.agency_id or (
        nxt is not None and not officer.grants.filter(agency=dossier.agency, role=nxt.role).exists()
    ):
        raise InvalidInput(
            "invalid_assignee", "Cán bộ được giao không thuộc cơ quan hoặc không có vai trò ở bước tiếp theo."
        )
    return officer


@transaction.atomic
def finish_with_signed_result(
    *, actor: User, code: str, pdf: bytes, filename: str, expected_version: int | None = None
) -> Dossier:
    """The approving leader signs the result (PAdES, their certificate) and finishes the dossier in one
    step: the signed file, the dossier's link to it, the event and the outbox row commit together, and a
    file that is not a valid PDF changes nothing."""
    dossier = _locked(code)
    ctx = context_for(dossier, actor)
    step = ctx.step(dossier.step)
    stale = expected_version is not None and expected_version != dossier.version
    if stale and perms.can_read(actor, dossier):
        raise Conflict(
            "stale", "Hồ sơ đã được người khác cập nhật; vui lòng tải lại trang trước khi thao tác."
        )
    perms.require_action(actor, dossier, "finish", step_role=step.role if step else None)
    if dossier.status not in (Status.RECEIVED, Status.PROCESSING):
        raise Conflict("transition_not_allowed", "Chỉ ký kết quả cho hồ sơ đang xử lý.")
    signed = sign_and_store(
        pdf=pdf,
        title=f"Kết quả giải quyết hồ sơ {dossier.code}: {dossier.procedure_version.name}"[:255],
        filename=filename or f"{dossier.code}.pdf",
        signer_user=actor,
        signer_name=actor.full_name or actor.username,
        agency_name=dossier.agency.name,
        reason=f"Phê duyệt kết quả giải quyết hồ sơ {dossier.code}",
        province_code=dossier.province_code,
    )
    dossier.result = signed
    event = lifecycle.finish(dossier, ctx, at=clock.now(), reason="Ký số kết quả và kết thúc xử lý")
    event.data["result"] = signed.public_id
    return _save(dossier, event, ctx)
