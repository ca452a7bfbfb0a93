"""Thanh toán phí, lệ phí: the citizen pays a dossier's fees online (the national payment platform,
a fake in the demo) or by VietQR transfer, and downloads the e-receipts (domain.md §8).

Who may see a dossier's fees: whoever proves the dossier code AND the phone or identity number given
at submission, exactly as on the lookup page (`public_lookup`, same throttle). The proof is kept as a
short-lived flag in the session (20 minutes, per code), so paying, coming back from the gateway,
downloading a receipt and rating do not ask for the number again, and a shared link alone shows
nothing. The gateway's CONFIRM (`/thanh-toan/ket-qua/`) is authenticated by its MaXacThuc instead.
"""

from __future__ import annotations

import time
from importlib import import_module
from types import ModuleType
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.csrf import csrf_exempt

from congso.core.errors import DomainError
from congso.dossiers.choices import Status
from congso.dossiers.models import Dossier
from congso.dossiers.selectors import public_lookup
from congso.payments import selectors as fees
from congso.payments import services as payments
from congso.payments import vietqr
from congso.payments.choices import PAYABLE, FeeState, When
from congso.payments.models import FeeObligation
from congso.payments.receipts import render_receipt
from congso.portal.lookup import _client, _fail, _throttled

# portal and integration are siblings on the surfaces row (import-linter forbids a static import),
# so the portal reaches the payment adapter the way Django reaches EMAIL_BACKEND: a dotted path in a
# setting, resolved at run time. The module offers begin_online_payment, handle_confirm, get_gateway
# and GatewayError (congso/integration/payment/__init__.py).
PAYMENT_ADAPTER = "congso.integration.payment"
SESSION_KEY = "portal_dossiers"
PROOF_SECONDS = 20 * 60
# No fee is collected for a dossier that was refused, withdrawn or stopped.
CLOSED = {Status.REFUSED, Status.WITHDRAWN, Status.STOPPED}


class ProofForm(forms.Form):
    secret = forms.CharField(label="Số điện thoại hoặc số định danh của người nộp", max_length=20)


def payment_adapter() -> ModuleType:
    return import_module(str(getattr(settings, "CONGSO_PAYMENT_ADAPTER", PAYMENT_ADAPTER)))


# --- proof of ownership, shared with rating.py ---------------------------------------------------


def _code(code: str) -> str:
    # Printable characters only: a NUL from a crafted URL must not reach PostgreSQL (it refuses it).
    return "".join(ch for ch in (code or "") if ch.isprintable()).strip().upper()[:60]


def proven_dossier(request, code: str) -> Dossier | None:
    proofs = request.session.get(SESSION_KEY) or {}
    expires = proofs.get(_code(code)) if isinstance(proofs, dict) else None
    if not isinstance(expires, int | float) or expires < time.time():
        return None
    return (
        Dossier.objects.select_related("applicant", "agency", "procedure_version")
        .filter(code=_code(code))
        .first()
    )


def prove(request, code: str) -> tuple[Dossier | None, ProofForm, str]:
    """Check the POSTed phone / identity number for `code`; remember a success in the session."""
    form = ProofForm(request.POST or None)
    if request.method != "POST" or not form.is_valid():
        return None, form, ""
    client = _client(request)
    if _throttled(_code(code), client):
        return None, form, "Bạn đã nhập sai quá nhiều lần. Vui lòng thử lại sau một giờ."
    dossier = public_lookup(_code(code), form.cleaned_data["secret"])
    if dossier is None:
        _fail(_code(code), client)
        return None, form, "Số điện thoại hoặc số định danh không khớp với hồ sơ này."
    remember_proof(request, dossier.code)
    return dossier, form, ""


def remember_proof(request, code: str) -> None:
    """The citizen proved they own `code` (here or on the lookup page): keep it for a short while."""
    proofs = request.session.get(SESSION_KEY)
    proofs = {k: v for k, v in proofs.items() if v > time.time()} if isinstance(proofs, dict) else {}
    proofs[code] = time.time() + PROOF_SECONDS
    request.session[SESSION_KEY] = proofs


def proof_page(request, code: str, *, purpose: str, form: ProofForm, error: str = ""):
    return render(
        request,
        "portal/payment_auth.html",
        {"code": _code(code), "form": form, "error": error, "purpose": purpose},
    )


# --- fees page -------------------------------------------------------------------------------------


def fees_page(request, code: str):
    dossier = proven_dossier(request, code)
    if dossier is None:
        dossier, form, error = prove(request, code)
        if dossier is None:
            return proof_page(request, code, purpose="xem và thanh toán phí, lệ phí", form=form, error=error)
        return redirect("portal:payment", code=dossier.code)
    error = ""
    if request.method == "POST":
        try:
            return _pay(request, dossier)
        except (DomainError, payment_adapter().GatewayError) as exc:
            error = exc.message
    return render(request, "portal/payment_fees.html", _fees_context(dossier, error=error))


def _fees_context(dossier: Dossier, *, error: str = "") -> dict:
    obligations = fees.obligations_for_dossier(province_code=dossier.province_code, dossier_code=dossier.code)
    preview = list(dossier.procedure_version.fees.all()) if not obligations else []
    return {
        "dossier": dossier,
        "obligations": obligations,
        "preview": preview,
        "closed": dossier.status in CLOSED,
        "payable": [o for o in obligations if o.state in PAYABLE],
        "error": error,
        "rating_open": dossier.status == Status.RETURNED,
    }


