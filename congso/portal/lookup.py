"""Tra cứu hồ sơ: anyone with the dossier code and the phone or identity number given at submission
sees the dossier's progress. Nothing personal is shown for a code alone, and guessing is throttled."""

from __future__ import annotations

from django import forms
from django.core.cache import cache
from django.shortcuts import render

from congso.dossiers.choices import Status
from congso.dossiers.selectors import public_lookup, timeline

MAX_FAILURES = 10  # per code and per client address, per hour
WINDOW = 3600


class LookupForm(forms.Form):
    code = forms.CharField(label="Mã hồ sơ", max_length=60)
    secret = forms.CharField(label="Số điện thoại hoặc số định danh của người nộp", max_length=20)


def _client(request) -> str:
    return request.META.get("REMOTE_ADDR", "?")


def _throttled(code: str, client: str) -> bool:
    return any(
        (cache.get(key) or 0) >= MAX_FAILURES for key in (f"lookup:code:{code}", f"lookup:ip:{client}")
    )


def _fail(code: str, client: str) -> None:
    for key in (f"lookup:code:{code}", f"lookup:ip:{client}"):
        cache.add(key, 0, WINDOW)
        cache.incr(key)


def lookup(request, code: str = ""):
    form = LookupForm(request.POST or None, initial={"code": code})
    dossier, error = None, ""
    if request.method == "POST" and form.is_valid():
        wanted = form.cleaned_data["code"].strip().upper()
        client = _client(request)
        if _throttled(wanted, client):
            error = (
                "Bạn đã tra cứu sai quá nhiều lần. Vui lòng thử lại sau một giờ hoặc liên hệ bộ phận một cửa."
            )
        else:
            dossier = public_lookup(wanted, form.cleaned_data["secret"])
            if dossier is not None:
                from congso.portal.payment import remember_proof  # payment imports this module's throttle

                remember_proof(request, dossier.code)  # so paying and rating need no second proof
            if dossier is None:
                _fail(wanted, client)
                error = (
                    "Không tìm thấy hồ sơ với mã và số điện thoại / số định danh này. "
                    "Vui lòng kiểm tra lại thông tin trên giấy tiếp nhận."
                )
    steps = []
    if dossier is not None:
        steps = [e for e in timeline(dossier) if e.from_status != e.to_status or e.from_status is None]
    return render(
        request,
        "portal/lookup.html",
        {
            "form": form,
            "dossier": dossier,
            "error": error,
            "steps": steps,
            "done": dossier is not None and dossier.status in (Status.FINISHED, Status.RETURNED),
        },
        status=200,
    )
