"""Nộp hồ sơ trực tuyến (/nop-ho-so/<procedure code>/): the form built from the procedure's
components, a draft saved at every post, then the submission (status 1 with its code) and its
confirmation: a page, a PDF, an e-mail; SMS and Zalo follow from the outbox (integration.notify).

Decree 45/2020/NĐ-CP: the applicant fills the e-form, attaches the components as electronic files
and gets the dossier code at once. Decree 42/2022/NĐ-CP sets, per agency, whether a procedure is
offered online at all: a procedure without an online channel says so instead of showing a form.

Every post first saves the draft and the files that passed the checks, so a refused file (too
large, not a PDF/JPEG/PNG) or a junk value never loses what was already there. The draft's token is
a one-time form token: a repeated submit (double click, refresh) finds the dossier it already
created and shows the same receipt.
"""

from __future__ import annotations

import logging

from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from congso.catalog.models import AgencyProcedure
from congso.catalog.selectors import current_version
from congso.core import clock
from congso.core.errors import InvalidInput, NotFound
from congso.documents import uploads
from congso.dossiers import citizen
from congso.dossiers.printing import lookup_url
from congso.identity.models import Agency
from congso.identity.services import find_or_create_applicant
from congso.portal.accounts import citizen_required
from congso.portal.forms_submit import SubmitForm, component_field
from congso.portal.models import SubmissionDraft

log = logging.getLogger("congso.portal.submit")
EXPIRED = "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng kiểm tra lại thông tin và gửi lại."


def _offerings(version) -> list[Agency]:
    rows = (
        AgencyProcedure.objects.filter(procedure=version.procedure, active=True, agency__active=True)
        .select_related("agency")
        .order_by("agency__name")
    )
    return [row.agency for row in rows]


def _open_draft(request: HttpRequest, code: str) -> SubmissionDraft:
    draft = (
        SubmissionDraft.objects.filter(user=request.user, procedure_code=code, dossier_code="")
        .order_by("-id")
        .first()
    )
    if draft is None:
        applicant = request.applicant
        draft = SubmissionDraft.objects.create(
            user=request.user,
            procedure_code=code,
            contact={"phone": applicant.phone, "email": applicant.email, "address": applicant.address},
        )
    return draft


def _receipt(code: str) -> HttpResponse:
    return redirect(reverse("portal:submitted", args=[code]))


@citizen_required
@require_http_methods(["GET", "HEAD", "POST"])
def submit_view(request: HttpRequest, code: str) -> HttpResponse:
    try:
        version = current_version(code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    code = version.procedure.code
    agencies = _offerings(version)
    if version.online_submission is False or not agencies:
        return render(
            request, "portal/submit_unavailable.html", {"version": version, "offered": bool(agencies)}
        )
    documents = sorted(version.documents.all(), key=lambda d: d.order)
    cases = citizen.cases_of(documents)
    error = ""
    draft = None
    if request.method == "POST":
        token = (request.POST.get("token") or "")[:64]
        draft = SubmissionDraft.objects.filter(user=request.user, procedure_code=code, token=token).first()
        if draft is not None and draft.dossier_code:
            return _receipt(draft.dossier_code)  # the same form posted again: no second dossier
        if draft is None:
            error = EXPIRED
    if draft is None:
        draft = _open_draft(request, code)
    initial = {**draft.contact, "agency": draft.agency_id or "", "case": draft.case, "summary": draft.summary}
    if len(agencies) == 1 and not draft.agency_id:
        initial["agency"] = agencies[0].id
    posted = request.method == "POST" and not error
    form = SubmitForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        initial=initial,
        agencies=[(a.id, a.name) for a in agencies],
        cases=cases,
        documents=documents,
    )
    saved = False
    if posted:
        form.is_valid()  # each valid value is kept even when another one is wrong
        with transaction.atomic():
            draft = SubmissionDraft.objects.select_for_update().get(pk=draft.pk)
            if draft.dossier_code:
                return _receipt(draft.dossier_code)
            _save_draft(request, draft, form, documents)
        saved = True
        if request.POST.get("action") == "submit" and not form.errors:
            response = _submit(request, draft, form, documents)
            if response is not None:
                return response
    files = uploads.loose_files(request.user, draft.files.values())
    groups: dict[str, list] = {}
    for doc in documents:
        stored = files.get(draft.files.get(str(doc.order), ""))
        groups.setdefault(doc.group or "", []).append((doc, form[component_field(doc)], stored))
    context = {
        "version": version,
        "form": form,
        "draft": draft,
        "groups": groups,
        "saved": saved and not form.errors,
        "error": error or ("Vui lòng sửa các mục được đánh dấu bên dưới." if form.errors else ""),
        "max_mb": uploads.MAX_UPLOAD_MB,
    }
    status = 400 if (error or form.errors) else 200
    return render(request, "portal/submit_form.html", context, status=status)


