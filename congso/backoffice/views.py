"""Officer pages of the one-stop shop: the inbox, counter intake, a dossier with its actions and history.

Thin views: parse a form, call one selector or service, render. Every domain error becomes a Vietnamese
message on the page; nothing already saved is lost (a failed action changes nothing).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponseForbidden
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from congso.catalog.models import AgencyProcedure
from congso.core import clock
from congso.core.errors import DomainError, InvalidInput, NotFound
from congso.documents import uploads
from congso.dossiers import alerts, citizen, inbox, printing, selectors, services
from congso.dossiers import permissions as dossier_permissions
from congso.identity import permissions as identity_permissions
from congso.identity import services as identity_services
from congso.identity.choices import Role
from congso.identity.models import Agency, Officer
from congso.places.models import Commune

from .forms import ACTION_LABELS, PARAMS, ActionForm, InboxFilterForm, IntakeForm


def officer_required(view):
    @login_required
    def wrapped(request, *args, **kwargs):
        if not identity_permissions.grants_of(request.user):
            return HttpResponseForbidden(render(request, "backoffice/forbidden.html", status=403).content)
        return view(request, *args, **kwargs)

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


@officer_required
def inbox_view(request):
    queue = request.GET.get("hang", "cua_toi")
    if queue not in inbox.QUEUES:
        queue = "cua_toi"
    communes = Commune.objects.filter(province__code=settings.CONGSO_PROVINCE_CODE, era="current").order_by(
        "name"
    )
    form = InboxFilterForm(request.GET or None, communes=communes)
    filters = (
        inbox.Filters(**{k: v for k, v in form.cleaned_data.items() if v})
        if form.is_valid()
        else inbox.Filters()
    )
    page = Paginator(inbox.dossiers_in(request.user, queue, filters), 25).get_page(request.GET.get("trang"))
    return render(
        request,
        "backoffice/inbox.html",
        {
            "queues": inbox.QUEUES,
            "queue": queue,
            "counts": inbox.counts(request.user),
            "form": form,
            "page": page,
            "now": clock.now(),
        },
    )


def _intake_agencies(user) -> list[Agency]:
    ids = {g.agency_id for g in identity_permissions.grants_of(user) if g.role == Role.RECEIVING_OFFICER}
    return list(Agency.objects.filter(id__in=ids).order_by("name"))


@officer_required
def intake_view(request):
    agencies = _intake_agencies(request.user)
    if not agencies:
        messages.error(request, "Bạn không có vai trò cán bộ tiếp nhận ở cơ quan nào.")
        return redirect("backoffice:inbox")
    agency = next((a for a in agencies if str(a.id) == request.GET.get("co_quan", "")), agencies[0])
    code = request.POST.get("procedure") or request.GET.get("thu_tuc", "")
    offering = (
        AgencyProcedure.objects.select_related("procedure__current_version")
        .filter(agency=agency, procedure__code=code, active=True)
        .first()
        if code
        else None
    )
    if offering is None:
        offered = (
            AgencyProcedure.objects.filter(agency=agency, active=True)
            .select_related("procedure__current_version")
            .order_by("procedure__code")
        )
        return render(
            request,
            "backoffice/intake_choose.html",
            {"agencies": agencies, "agency": agency, "offered": offered, "code": code},
        )
    version = offering.procedure.current_version
    documents = [d.name for d in version.documents.all().order_by("order")][:40]
    form = IntakeForm(request.POST or None, documents=documents, initial={"procedure": code})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if data["missing_documents"]:
            form.add_error(
                None,
                "Hồ sơ chưa đủ thành phần: "
                + "; ".join(data["missing_documents"][:5])
                + ". Hãy hướng dẫn công dân bổ sung (một lần, đầy đủ) trước khi tiếp nhận.",
            )
        else:
            try:
                with transaction.atomic():  # applicant, dossier and scans land together or not at all
                    applicant = identity_services.find_or_create_applicant(
                        full_name=data["full_name"],
                        id_number=data["id_number"],
                        kind=data["kind"],
                        id_kind=data["id_kind"],
                        phone=data["phone"],
                        email=data["email"],
                        address=data["address"],
                    )
                    scans = _store_scans(request, documents)
                    dossier = services.receive_at_counter(
                        actor=request.user,
                        agency=agency,
                        procedure_code=code,
                        applicant=applicant,
                        channel=data["channel"],
                        summary=data["summary"],
                    )
                    for component, stored in scans:
                        uploads.attach(
                            stored,
                            owner=request.user,
                            subject=citizen.subject_of(dossier.code),
                            component=component,
                            purpose="submission",
                        )
            except DomainError as exc:
                form.add_error(None, exc.message)
                for field, text in exc.fields.items():
                    if field in form.fields:
                        form.add_error(field, text)
            else:
                messages.success(request, f"Đã tiếp nhận hồ sơ {dossier.code}. Hẹn trả kết quả đã được tính.")
                return redirect("backoffice:dossier", code=dossier.code)
    return render(
        request,
        "backoffice/intake.html",
        {"agency": agency, "version": version, "form": form, "code": code, "documents": documents},
    )


def _store_scans(request, documents: list[str]) -> list[tuple[str, object]]:
    """The scanned copies the officer attached at the counter, checked by content (PDF, JPEG, PNG)."""
    scans = []
    for i, name in enumerate(documents):
        upload = request.FILES.get(f"scan_{i}")
        if upload is None:
            continue
        stored = uploads.store_upload(
            owner=request.user, filename=upload.name, stream=upload, size=upload.size
        )
        scans.append((name, stored))
    return scans


@officer_required
def dossier_view(request, code: str):
    try:
        dossier = selectors.dossier_for(request.user, code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    step_role, at_end = selectors.step_roles(dossier)
    actions = dossier_permissions.allowed_actions(
        request.user, dossier, step_role=step_role, is_last_steps=at_end
    )
    officers = []
    if "forward" in actions:
        officers = list(
            Officer.objects.filter(agency=dossier.agency).select_related("user").order_by("user__full_name")
        )
    forms_ = [
        {"name": a, "label": ACTION_LABELS[a], "fields": PARAMS[a], "danger": a in DANGER} for a in actions
    ]
    return render(
        request,
        "backoffice/dossier.html",
        {
            "dossier": dossier,
            "timeline": selectors.timeline_with_durations(dossier),
            "actions": forms_,
            "officers": officers,
            "pauses": dossier.pauses.all(),
            "apologies": dossier.apologies.all(),
            "warning": alerts.step_warning(dossier),
            "attachments": citizen.attachments(dossier),
        },
    )


MAX_RESULT_BYTES = 20 * 1024 * 1024
DANGER = {"refuse", "expire_supplement", "stop", "withdraw"}


@officer_required
@require_POST
def action_view(request, code: str):
    form = ActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Dữ liệu thao tác không hợp lệ; vui lòng tải lại trang.")
        return redirect("backoffice:dossier", code=code)
    action = form.cleaned_data["action"]
    params = form.params()
    if action == "forward" and form.cleaned_data.get("assignee"):
        params["assignee"] = Officer.objects.filter(pk=form.cleaned_data["assignee"]).first()
    upload = request.FILES.get("result") if action == "finish" else None
    try:
        if upload is not None:
            if upload.size > MAX_RESULT_BYTES:
                raise InvalidInput("file_too_large", "Tệp kết quả vượt quá 20 MB.")
            dossier = services.finish_with_signed_result(
                actor=request.user,
                code=code,
                pdf=upload.read(),
                filename=upload.name,
                expected_version=form.cleaned_data["version"],
            )
        else:
            dossier = services.act(
                actor=request.user,
                code=code,
                action=action,
                expected_version=form.cleaned_data["version"],
                **params,
            )
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("backoffice:dossier", code=code)
    messages.success(
        request,
        f"Đã thực hiện: {ACTION_LABELS.get(action, action)}. Trạng thái hiện tại: {dossier.get_status_display()}.",
    )
    return redirect("backoffice:dossier", code=code)


PRINTABLE = {
    "tiep-nhan": ("receipt_for", "Giấy tiếp nhận và hẹn trả kết quả"),
    "bo-sung": ("supplement_request_for", "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ"),
    "tu-choi": ("refusal_for", "Phiếu từ chối tiếp nhận"),
    "xin-loi": ("apology_for", "Phiếu xin lỗi và hẹn lại ngày trả kết quả"),
    "kiem-soat": ("control_slip_for", "Phiếu kiểm soát quá trình giải quyết hồ sơ"),
}


@officer_required
def print_view(request, code: str, form: str):
    """The official form as a PDF, inline so the browser prints it; only for officers who may read the dossier."""
    if form not in PRINTABLE:
        raise Http404("Không có mẫu phiếu này.")
    try:
        dossier = selectors.dossier_for(request.user, code)
        pdf = getattr(printing, PRINTABLE[form][0])(dossier)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("backoffice:dossier", code=code)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{code}-{form}.pdf"'
    return response


BULK_ACTIONS = {"accept": "Tiếp nhận", "forward": "Chuyển bước tiếp theo", "return_result": "Trả kết quả"}


@officer_required
@require_POST
def bulk_view(request):
    """Apply one reason-less action to several dossiers at once; each is its own transaction, so one
    refusal (wrong step, stale page, another agency) never blocks or undoes the others."""
    action = request.POST.get("action", "")
    codes = [c for c in request.POST.getlist("codes") if c][:200]
    back = request.POST.get("back") or "/mot-cua/"
    if not back.startswith("/mot-cua/"):
        back = "/mot-cua/"
    if action not in BULK_ACTIONS or not codes:
        messages.error(request, "Hãy chọn hồ sơ và một thao tác được phép làm hàng loạt.")
        return redirect(back)
    done, failed = [], []
    for code in codes:
        try:
            services.act(actor=request.user, code=code, action=action)
            done.append(code)
        except DomainError as exc:
            failed.append(f"{code}: {exc.message}")
    if done:
        messages.success(request, f"{BULK_ACTIONS[action]}: đã xử lý {len(done)} hồ sơ.")
    for line in failed[:10]:
        messages.error(request, line)
    return redirect(back)
