"""The dossier state machine as pure functions over a Dossier instance (no database access).

Services call these with the server clock's moment and then save; the data generator and the
history importer call the very same functions with past moments and bulk-insert the result, so a
live dossier and a generated one obey one set of rules.

Allowed transitions are those of domain.md §4.1 (the national portal's status model, Decree
118/2025/NĐ-CP and Circular 01/2018/TT-VPCP forms): anything else raises Conflict.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from congso.core.clock import local
from congso.core.errors import Conflict, InvalidInput
from congso.dossiers.choices import OPEN, PAUSED, Action, Outcome, PauseKind, Status
from congso.dossiers.models import Apology, Dossier, DossierEvent, Pause
from congso.workflow.choices import StepCode

S = Status

# from-status -> statuses it may move to (domain.md §4.1). None = a new dossier.
ALLOWED: dict[int | None, frozenset[int]] = {
    None: frozenset({S.SUBMITTED, S.RECEIVED}),
    S.SUBMITTED: frozenset({S.RECEIVED, S.REFUSED, S.SUPPLEMENT_REQUESTED}),
    S.RECEIVED: frozenset(
        {S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION, S.STOPPED, S.WITHDRAWN, S.FINISHED}
    ),
    S.PROCESSING: frozenset(
        {S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION, S.STOPPED, S.WITHDRAWN, S.FINISHED}
    ),
    # 5 -> 2 (restart) or the previous status (pause mode) | 3 (supplement deadline expired) | 7
    S.SUPPLEMENT_REQUESTED: frozenset({S.RECEIVED, S.SUBMITTED, S.PROCESSING, S.REFUSED, S.WITHDRAWN}),
    S.FINANCIAL_OBLIGATION: frozenset({S.RECEIVED, S.PROCESSING, S.WITHDRAWN}),
    S.STOPPED: frozenset({S.RECEIVED, S.PROCESSING, S.STOPPED}),
    S.WITHDRAWN: frozenset({S.FINISHED}),
    S.FINISHED: frozenset({S.RETURNED}),
    S.REFUSED: frozenset(),
    S.RETURNED: frozenset(),
}


@dataclass(frozen=True)
class Step:
    code: str
    role: str
    minutes: int


@dataclass
class Context:
    """What a transition needs besides the dossier: the calendar, the process and the settings."""

    calendar: object  # congso.workdays.calendar.WorkCalendar
    steps: list[Step]
    pause_mode: str = "restart"  # CONGSO_PAUSE_MODE, applied to supplements (domain.md §5.2 point 7)
    actor_id: int | None = None
    actor_name: str = ""
    actor_agency: str = ""
    records: list[object] = field(default_factory=list)  # Pause/Apology rows to save with the event

    def step(self, code: str) -> Step | None:
        return next((s for s in self.steps if s.code == code), None)

    def step_after(self, code: str) -> Step | None:
        codes = [s.code for s in self.steps]
        i = codes.index(code) if code in codes else -1
        return self.steps[i + 1] if 0 <= i < len(self.steps) - 1 else None

    def step_before(self, code: str) -> Step | None:
        codes = [s.code for s in self.steps]
        i = codes.index(code) if code in codes else -1
        return self.steps[i - 1] if i > 0 else None


def check_transition(current: int | None, to: int) -> None:
    if to not in ALLOWED.get(current or None, frozenset()):
        name_from = Status(current).label if current else "hồ sơ mới"
        raise Conflict(
            "transition_not_allowed",
            f"Không thể chuyển hồ sơ từ trạng thái “{name_from}” sang “{Status(to).label}”.",
        )


def _event(
    dossier: Dossier, ctx: Context, action: str, to: int, at: datetime, reason: str = "", **data
) -> DossierEvent:
    check_transition(dossier.status, to)
    event = DossierEvent(
        province_code=dossier.province_code,
        dossier=dossier,
        seq=dossier.version,  # services bump version once per event; seq therefore runs 1, 2, 3 …
        action=action,
        from_status=dossier.status or None,
        to_status=to,
        from_step=dossier.step,
        at=at,
        actor_id=ctx.actor_id,
        actor_name=ctx.actor_name,
        actor_agency=ctx.actor_agency,
        reason=reason,
        data={k: _jsonable(v) for k, v in data.items()},
    )
    dossier.status = to
    return event


def _finish_event(event: DossierEvent, dossier: Dossier) -> DossierEvent:
    event.to_step = dossier.step
    event.step_due_at = dossier.step_due_at
    dossier.version += 1
    return event


def _jsonable(value):
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


# --- deadlines -----------------------------------------------------------------------------------


def compute_due(ctx: Context, *, start: datetime, days: Decimal | None, unit: str) -> datetime | None:
    """NgayHenTra from the receipt moment and the procedure's limit (domain.md §5.2)."""
    if days is None or unit in ("", "unknown", "none"):
        return None  # no due date: NgayHenTra stays null (§5.2 point 6)
    cal = ctx.calendar
    if unit == "working_day":
        return cal.add_working_days(start, days).due
    if unit == "calendar_day":
        return cal.add_calendar_days(start, int(days)).due
    if unit == "hour":
        return cal.add_working_hours(start, days).due
    if unit == "same_day":
        return cal.same_day_cutoff(start).due
    raise InvalidInput("unknown_time_unit", f"Đơn vị thời hạn không hợp lệ: {unit}.")


