"""Hồ sơ của tôi: the citizen's own dossiers, each with its status, due date and history; the answer
to a supplement request; the confirmation after submitting; and the files, which are never on a
static URL. Someone else's dossier or file gets the same 404 as one that does not exist."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from congso.core.errors import Conflict, DomainError, InvalidInput, NotFound
from congso.documents import uploads
from congso.documents.models import StoredFile, UploadPurpose
from congso.dossiers import citizen
from congso.dossiers.models import Dossier
from congso.dossiers.printing import receipt_for
from congso.dossiers.selectors import dossier_for, timeline
from congso.dossiers.submission_receipt import submission_receipt_for
from congso.portal.accounts import SIGN_IN_URL, citizen_required
from congso.portal.forms_submit import SupplementForm

PAGE_SIZE = 50


def _mine(request: HttpRequest, code: str) -> Dossier:
    try:
        return citizen.my_dossier(request.user, code)
    except NotFound as exc:
        raise Http404(exc.message) from exc


@citizen_required
@require_GET
def my_list(request: HttpRequest) -> HttpResponse:
    dossiers = list(citizen.my_dossiers(request.user)[:PAGE_SIZE])
    return render(request, "portal/my_list.html", {"dossiers": dossiers})


def _detail_context(request: HttpRequest, dossier: Dossier, form: SupplementForm | None = None) -> dict:
    pause = citizen.open_supplement(dossier)
    files = list(citizen.attachments(dossier))
    answered = [
        f
        for f in files
        if pause and f.purpose == UploadPurpose.SUPPLEMENT and f.attached_at >= pause.requested_at
    ]
    if pause is not None and form is None:
        form = SupplementForm(items=[str(i) for i in pause.items])
    steps = [e for e in timeline(dossier) if e.from_status != e.to_status or e.from_status is None]
    return {
        "dossier": dossier,
        "steps": steps,
        "pause": pause,
        "supplement_form": form,
        "supplement_fields": [form[f"bs_{i}"] for i in range(len(form.items))] if form else [],
        "answered": answered,
        "attachments": files,
        "max_mb": uploads.MAX_UPLOAD_MB,
    }


@citizen_required
@require_GET
def my_dossier(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _mine(request, code)
    context = _detail_context(request, dossier)
    context["sent"] = request.GET.get("da_gui") == "1"
    return render(request, "portal/my_dossier.html", context)


@citizen_required
@require_GET
def submitted(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _mine(request, code)
    files = list(citizen.attachments(dossier))
    return render(request, "portal/submit_done.html", {"dossier": dossier, "attachments": files})


@citizen_required
@require_POST
def answer_supplement(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _mine(request, code)
    pause = citizen.open_supplement(dossier)
    if pause is None:
        context = _detail_context(request, dossier)
        context["error"] = "Hồ sơ không còn ở trạng thái chờ bổ sung."
        return render(request, "portal/my_dossier.html", context, status=409)
    items = [str(i) for i in pause.items]
    form = SupplementForm(request.POST, request.FILES, items=items)
    stored: dict[str, list[StoredFile]] = {}
    if form.is_valid():
        for i, item in enumerate(items):
            upload = form.cleaned_data.get(f"bs_{i}")
            if not upload:
                continue
            try:
                stored.setdefault(item, []).append(
                    uploads.store_upload(
                        owner=request.user, filename=upload.name, stream=upload, size=upload.size
                    )
                )
            except InvalidInput as exc:
                form.add_error(f"bs_{i}", exc.message)
    if not form.errors:
        try:
            citizen.answer_supplement(user=request.user, code=dossier.code, files=stored)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect(reverse("portal:my_dossier", args=[dossier.code]) + "?da_gui=1")
    # Nothing is half-sent: the files that passed are forgotten and the citizen chooses again.
    for files in stored.values():
        for f in files:
            uploads.discard(f)
    context = _detail_context(request, dossier, form)
    context["error"] = "Chưa gửi được hồ sơ bổ sung. Vui lòng xem các mục được đánh dấu bên dưới."
    return render(request, "portal/my_dossier.html", context, status=400)


@citizen_required
@require_GET
def receipt_pdf(request: HttpRequest, code: str) -> HttpResponse:
    """Form 01 once the dossier is received; before that, the online submission confirmation."""
    dossier = _mine(request, code)
    try:
        if dossier.received_at is not None:
            pdf, name = receipt_for(dossier), f"giay-tiep-nhan-{dossier.code}.pdf"
        else:
            files = [(f.component, f.original_name) for f in citizen.attachments(dossier)]
            pdf, name = submission_receipt_for(dossier, files), f"xac-nhan-nop-{dossier.code}.pdf"
    except Conflict as exc:
        raise Http404(exc.message) from exc
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _may_read(user, stored: StoredFile) -> bool:
    if stored.owner_id == user.pk:
        return True
    if not stored.subject.startswith("dossier:"):
        return False  # a draft's loose file is its owner's only
    code = stored.subject.removeprefix("dossier:")
    if Dossier.objects.filter(code=code, applicant__user=user).exists():
        return True
    try:
        dossier_for(user, code)  # officers: the dossier permissions decide
    except NotFound:
        return False
    return True


@never_cache
@require_http_methods(["GET", "HEAD"])
def file_view(request: HttpRequest, public_id: str) -> HttpResponse:
    """Stream an uploaded file to its owner, to the dossier's citizen or to an officer who may read
    the dossier. The type is the one detected at upload; the browser is told not to sniff another."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path(), SIGN_IN_URL)
    try:
        stored = uploads.get_file(public_id)
        if not _may_read(request.user, stored):
            raise NotFound(*uploads.FILE_NOT_FOUND)
        handle = uploads.open_file(stored)
    except (NotFound, Conflict) as exc:
        raise Http404(exc.message) from exc
    response = FileResponse(handle, content_type=stored.content_type, filename=uploads.download_name(stored))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox"
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
