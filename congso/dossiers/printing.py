"""A dossier's one-stop forms as PDF (Circular 01/2018/TT-VPCP forms 01–05; see
`congso.documents.forms.common` for the renumbering by Circular 03/2025/TT-VPCP).

This adapter reads the dossier, its event log and its ledger rows and fills the plain dataclasses
of `congso.documents.forms`, which know nothing about dossiers (documents sits below dossiers).
Every value printed comes from a stored row an event explains; nothing is recomputed except the
supplement deadline (the request stores the allowed working days, the form prints the moment).
A form the dossier does not have raises Conflict with a stable code.
"""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import quote

from django.conf import settings

from congso.core.errors import Conflict
from congso.core.text import format_number
from congso.documents import forms
from congso.dossiers.choices import Action, Channel, PauseKind, Status
from congso.dossiers.models import Dossier, DossierEvent
from congso.identity.choices import ApplicantKind, IdKind
from congso.identity.models import Agency, Applicant
from congso.workdays.selectors import calendar_for
from congso.workflow.choices import StepCode

# Decree 118/2025/NĐ-CP calls the unit that receives and returns dossiers "Bộ phận Một cửa"; forms
# 01–03 and 05 are issued by it, under the agency it belongs to.
ONE_STOP = "Bộ phận Một cửa"
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8000"

_ID_LABELS = {
    IdKind.PERSONAL_ID: "Số định danh cá nhân",
    IdKind.OLD_ID_CARD: "Số chứng minh nhân dân",
    IdKind.TAX_CODE: "Mã số thuế / mã số doanh nghiệp",
}
_COPIES = re.compile(r"^\s*(\d{1,2})\s*(bản(?:\s+(?:chính|sao|chụp|gốc))?)\s*$", re.I)
# Actions taken by whoever holds the dossier at a step: the first of them after a hand-over names
# the receiver of that hand-over (an apology by a leader does not).
_STEP_ACTIONS = {
    Action.FORWARD,
    Action.SEND_BACK,
    Action.FINISH,
    Action.RETURN_RESULT,
    Action.REQUEST_SUPPLEMENT,
    Action.REQUEST_PAYMENT,
    Action.STOP,
}


def lookup_url(code: str) -> str:
    """The public lookup page of a dossier, printed and encoded in the receipt's QR code."""
    base = str(getattr(settings, "CONGSO_PUBLIC_URL", DEFAULT_PUBLIC_URL) or DEFAULT_PUBLIC_URL)
    return f"{base.rstrip('/')}/tra-cuu/{quote(code, safe='')}"


# --- the five forms --------------------------------------------------------------------------------


def receipt_for(dossier: Dossier) -> bytes:
    """Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả."""
    return forms.render_receipt(receipt_data(dossier))


def supplement_request_for(dossier: Dossier) -> bytes:
    """Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ."""
    return forms.render_supplement_request(supplement_request_data(dossier))


def refusal_for(dossier: Dossier) -> bytes:
    """Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ."""
    return forms.render_refusal(refusal_data(dossier))


def apology_for(dossier: Dossier) -> bytes:
    """Mẫu 04: Phiếu xin lỗi và hẹn lại ngày trả kết quả."""
    return forms.render_apology(apology_data(dossier))


def control_slip_for(dossier: Dossier) -> bytes:
    """Mẫu 05 (06 in Circular 03/2025): Phiếu kiểm soát quá trình giải quyết hồ sơ."""
    return forms.render_control_slip(control_slip_data(dossier))


# --- dossier -> form data --------------------------------------------------------------------------


def receipt_data(dossier: Dossier) -> forms.Receipt:
    if dossier.received_at is None:
        raise Conflict(
            "not_received", "Hồ sơ chưa được tiếp nhận nên chưa có giấy tiếp nhận hồ sơ và hẹn trả kết quả."
        )
    events = _events(dossier)
    receipt = next((e for e in events if e.to_status == Status.RECEIVED), None)
    version = dossier.procedure_version
    return forms.Receipt(
        issuer=_one_stop(dossier),
        code=dossier.code,
        receiving_unit=_unit(dossier),
        applicant=_party(dossier.applicant),
        procedure_name=version.name,
        procedure_code=dossier.procedure_code,
        channel=Channel(dossier.channel).label,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        limit_text=limit_text(dossier.limit_days, dossier.limit_unit),
        documents=tuple(_received(d.name, d.copies, d.group) for d in version.documents.order_by("order")),
        pickup_place=_unit(dossier),
        officer_name=receipt.actor_name if receipt else "",
        lookup_url=lookup_url(dossier.code),
        summary=dossier.summary if dossier.summary and dossier.summary != version.name else "",
    )