def _enter_step(dossier: Dossier, ctx: Context, step: Step | None, at: datetime) -> None:
    if step is None:
        dossier.step, dossier.step_role, dossier.step_started_at, dossier.step_due_at = "", "", None, None
        return
    dossier.step = step.code
    dossier.step_role = step.role
    dossier.step_started_at = at
    if dossier.due_at is None:
        dossier.step_due_at = None
    else:
        dossier.step_due_at = ctx.calendar.add_working_hours(at, Decimal(step.minutes) / 60).due


def decide_outcome(dossier: Dossier) -> None:
    """Early / on time / late by calendar date for Form 06 (Circular 01/2020/TT-VPCP) and by the exact
    moment for Decision 766 indicator 2.1 (on time iff NgayKetThucXuLy ≤ NgayHenTra)."""
    if dossier.status == Status.WITHDRAWN or dossier.due_at is None:
        dossier.outcome, dossier.on_time_766 = Outcome.ON_TIME, True
        return
    end, due = local(dossier.ended_at).date(), local(dossier.due_at).date()
    dossier.outcome = Outcome.EARLY if end < due else Outcome.ON_TIME if end == due else Outcome.LATE
    dossier.on_time_766 = dossier.ended_at <= dossier.due_at


# --- intake --------------------------------------------------------------------------------------


def submit_online(dossier: Dossier, ctx: Context, *, at: datetime) -> DossierEvent:
    event = _event(dossier, ctx, Action.SUBMIT, S.SUBMITTED, at, "Nộp hồ sơ trực tuyến")
    dossier.submitted_at = at
    return _finish_event(event, dossier)


def receive(dossier: Dossier, ctx: Context, *, at: datetime, reason: str = "Tiếp nhận hồ sơ") -> DossierEvent:
    """Valid receipt: the clock starts here (domain.md §5.2 point 1), never at submission."""
    if dossier.status not in (None, S.SUBMITTED, S.SUPPLEMENT_REQUESTED):
        raise Conflict("already_received", "Hồ sơ đã được tiếp nhận hoặc đã kết thúc.")
    event = _event(dossier, ctx, Action.RECEIVE, S.RECEIVED, at, reason)
    dossier.received_at = at
    dossier.due_at = compute_due(ctx, start=at, days=dossier.limit_days, unit=dossier.limit_unit)
    _enter_step(dossier, ctx, ctx.steps[0] if ctx.steps else None, at)
    event.data["due_at"] = _jsonable(dossier.due_at)
    return _finish_event(event, dossier)


