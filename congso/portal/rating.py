"""Đánh giá mức độ hài lòng: after the result is returned, the citizen rates the dossier once —
Rất hài lòng / Hài lòng / Không hài lòng (domain.md §10; Decision 766/QĐ-TTg counts these).

Ownership is proven as on the payment pages (code + phone / identity number, remembered briefly in
the session; see portal/payment.py)."""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect, render

from congso.core.errors import DomainError
from congso.dossiers.choices import Status
from congso.feedback import services
from congso.feedback.choices import Level
from congso.feedback.selectors import rating_for
from congso.portal.payment import proof_page, prove, proven_dossier


class RatingForm(forms.Form):
    level = forms.TypedChoiceField(
        label="Mức độ hài lòng",
        choices=Level.choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Vui lòng chọn mức độ hài lòng.",
            "invalid_choice": "Vui lòng chọn mức độ hài lòng.",
        },
    )
    comment = forms.CharField(
        label="Ý kiến góp ý (không bắt buộc)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def rating_page(request, code: str):
    dossier = proven_dossier(request, code)
    if dossier is None:
        dossier, form, error = prove(request, code)
        if dossier is None:
            return proof_page(request, code, purpose="đánh giá mức độ hài lòng", form=form, error=error)
        return redirect("portal:rating", code=dossier.code)
    existing = rating_for(province_code=dossier.province_code, dossier_code=dossier.code)
    form = RatingForm(request.POST if request.method == "POST" and existing is None else None)
    error = ""
    if request.method == "POST" and existing is None and dossier.status == Status.RETURNED:
        if form.is_valid():
            try:
                existing = services.rate_dossier(
                    dossier_code=dossier.code,
                    dossier_id=dossier.pk,
                    dossier_status=dossier.status,
                    province_code=dossier.province_code,
                    agency_id=dossier.agency_id,
                    level=form.cleaned_data["level"],
                    comment=form.cleaned_data["comment"],
                )
            except DomainError as exc:
                error = exc.message
                existing = rating_for(province_code=dossier.province_code, dossier_code=dossier.code)
        else:
            error = "Vui lòng chọn mức độ hài lòng."
    return render(
        request,
        "portal/rating.html",
        {
            "dossier": dossier,
            "form": form,
            "rating": existing,
            "returned": dossier.status == Status.RETURNED,
            "error": error,
            "levels": Level.choices,
        },
    )
