"""Who may do what to a dossier: one table, checked in one place (architecture principle 5).

An action is allowed to the role the internal process assigns to the dossier's current step, or to
the roles listed here, and only within the agency that holds the dossier (the receiving agency too,
for intake actions). Province administrators and statistics viewers may read, never act.
"""

from __future__ import annotations

from congso.core.errors import NotFound, PermissionDenied
from congso.dossiers.choices import Status
from congso.dossiers.models import Dossier
from congso.identity import permissions as identity_permissions
from congso.identity.choices import Role
from congso.identity.models import User

R = Role
STEP_ROLE = "<step>"  # placeholder: the role of the dossier's current step

# action -> (roles that may act, whether the receiving agency also qualifies)
ACTION_ROLES: dict[str, tuple[frozenset[str], bool]] = {
    "accept": (frozenset({R.RECEIVING_OFFICER}), True),
    "refuse": (frozenset({R.RECEIVING_OFFICER}), True),
    "forward": (frozenset({STEP_ROLE}), False),
    "send_back": (frozenset({STEP_ROLE}), False),
    "request_supplement": (frozenset({R.RECEIVING_OFFICER, STEP_ROLE}), True),
    "receive_supplement": (frozenset({R.RECEIVING_OFFICER}), True),
    "expire_supplement": (frozenset({R.RECEIVING_OFFICER}), True),
    "request_payment": (frozenset({STEP_ROLE, R.RECEIVING_OFFICER}), False),
    "record_payment": (frozenset({R.RECEIVING_OFFICER, STEP_ROLE}), True),
    "stop": (frozenset({R.LEADER, R.HEAD_OF_DIVISION}), False),
    "resume": (frozenset({R.LEADER, R.HEAD_OF_DIVISION}), False),
    "withdraw": (frozenset({R.RECEIVING_OFFICER}), True),
    "finish": (frozenset({STEP_ROLE}), False),
    "return_result": (frozenset({R.RECEIVING_OFFICER}), True),
    "apologise": (frozenset({R.LEADER, R.HEAD_OF_DIVISION}), False),
}
READ_ROLES = frozenset(Role.values)
ACTION_NAMES = {
    "accept": "tiếp nhận hồ sơ",
    "refuse": "từ chối hồ sơ",
    "forward": "chuyển bước xử lý",
    "send_back": "trả lại bước trước",
    "request_supplement": "yêu cầu bổ sung",
    "receive_supplement": "nhận hồ sơ bổ sung",
    "expire_supplement": "từ chối do quá hạn bổ sung",
    "request_payment": "yêu cầu nghĩa vụ tài chính",
    "record_payment": "xác nhận nghĩa vụ tài chính",
    "stop": "dừng xử lý",
    "resume": "tiếp tục xử lý",
    "withdraw": "rút hồ sơ",
    "finish": "kết thúc xử lý",
    "return_result": "trả kết quả",
    "apologise": "lập phiếu xin lỗi",
}


def require_action(actor: User | None, dossier: Dossier, action: str, *, step_role: str | None) -> None:
    if actor is None:
        return  # the system itself (management commands run by an administrator on the server)
    roles, receiving_too = ACTION_ROLES[action]
    if action == "finish" and dossier.status == Status.WITHDRAWN:
        # The return/withdrawal document is issued by the one-stop unit or signed by the leader.
        roles, receiving_too = frozenset({R.RECEIVING_OFFICER, R.LEADER}), True
    wanted = {step_role if r == STEP_ROLE else r for r in roles if r != STEP_ROLE or step_role}
    agencies = [dossier.agency]
    if receiving_too and dossier.receiving_agency_id != dossier.agency_id:
        agencies.append(dossier.receiving_agency)
    if any(identity_permissions.has_role(actor, agency, wanted) for agency in agencies):
        return
    if not can_read(actor, dossier):
        # Do not reveal that a dossier of another agency exists.
        raise NotFound("dossier_not_found", "Không tìm thấy hồ sơ.")
    names = ", ".join(sorted(Role(r).label for r in wanted)) or "không vai trò nào"
    raise PermissionDenied(
        "forbidden",
        f"Bạn không có quyền {ACTION_NAMES[action]} với hồ sơ {dossier.code} ở bước hiện tại (cần vai trò: {names}).",
    )


def can_read(actor: User, dossier: Dossier) -> bool:
    if actor.is_superuser:
        return True
    return any(
        identity_permissions.has_role(actor, agency, READ_ROLES)
        for agency in (dossier.agency, dossier.receiving_agency)
    )


def readable_agency_ids(actor: User) -> set[int]:
    return identity_permissions.agency_ids_for(actor)


def require_intake(actor: User | None, agency) -> None:
    if actor is None:
        return
    identity_permissions.require_role(actor, agency, [R.RECEIVING_OFFICER], action="tiếp nhận hồ sơ")


# Which actions the status model offers from each status (domain.md §4.1); the permission table then
# decides which of them this officer may take. Pages show exactly these, and the services check again.
OFFERED_BY_STATUS: dict[int, tuple[str, ...]] = {
    Status.SUBMITTED: ("accept", "request_supplement", "refuse"),
    Status.RECEIVED: ("forward", "request_supplement", "request_payment", "stop", "withdraw", "apologise"),
    Status.PROCESSING: (
        "forward",
        "send_back",
        "finish",
        "request_supplement",
        "request_payment",
        "stop",
        "withdraw",
        "apologise",
    ),
    Status.SUPPLEMENT_REQUESTED: ("receive_supplement", "expire_supplement", "withdraw"),
    Status.FINANCIAL_OBLIGATION: ("record_payment", "withdraw"),
    Status.STOPPED: ("resume",),
    Status.WITHDRAWN: ("finish",),
    Status.FINISHED: ("return_result",),
}


def allowed_actions(
    actor: User, dossier: Dossier, *, step_role: str | None, is_last_steps: bool
) -> list[str]:
    """The actions this officer may take on this dossier now, in the order a page should offer them."""
    result = []
    for action in OFFERED_BY_STATUS.get(dossier.status, ()):
        if action == "request_supplement" and dossier.supplement_requests >= 1:
            continue
        if action == "apologise" and (dossier.due_at is None or dossier.new_due_at is not None):
            continue
        if action == "resume" and dossier.stopped_final:
            continue
        if action == "finish" and dossier.status == Status.PROCESSING and not is_last_steps:
            continue
        if action == "forward" and dossier.status == Status.PROCESSING and is_last_steps:
            continue
        try:
            require_action(actor, dossier, action, step_role=step_role)
        except (PermissionDenied, NotFound):
            continue
        result.append(action)
    return result