def refuse(dossier: Dossier, ctx: Context, *, at: datetime, reason: str) -> DossierEvent:
    _require_reason(reason, "từ chối tiếp nhận")
    if dossier.status not in (S.SUBMITTED, S.SUPPLEMENT_REQUESTED):
        raise Conflict("transition_not_allowed", "Chỉ từ chối được hồ sơ mới nộp hoặc đang chờ bổ sung.")
    action = Action.EXPIRE_SUPPLEMENT if dossier.status == S.SUPPLEMENT_REQUESTED else Action.REFUSE
    event = _event(dossier, ctx, action, S.REFUSED, at, reason)
    if action == Action.EXPIRE_SUPPLEMENT:
        _close_pause(dossier, ctx, at, due_after=None)
    dossier.refused_at = at
    _enter_step(dossier, ctx, None, at)
    return _finish_event(event, dossier)


# --- processing ----------------------------------------------------------------------------------


def forward(
    dossier: Dossier, ctx: Context, *, at: datetime, reason: str = "", assignee_id: int | None = None
) -> DossierEvent:
    """Hand the dossier to the next step (2 or 4 → 4); the hand-over is marked early/on time/late
    against the step's own deadline, as the process-control slip (form 05) requires."""
    if dossier.status not in (S.RECEIVED, S.PROCESSING):
        raise Conflict(
            "transition_not_allowed",
            f"Không thể chuyển bước khi hồ sơ đang ở trạng thái “{Status(dossier.status).label}”.",
        )
    nxt = ctx.step_after(dossier.step)
    if nxt is None:
        raise Conflict("no_next_step", "Hồ sơ đang ở bước cuối của quy trình; hãy kết thúc xử lý.")
    handover = _handover_mark(dossier, at)
    event = _event(
        dossier,
        ctx,
        Action.ASSIGN if dossier.status == S.RECEIVED else Action.FORWARD,
        S.PROCESSING,
        at,
        reason or f"Chuyển bước: {_step_label(nxt.code)}",
        handover=handover,
    )
    _enter_step(dossier, ctx, nxt, at)
    dossier.assignee_id = assignee_id
    return _finish_event(event, dossier)


def send_back(dossier: Dossier, ctx: Context, *, at: datetime, reason: str) -> DossierEvent:
    _require_reason(reason, "trả lại bước trước")
    if dossier.status != S.PROCESSING:
        raise Conflict("transition_not_allowed", "Chỉ trả lại được hồ sơ đang xử lý.")
    prev = ctx.step_before(dossier.step)
    if prev is None:
        raise Conflict("no_previous_step", "Không có bước xử lý trước để trả lại.")
    event = _event(dossier, ctx, Action.SEND_BACK, S.PROCESSING, at, reason)
    _enter_step(dossier, ctx, prev, at)
    return _finish_event(event, dossier)


def request_supplement(
    dossier: Dossier, ctx: Context, *, at: datetime, reason: str, items: list[str], allowed_days: int = 5
) -> DossierEvent:
    """One request listing all missing items (Decree 118/2025 art. 16, as in Decree 61/2018 art. 15):
    a second request is refused because Decision 766 counts such a dossier as overdue."""
    _require_reason(reason, "yêu cầu bổ sung")
    if not items:
        raise InvalidInput(
            "supplement_items_required",
            "Cần liệt kê đầy đủ các giấy tờ phải bổ sung.",
            fields={"items": "bắt buộc"},
        )
    if dossier.supplement_requests >= 1:
        raise Conflict(
            "supplement_already_requested",
            "Hồ sơ đã được yêu cầu bổ sung một lần; quy định chỉ cho phép yêu cầu bổ sung một lần.",
        )
    if dossier.status not in (S.SUBMITTED, S.RECEIVED, S.PROCESSING):
        raise Conflict(
            "transition_not_allowed",
            f"Không thể yêu cầu bổ sung khi hồ sơ đang ở trạng thái “{Status(dossier.status).label}”.",
        )
    return _pause(
        dossier,
        ctx,
        PauseKind.SUPPLEMENT,
        Action.REQUEST_SUPPLEMENT,
        at,
        reason,
        items=items,
        allowed_days=allowed_days,
    )