def supplement_request_data(dossier: Dossier) -> forms.SupplementRequest:
    pause = dossier.pauses.filter(kind=PauseKind.SUPPLEMENT).order_by("-requested_at").first()
    if pause is None:
        raise Conflict(
            "no_supplement_request",
            "Hồ sơ không có yêu cầu bổ sung, hoàn thiện nên không có phiếu yêu cầu bổ sung.",
        )
    event = _last(dossier, Action.REQUEST_SUPPLEMENT)
    deadline = None
    if pause.allowed_days:
        # The calendar in force when the request was made, so a reprint shows the same deadline.
        calendar = calendar_for(dossier.province_code, as_of=pause.requested_at)
        deadline = calendar.add_working_days(pause.requested_at, pause.allowed_days).due
    return forms.SupplementRequest(
        issuer=_one_stop(dossier),
        code=dossier.code,
        unit=_unit(dossier),
        applicant=_party(dossier.applicant),
        procedure_name=dossier.procedure_version.name,
        submitted_at=dossier.received_at or dossier.submitted_at,
        requested_at=pause.requested_at,
        items=tuple(str(item) for item in pause.items),
        reason=pause.content or (event.reason if event else ""),
        officer_name=event.actor_name if event else "",
        officer_unit=event.actor_agency if event else "",
        allowed_days=pause.allowed_days,
        deadline=deadline,
    )


def refusal_data(dossier: Dossier) -> forms.Refusal:
    if dossier.status != Status.REFUSED:
        raise Conflict("not_refused", "Hồ sơ không bị từ chối tiếp nhận nên không có phiếu từ chối.")
    event = next((e for e in reversed(_events(dossier)) if e.to_status == Status.REFUSED), None)
    return forms.Refusal(
        issuer=_one_stop(dossier),
        code=dossier.code,
        unit=_unit(dossier),
        applicant=_party(dossier.applicant),
        procedure_name=dossier.procedure_version.name,
        submitted_at=dossier.submitted_at or dossier.received_at,
        refused_at=dossier.refused_at or (event.at if event else dossier.updated_at),
        reason=event.reason if event else "",
        officer_name=event.actor_name if event else "",
    )


def apology_data(dossier: Dossier) -> forms.ApologyLetter:
    apology = dossier.apologies.order_by("-created_at").first()
    if apology is None:
        raise Conflict("no_apology", "Hồ sơ chưa có phiếu xin lỗi và hẹn lại ngày trả kết quả.")
    event = _last(dossier, Action.APOLOGISE)
    agency = dossier.agency
    return forms.ApologyLetter(
        issuer=forms.Issuer(name=agency.name, parent=_parent_name(agency), place=_place(agency)),
        code=dossier.code,
        agency_name=agency.name,
        applicant=_party(dossier.applicant),
        procedure_name=dossier.procedure_version.name,
        received_at=dossier.received_at or apology.created_at,
        limit_text=limit_text(dossier.limit_days, dossier.limit_unit),
        due_at=apology.due_at,
        new_due_at=apology.new_due_at,
        reason=apology.reason,
        created_at=apology.created_at,
        signer_name=event.actor_name if event else "",
    )


def control_slip_data(dossier: Dossier) -> forms.ControlSlip:
    if dossier.received_at is None:
        raise Conflict("not_received", "Hồ sơ chưa được tiếp nhận nên chưa có phiếu kiểm soát quá trình.")
    return forms.ControlSlip(
        issuer=_one_stop(dossier),
        code=dossier.code,
        applicant_name=dossier.applicant.full_name,
        procedure_name=dossier.procedure_version.name,
        handling_agency=dossier.agency.name,
        received_at=dossier.received_at,
        due_at=dossier.due_at,
        new_due_at=dossier.new_due_at,
        rows=tuple(handovers(dossier, _events(dossier))),
    )


def handovers(dossier: Dossier, events: list[DossierEvent]) -> list[forms.Handover]:
    """The slip's rows from the event log: hand-overs between steps (with the mark the lifecycle
    stored on the event and the step deadline it was judged against), the supplement round trip
    with the applicant, and the return of the result."""
    applicant = f"{dossier.applicant.full_name} (tổ chức, cá nhân)"
    rows: list[forms.Handover] = []
    deadline = None  # the step deadline in force before each event
    for i, event in enumerate(events):
        giver, receiver = _person(dossier, event, event.from_step), ""
        mark, note, judged = None, "", None
        if event.action in (Action.ASSIGN, Action.FORWARD, Action.SEND_BACK, Action.FINISH):
            receiver = _receiver(dossier, event, events[i + 1 :])
            mark = forms.Mark(event.data["handover"]) if event.data.get("handover") else None
            note = f"Trả lại: {event.reason}" if event.action == Action.SEND_BACK else event.reason
            judged = deadline if mark else None
        elif event.action == Action.RETURN_RESULT:
            receiver = applicant
            # The return is judged as Form 06 judges the dossier: end of processing against NgayHenTra.
            mark = forms.Mark(dossier.outcome) if dossier.outcome else None
            note, judged = "Trả kết quả giải quyết hồ sơ", dossier.due_at if mark else None
        elif event.action == Action.REQUEST_SUPPLEMENT:
            receiver, note = applicant, f"Yêu cầu bổ sung: {event.reason}"
        elif event.action == Action.RECEIVE_SUPPLEMENT:
            # Supplements are handed in at the one-stop counter (or through it, online).
            giver, receiver = applicant, _person(dossier, event, StepCode.RECEIVE)
            note = "Nhận hồ sơ bổ sung"
        deadline = event.step_due_at
        if receiver:
            rows.append(
                forms.Handover(
                    giver=giver, receiver=receiver, at=event.at, mark=mark, note=note, deadline=judged
                )
            )
    return rows