def _save_draft(request: HttpRequest, draft: SubmissionDraft, form: SubmitForm, documents) -> None:
    data, errors = form.cleaned_data, form.errors
    if "agency" not in errors:
        draft.agency_id = int(data["agency"]) if data.get("agency") else None
    if "case" in form.fields and "case" not in errors:
        draft.case = data.get("case") or ""
    for name in ("phone", "email", "address"):
        if name not in errors:
            draft.contact[name] = data.get(name) or ""
    if "summary" not in errors:
        draft.summary = data.get("summary") or ""
    for doc in documents:
        name = component_field(doc)
        upload = data.get(name) if name not in errors else None
        if not upload:
            continue
        try:
            stored = uploads.store_upload(
                owner=request.user, filename=upload.name, stream=upload, size=upload.size
            )
        except InvalidInput as exc:
            form.add_error(name, exc.message)
            continue
        previous = uploads.loose_files(request.user, [draft.files.get(str(doc.order), "")])
        draft.files[str(doc.order)] = stored.public_id
        for old in previous.values():
            uploads.discard(old)
    draft.save()


def _submit(request: HttpRequest, draft: SubmissionDraft, form: SubmitForm, documents) -> HttpResponse | None:
    if not draft.agency_id:
        form.add_error("agency", "Vui lòng chọn cơ quan giải quyết.")
    if not draft.contact.get("phone"):
        form.add_error("phone", "Vui lòng nhập số điện thoại để nhận thông báo về hồ sơ.")
    if form.errors:
        return None
    loose = uploads.loose_files(request.user, draft.files.values())
    files_by_component: dict[str, list] = {}
    for doc in documents:
        stored = loose.get(draft.files.get(str(doc.order), ""))
        if stored is not None:
            files_by_component.setdefault(doc.name, []).append(stored)
    applicant = request.applicant
    try:
        with transaction.atomic():
            locked = SubmissionDraft.objects.select_for_update().get(pk=draft.pk)
            if locked.dossier_code:
                return _receipt(locked.dossier_code)
            find_or_create_applicant(
                full_name=applicant.full_name,
                id_number=applicant.id_number,
                id_kind=applicant.id_kind,
                phone=locked.contact.get("phone", ""),
                email=locked.contact.get("email", ""),
                address=locked.contact.get("address", ""),
                user=request.user,
            )
            dossier = citizen.submit_with_files(
                user=request.user,
                agency=locked.agency,
                procedure_code=locked.procedure_code,
                files_by_component=files_by_component,
                summary=locked.summary,
                case=locked.case,
            )
            locked.dossier_code = dossier.code
            locked.save(update_fields=["dossier_code", "updated_at"])
            email = locked.contact.get("email", "")
            transaction.on_commit(lambda: _confirm_by_email(dossier, email))
    except InvalidInput as exc:
        by_name = {doc.name: component_field(doc) for doc in documents}
        for key in exc.fields:
            if key in by_name:
                form.add_error(by_name[key], "Vui lòng tải lên giấy tờ này (bắt buộc).")
            elif key in form.fields:
                form.add_error(key, exc.message)
        form.add_error(None, exc.message)
        return None
    return _receipt(dossier.code)


def _confirm_by_email(dossier, email: str) -> None:
    if not email:
        return
    moment = clock.local(dossier.submitted_at).strftime("%H:%M %d/%m/%Y")
    body = (
        f"Kính gửi Ông/Bà {dossier.applicant.full_name},\n\n"
        f"Hồ sơ của Ông/Bà đã được nộp trực tuyến lúc {moment}.\n"
        f"Mã hồ sơ: {dossier.code}\n"
        f"Thủ tục: {dossier.procedure_version.name}\n"
        f"Cơ quan giải quyết: {dossier.agency.name}\n\n"
        "Hồ sơ đang chờ cơ quan kiểm tra và tiếp nhận; thời hạn giải quyết tính từ khi hồ sơ được tiếp nhận.\n"
        f"Tra cứu tình trạng hồ sơ: {lookup_url(dossier.code)}\n"
    )
    try:
        send_mail(f"Xác nhận nộp hồ sơ trực tuyến {dossier.code}", body, None, [email])
    except Exception:  # the dossier is submitted; a mail server problem must not turn it into an error
        log.exception("confirmation e-mail for %s not sent", dossier.code)