def receive_supplement(
    dossier: Dossier, ctx: Context, *, at: datetime, reason: str = "Đã nhận đủ hồ sơ bổ sung"
) -> DossierEvent:
    if dossier.status != S.SUPPLEMENT_REQUESTED:
        raise Conflict("not_waiting_supplement", "Hồ sơ không ở trạng thái chờ bổ sung.")
    previous = dossier.status_before_pause
    if previous == S.SUBMITTED:
        # An online dossier completed before acceptance: this is its valid receipt.
        _close_pause(dossier, ctx, at, due_after=None)
        event = receive(dossier, ctx, at=at, reason=reason)
        event.action = Action.RECEIVE_SUPPLEMENT
        return event
    if ctx.pause_mode == "restart":
        # "Theo Nghị định": the full limit runs again from the completed dossier; status back to 2.
        event = _event(dossier, ctx, Action.RECEIVE_SUPPLEMENT, S.RECEIVED, at, reason)
        due_after = compute_due(ctx, start=at, days=dossier.limit_days, unit=dossier.limit_unit)
    else:
        event = _event(dossier, ctx, Action.RECEIVE_SUPPLEMENT, previous, at, reason)
        due_after = _extended_due(dossier, ctx, at)
    _close_pause(dossier, ctx, at, due_after=due_after)
    return _finish_event(event, dossier)


def request_payment(
    dossier: Dossier, ctx: Context, *, at: datetime, reason: str, amount_vnd: int | None = None
) -> DossierEvent:
    _require_reason(reason, "yêu cầu thực hiện nghĩa vụ tài chính")
    if dossier.status not in (S.RECEIVED, S.PROCESSING):
        raise Conflict("transition_not_allowed", "Chỉ yêu cầu nghĩa vụ tài chính với hồ sơ đang xử lý.")
    return _pause(
        dossier, ctx, PauseKind.FINANCIAL, Action.REQUEST_PAYMENT, at, reason, amount_vnd=amount_vnd
    )


def record_payment(
    dossier: Dossier, ctx: Context, *, at: datetime, reason: str = "Đã hoàn thành nghĩa vụ tài chính"
) -> DossierEvent:
    if dossier.status != S.FINANCIAL_OBLIGATION:
        raise Conflict("not_waiting_payment", "Hồ sơ không ở trạng thái chờ thực hiện nghĩa vụ tài chính.")
    return _resume(dossier, ctx, Action.RECORD_PAYMENT, at, reason)


def stop(dossier: Dossier, ctx: Context, *, at: datetime, reason: str, final: bool = False) -> DossierEvent:
    _require_reason(reason, "dừng xử lý")
    if dossier.status not in (S.RECEIVED, S.PROCESSING):
        raise Conflict("transition_not_allowed", "Chỉ dừng được hồ sơ đang xử lý.")
    event = _pause(dossier, ctx, PauseKind.STOP, Action.STOP, at, reason, final=final)
    dossier.stopped_final = final
    return event


def resume(dossier: Dossier, ctx: Context, *, at: datetime, reason: str = "Tiếp tục xử lý") -> DossierEvent:
    if dossier.status != S.STOPPED:
        raise Conflict("not_stopped", "Hồ sơ không ở trạng thái dừng xử lý.")
    if dossier.stopped_final:
        raise Conflict("stopped_final", "Hồ sơ đã dừng xử lý hẳn, không thể tiếp tục.")
    return _resume(dossier, ctx, Action.RESUME, at, reason)


def withdraw(dossier: Dossier, ctx: Context, *, at: datetime, reason: str) -> DossierEvent:
    """The applicant withdraws (status 7); Form 06 counts it resolved on time; a withdrawal document
    then takes it to 9 (finish) and 10 (return)."""
    _require_reason(reason, "rút hồ sơ")
    if dossier.status not in (S.RECEIVED, S.PROCESSING, S.SUPPLEMENT_REQUESTED, S.FINANCIAL_OBLIGATION):
        raise Conflict(
            "transition_not_allowed",
            f"Không thể rút hồ sơ đang ở trạng thái “{Status(dossier.status).label}”.",
        )
    if dossier.status in PAUSED:
        _close_pause(dossier, ctx, at, due_after=dossier.due_at)
    event = _event(dossier, ctx, Action.WITHDRAW, S.WITHDRAWN, at, reason)
    dossier.ended_at = at  # NgayKetThucXuLy: first of 9 → 10 → 8 or 3 → 7 (domain.md §9.2 rule 2.1)
    decide_outcome(dossier)
    return _finish_event(event, dossier)