def _open(dossier: Dossier) -> FeeObligation:
    """The portal composes dossiers and payments: it passes the dossier's facts (payments never
    imports dossiers). Fees asked while the dossier awaits acceptance are 'before' it."""
    return payments.open_obligation(
        province_code=dossier.province_code,
        dossier_code=dossier.code,
        dossier_id=dossier.pk,
        procedure_code=dossier.procedure_code,
        procedure_version_id=dossier.procedure_version_id,
        payer_name=dossier.applicant.full_name,
        agency_name=dossier.agency.name,
        procedure_name=dossier.procedure_version.name,
        when=When.BEFORE if dossier.status == Status.SUBMITTED else When.AFTER,
    )


def _pay(request, dossier: Dossier):
    if dossier.status in CLOSED:
        raise DomainError("closed", "Hồ sơ đã kết thúc nên không thu phí, lệ phí.")
    method = request.POST.get("method", "")
    if method not in ("truc-tuyen", "vietqr"):
        raise DomainError("bad_method", "Vui lòng chọn hình thức thanh toán.")
    obligation = _open(dossier)
    if obligation.state not in PAYABLE:
        return redirect("portal:payment", code=dossier.code)
    if method == "vietqr":
        return redirect("portal:payment_vietqr", code=dossier.code)
    _attempt, url = payment_adapter().begin_online_payment(
        obligation_id=obligation.pk, client_ip=_client(request)
    )
    return redirect(url)


# --- VietQR ----------------------------------------------------------------------------------------


def beneficiary() -> vietqr.Beneficiary:
    # The collecting account (the treasury's or the agency's); demo values unless set in settings.
    return vietqr.Beneficiary(
        bank_bin=str(getattr(settings, "CONGSO_VIETQR_BANK_BIN", "970405")),
        account=str(getattr(settings, "CONGSO_VIETQR_ACCOUNT", "3701205012345")),
        name=str(getattr(settings, "CONGSO_VIETQR_ACCOUNT_NAME", "KHO BAC NHA NUOC KHANH HOA")),
    )


def vietqr_page(request, code: str):
    dossier = proven_dossier(request, code)
    if dossier is None:
        return redirect("portal:payment", code=_code(code))
    obligation = next(
        (
            o
            for o in fees.obligations_for_dossier(
                province_code=dossier.province_code, dossier_code=dossier.code
            )
            if o.state in PAYABLE
        ),
        None,
    )
    if obligation is None:
        return redirect("portal:payment", code=dossier.code)
    account = beneficiary()
    payload = vietqr.build_payload(
        account, amount_vnd=obligation.total_vnd, purpose=vietqr.purpose_for(dossier.code)
    )
    return render(
        request,
        "portal/payment_vietqr.html",
        {
            "dossier": dossier,
            "obligation": obligation,
            "account": account,
            "payload": payload,
            "purpose": vietqr.purpose_for(dossier.code),
            "svg": mark_safe(vietqr.qr_svg(payload)),  # noqa: S308 — segno's own SVG, no user text in markup
        },
    )


# --- receipts --------------------------------------------------------------------------------------


def receipt_download(request, code: str, number: str):
    dossier = proven_dossier(request, code)
    receipt = (
        fees.receipt_for(province_code=dossier.province_code, dossier_code=dossier.code, number=number)
        if dossier is not None
        else None
    )
    if receipt is None:
        return render(request, "portal/payment_result.html", {"missing": True}, status=404)
    response = HttpResponse(render_receipt(receipt), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-lai-{receipt.number}.pdf"'
    return response


# --- the fake platform's page and the CONFIRM endpoint ----------------------------------------------


def fake_gateway_page(request, ref: str):
    """Stands in for the platform's own page (demo and tests only: get_gateway() is the fake)."""
    gateway = payment_adapter().get_gateway()
    session = getattr(gateway, "session", lambda _ref: None)(ref[:40])
    if session is None:
        return render(request, "portal/payment_result.html", {"missing": True}, status=404)
    if request.method == "POST" and request.POST.get("choice") in ("success", "failed", "cancelled"):
        confirm = gateway.complete(ref[:40], request.POST["choice"])  # type: ignore[attr-defined]
        return redirect(f"/thanh-toan/ket-qua/?{urlencode(confirm)}")
    init = session["init"]
    return render(
        request,
        "portal/payment_fake.html",
        {
            "ref": ref,
            "init": init,
            "amount": int(init["SoTien"]),
            "bill": init.get("ThongTinBienLai", {}),
            "done": session["status"] != "pending",
        },
    )


@csrf_exempt  # the platform calls this server to server; MaXacThuc authenticates it, not a cookie
def confirm_endpoint(request):
    """CONFIRM: a POST from the platform gets the signed JSON reply (MaLoi + MaXacThuc); the citizen's
    browser returning with the same fields (GET) gets a page. Either way it is applied once."""
    params = request.POST if request.method == "POST" else request.GET
    settlement, reply = payment_adapter().handle_confirm({k: params.get(k, "") for k in params})
    if request.method == "POST":
        return JsonResponse(reply)
    attempt = settlement.attempt
    return render(
        request,
        "portal/payment_result.html",
        {
            "settlement": settlement,
            "paid": attempt is not None and attempt.obligation.state == FeeState.PAID,
            "code": attempt.obligation.dossier_code if attempt is not None else "",
        },
    )