# --- helpers ---------------------------------------------------------------------------------------


def limit_text(days: Decimal | None, unit: str) -> str:
    """'5 ngày làm việc', '0,5 ngày làm việc', '8 giờ làm việc', '15 ngày' (calendar days)."""
    if unit == "same_day":
        # The 15:00 cut-off (domain.md §5.2 point 5).
        return "trong ngày (hồ sơ nhận sau 15 giờ trả trong ngày làm việc tiếp theo)"
    if days is None or unit in ("", "unknown", "none"):
        return ""
    amount = Decimal(days)
    if amount == amount.to_integral_value():
        number = format_number(amount)
    else:
        number = f"{amount.normalize():f}".replace(".", ",")  # decimal comma: 0,5
    words = {"working_day": "ngày làm việc", "calendar_day": "ngày", "hour": "giờ làm việc"}
    return f"{number} {words.get(unit, unit)}"


def _events(dossier: Dossier) -> list[DossierEvent]:
    return list(dossier.events.order_by("seq"))


def _last(dossier: Dossier, action: str) -> DossierEvent | None:
    return dossier.events.filter(action=action).order_by("-seq").first()


def _receiver(dossier: Dossier, event: DossierEvent, later: list[DossierEvent]) -> str:
    """Who took the dossier over: the officer who next acted at the step it was handed to, else the
    assignee, else the step itself (still waiting in that step's queue)."""
    step = event.to_step
    holder = next((e for e in later if e.action in _STEP_ACTIONS and e.from_step == step), None)
    if holder is not None:
        return _person(dossier, holder, step)
    if dossier.step == step and dossier.assignee_id:
        user = dossier.assignee.user
        return _join(user.full_name or user.username, dossier.assignee.division or _step_unit(step))
    label = StepCode(step).label if step in StepCode.values else step
    return _join(label, dossier.agency.name)


def _person(dossier: Dossier, event: DossierEvent, step: str) -> str:
    """'Lê Minh Tâm, Phòng Hành chính tư pháp': the event's actor and unit, without repeating the
    handling agency the slip names above; the one-stop officer's unit is the one-stop unit."""
    unit = event.actor_agency
    suffix = f" — {dossier.agency.name}"
    if unit.endswith(suffix):
        unit = unit[: -len(suffix)]
    if unit == dossier.agency.name:
        unit = _step_unit(step) or unit
    return _join(event.actor_name, unit)


def _step_unit(step: str) -> str:
    return ONE_STOP if step in (StepCode.RECEIVE, StepCode.RETURN) else ""


def _join(name: str, unit: str) -> str:
    return f"{name}, {unit}" if name and unit else name or unit


def _received(name: str, copies: str, case: str) -> forms.ReceivedDocument:
    """'01 bản chính' -> kind 'Bản chính', quantity '01'; '02 bản' -> quantity '02'."""
    match = _COPIES.match(copies or "")
    if not match:
        return forms.ReceivedDocument(name=name, case=case)
    kind = match.group(2).strip()
    return forms.ReceivedDocument(
        name=name,
        kind=kind[:1].upper() + kind[1:] if kind.lower() != "bản" else "",
        quantity=match.group(1),
        case=case,
    )


def _party(applicant: Applicant) -> forms.Party:
    return forms.Party(
        full_name=applicant.full_name,
        id_number=applicant.id_number,
        id_label=_ID_LABELS.get(applicant.id_kind, "Số giấy tờ"),
        address=applicant.address,
        phone=applicant.phone,
        email=applicant.email,
        salutation="Ông/Bà" if applicant.kind == ApplicantKind.CITIZEN else "Tổ chức",
    )


def _one_stop(dossier: Dossier) -> forms.Issuer:
    agency = dossier.receiving_agency
    return forms.Issuer(name=ONE_STOP, parent=agency.name, place=_place(agency))


def _unit(dossier: Dossier) -> str:
    return f"{ONE_STOP}, {dossier.receiving_agency.name}"


def _parent_name(agency: Agency) -> str:
    return agency.parent.name if agency.parent_id else ""


def _place(agency: Agency) -> str:
    """The place name of the date line (Decree 30/2020, Appendix I, II.5): the province."""
    province = agency.province
    return province.short_name or province.name