def finish(
    dossier: Dossier, ctx: Context, *, at: datetime, reason: str = "Kết thúc xử lý hồ sơ"
) -> DossierEvent:
    if dossier.status not in (S.RECEIVED, S.PROCESSING, S.WITHDRAWN):
        raise Conflict(
            "transition_not_allowed",
            f"Không thể kết thúc xử lý hồ sơ đang ở trạng thái “{Status(dossier.status).label}”.",
        )
    withdrawn = dossier.status == S.WITHDRAWN
    handover = None if withdrawn else _handover_mark(dossier, at)
    event = _event(dossier, ctx, Action.FINISH, S.FINISHED, at, reason, handover=handover)
    if not withdrawn:
        dossier.ended_at = at  # never set to the due date: no backdating (domain.md §13.1)
        decide_outcome(dossier)
    _enter_step(dossier, ctx, ctx.step(ctx.steps[-1].code) if ctx.steps else None, at)
    return _finish_event(event, dossier)


def return_result(
    dossier: Dossier, ctx: Context, *, at: datetime, reason: str = "Trả kết quả"
) -> DossierEvent:
    if dossier.status != S.FINISHED:
        raise Conflict("transition_not_allowed", "Chỉ trả kết quả cho hồ sơ đã xử lý xong.")
    event = _event(dossier, ctx, Action.RETURN_RESULT, S.RETURNED, at, reason)
    dossier.returned_at = at
    _enter_step(dossier, ctx, None, at)
    return _finish_event(event, dossier)


def apologise(
    dossier: Dossier, ctx: Context, *, at: datetime, reason: str, new_due_at: datetime
) -> DossierEvent:
    """Phiếu xin lỗi và hẹn lại ngày trả kết quả: reason + new date, once. NgayHenTra never moves, so
    the dossier still counts as late (domain.md §4.2, §13.6). Sent at least one working day before the
    due date is the rule; a later letter is still recorded and marked as sent late."""
    _require_reason(reason, "xin lỗi và hẹn lại")
    if dossier.status not in OPEN:
        raise Conflict("transition_not_allowed", "Chỉ lập phiếu xin lỗi cho hồ sơ đang giải quyết.")
    if dossier.due_at is None:
        raise Conflict("no_due_date", "Hồ sơ không có ngày hẹn trả nên không cần phiếu xin lỗi.")
    if dossier.new_due_at is not None:
        raise Conflict("already_rescheduled", "Hồ sơ đã được hẹn lại một lần; chỉ được hẹn lại một lần.")
    if new_due_at <= max(at, dossier.due_at):
        raise InvalidInput(
            "new_due_not_later",
            "Ngày hẹn trả mới phải sau ngày hẹn cũ và sau thời điểm hiện tại.",
            fields={"new_due_at": "phải muộn hơn"},
        )
    latest_in_time = _one_working_day_before(ctx, dossier.due_at)
    event = DossierEvent(
        province_code=dossier.province_code,
        dossier=dossier,
        seq=dossier.version,
        action=Action.APOLOGISE,
        from_status=dossier.status,
        to_status=dossier.status,
        from_step=dossier.step,
        at=at,
        actor_id=ctx.actor_id,
        actor_name=ctx.actor_name,
        actor_agency=ctx.actor_agency,
        reason=reason,
        data={"due_at": _jsonable(dossier.due_at), "new_due_at": _jsonable(new_due_at)},
    )
    ctx.records.append(
        Apology(
            province_code=dossier.province_code,
            dossier=dossier,
            created_at=at,
            actor_id=ctx.actor_id,
            reason=reason,
            due_at=dossier.due_at,
            new_due_at=new_due_at,
            sent_in_time=at <= latest_in_time,
        )
    )
    dossier.new_due_at = new_due_at
    return _finish_event(event, dossier)


