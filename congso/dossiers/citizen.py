"""The citizen's side of a dossier: submit online with the scanned components, follow one's own
dossiers, answer a supplement request.

Decree 45/2020/NĐ-CP (administrative procedures in the electronic environment): the applicant sends
the dossier's components as electronic files through the portal and the portal gives back the
dossier code at once (status 1, "Mới đăng ký"); the clock starts only when an officer accepts it
(domain.md §4.2, acceptance within 8 working hours). For a supplement, the one-stop unit sends
*one* request listing every missing item, the citizen sends the papers, and the officer — not the
citizen — completes it with `receive_supplement`: the citizen's answer changes no status and moves
no deadline, so nothing here can backdate a dossier.

A dossier belongs to the citizen through its applicant (`Applicant.user`). Someone else's dossier is
answered with the same "not found" as a missing one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.db import transaction
from django.db.models import QuerySet

from congso.catalog.models import RequiredDocument
from congso.catalog.selectors import current_version
from congso.core.errors import Conflict, InvalidInput, NotFound, PermissionDenied
from congso.documents import uploads
from congso.documents.models import StoredFile, UploadPurpose
from congso.dossiers import services
from congso.dossiers.choices import PauseKind, Status
from congso.dossiers.models import Dossier, Pause
from congso.identity.models import Agency, Applicant, User

NOT_FOUND = ("dossier_not_found", "Không tìm thấy hồ sơ.")


def subject_of(code: str) -> str:
    """How `documents` names the dossier a file belongs to (it knows no dossiers)."""
    return f"dossier:{code}"


def applicant_of(user: User) -> Applicant:
    """The citizen's own applicant record (made at registration, or linked by single sign-on)."""
    applicant = None
    if user is not None and user.is_authenticated:
        applicant = Applicant.objects.filter(user=user).order_by("id").first()
    if applicant is None:
        raise PermissionDenied(
            "not_a_citizen", "Tài khoản này chưa được gắn với thông tin công dân nộp hồ sơ."
        )
    return applicant


def my_dossiers(user: User) -> QuerySet[Dossier]:
    return (
        Dossier.objects.filter(applicant__user=user)
        .select_related("agency", "procedure_version")
        .order_by("-id")
    )


def my_dossier(user: User, code: str) -> Dossier:
    dossier = my_dossiers(user).select_related("applicant").filter(code=(code or "")[:60]).first()
    if dossier is None:
        raise NotFound(*NOT_FOUND)
    return dossier


def open_supplement(dossier: Dossier) -> Pause | None:
    """The supplement request the citizen has to answer now, if any."""
    if dossier.status != Status.SUPPLEMENT_REQUESTED:
        return None
    return (
        dossier.pauses.filter(kind=PauseKind.SUPPLEMENT, resumed_at__isnull=True)
        .order_by("-requested_at")
        .first()
    )


def cases_of(documents: Sequence[RequiredDocument]) -> list[str]:
    """The cases (trường hợp) the procedure lists its components under, in source order."""
    seen: list[str] = []
    for doc in documents:
        if doc.group and doc.group not in seen:
            seen.append(doc.group)
    return seen


def required_for(documents: Sequence[RequiredDocument], case: str) -> list[RequiredDocument]:
    """Mandatory components for the chosen case: the common ones and those of the case. With a single
    case there is nothing to choose and all of them count."""
    cases = cases_of(documents)
    return [d for d in documents if d.mandatory and (len(cases) <= 1 or d.group in ("", case))]


@transaction.atomic
def submit_with_files(
    *,
    user: User,
    agency: Agency,
    procedure_code: str,
    files_by_component: Mapping[str, Sequence[StoredFile]],
    summary: str = "",
    case: str = "",
) -> Dossier:
    """Submit the citizen's dossier online (status 1, with its code) and link the uploaded files to
    its components, in one transaction: a refusal leaves the files loose, ready for another try."""
    applicant = applicant_of(user)
    version = current_version(procedure_code)
    documents = sorted(version.documents.all(), key=lambda d: d.order)
    names = {d.name for d in documents}
    unknown = sorted(set(files_by_component) - names)
    if unknown:
        raise InvalidInput("unknown_component", "Tệp được gửi cho thành phần hồ sơ không thuộc thủ tục này.")
    cases = cases_of(documents)
    if len(cases) > 1 and case not in cases:
        raise InvalidInput("case_required", "Vui lòng chọn trường hợp của bạn.", fields={"case": "bắt buộc"})
    missing = [d for d in required_for(documents, case) if not files_by_component.get(d.name)]
    if missing:
        raise InvalidInput(
            "components_missing",
            "Còn thiếu giấy tờ bắt buộc: " + "; ".join(d.name[:120] for d in missing) + ".",
            fields={d.name: "bắt buộc" for d in missing},
        )
    dossier = services.submit_online(
        agency=agency, procedure_code=procedure_code, applicant=applicant, summary=summary
    )
    for name, files in files_by_component.items():
        for stored in files:
            uploads.attach(
                stored,
                owner=user,
                subject=subject_of(dossier.code),
                component=name,
                purpose=UploadPurpose.SUBMISSION,
            )
    return dossier


@transaction.atomic
def answer_supplement(
    *, user: User, code: str, files: Mapping[str, Sequence[StoredFile]]
) -> list[StoredFile]:
    """The citizen sends the papers a supplement request listed. Only the dossier's own citizen, only
    while the request is open, only for the items it listed. The officer then completes the dossier
    (`act(..., "receive_supplement")`), which is when the status and the deadline change."""
    dossier = (
        Dossier.objects.select_for_update(of=("self",))
        .filter(code=(code or "")[:60], applicant__user=user)
        .first()
    )
    if dossier is None:
        raise NotFound(*NOT_FOUND)
    pause = open_supplement(dossier)
    if pause is None:
        raise Conflict("not_waiting_supplement", "Hồ sơ không ở trạng thái chờ bổ sung.")
    items = [str(item) for item in pause.items]
    if set(files) - set(items):
        raise InvalidInput(
            "unknown_supplement_item", "Tệp được gửi cho giấy tờ không có trong yêu cầu bổ sung."
        )
    if not any(files.values()):
        raise InvalidInput(
            "supplement_files_required",
            "Vui lòng chọn ít nhất một tệp giấy tờ bổ sung.",
            fields={"files": "bắt buộc"},
        )
    attached = []
    for item, stored_files in files.items():
        for stored in stored_files:
            attached.append(
                uploads.attach(
                    stored,
                    owner=user,
                    subject=subject_of(dossier.code),
                    component=item,
                    purpose=UploadPurpose.SUPPLEMENT,
                )
            )
    return attached


def attachments(dossier: Dossier) -> QuerySet[StoredFile]:
    """Every file the citizen sent with the dossier, submission first, then supplements."""
    return uploads.files_for(subject_of(dossier.code))