# --- helpers -------------------------------------------------------------------------------------


def _step_label(code: str) -> str:
    return StepCode(code).label if code in StepCode.values else code


def _require_reason(reason: str, what: str) -> None:
    if not (reason or "").strip():
        raise InvalidInput("reason_required", f"Vui lòng ghi rõ lý do {what}.", fields={"reason": "bắt buộc"})


def _handover_mark(dossier: Dossier, at: datetime) -> str | None:
    if dossier.step_due_at is None:
        return None
    due = dossier.step_due_at
    if at > due:
        return Outcome.LATE
    return Outcome.EARLY if local(at).date() < local(due).date() else Outcome.ON_TIME


def _pause(
    dossier: Dossier, ctx: Context, kind: int, action: str, at: datetime, reason: str, **data
) -> DossierEvent:
    to = {
        PauseKind.SUPPLEMENT: S.SUPPLEMENT_REQUESTED,
        PauseKind.FINANCIAL: S.FINANCIAL_OBLIGATION,
        PauseKind.STOP: S.STOPPED,
    }[kind]
    previous = dossier.status
    event = _event(dossier, ctx, action, to, at, reason, **data)
    dossier.status_before_pause = previous
    if kind == PauseKind.SUPPLEMENT:
        dossier.supplement_requests += 1
    ctx.records.append(
        Pause(
            province_code=dossier.province_code,
            dossier=dossier,
            kind=kind,
            requested_at=at,
            due_before=dossier.due_at,
            allowed_days=data.get("allowed_days"),
            content=reason,
            items=data.get("items") or [],
        )
    )
    return _finish_event(event, dossier)


def _resume(dossier: Dossier, ctx: Context, action: str, at: datetime, reason: str) -> DossierEvent:
    # Fees and stops always extend the due date by the working time paused (pause semantics).
    event = _event(dossier, ctx, action, dossier.status_before_pause, at, reason)
    _close_pause(dossier, ctx, at, due_after=_extended_due(dossier, ctx, at))
    return _finish_event(event, dossier)


def _extended_due(dossier: Dossier, ctx: Context, at: datetime) -> datetime | None:
    if dossier.due_at is None:
        return None
    paused_at = _open_pause_moment(dossier, ctx)
    if paused_at is None:
        return dossier.due_at
    gap = ctx.calendar.working_time_between(paused_at, at)
    return (
        ctx.calendar.add_working_hours(dossier.due_at, Decimal(gap.total_seconds()) / 3600).due
        if gap
        else dossier.due_at
    )


def _open_pause_moment(dossier: Dossier, ctx: Context) -> datetime | None:
    pending = [r for r in ctx.records if isinstance(r, Pause) and r.resumed_at is None]
    if pending:
        return pending[-1].requested_at
    return getattr(dossier, "_open_pause_at", None)


def _close_pause(dossier: Dossier, ctx: Context, at: datetime, *, due_after: datetime | None) -> None:
    """Mark the open pause as ended; services load the open Pause row into ctx.records first."""
    for record in reversed(ctx.records):
        if isinstance(record, Pause) and record.resumed_at is None:
            record.resumed_at = at
            record.due_after = due_after
            break
    if due_after is not None:
        dossier.due_at = due_after
        if dossier.step_due_at is not None and dossier.step:
            step = ctx.step(dossier.step)
            if step is not None:
                dossier.step_started_at = at
                dossier.step_due_at = ctx.calendar.add_working_hours(at, Decimal(step.minutes) / 60).due
    dossier.status_before_pause = None


def _one_working_day_before(ctx: Context, due: datetime) -> datetime:
    cal = ctx.calendar
    day = local(due).date()
    prev = day - timedelta(days=1)
    while not cal.is_working_day(prev):
        prev -= timedelta(days=1)
    return local(due).replace(year=prev.year, month=prev.month, day=prev.day)
