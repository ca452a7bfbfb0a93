"""Reactions that join two case domains (siblings that may not import each other), run by the outbox
dispatcher: a fee paid online ends the dossier's financial-obligation pause (status 6 → previous)."""

from __future__ import annotations

from congso.core.errors import DomainError
from congso.dossiers import services as dossier_services
from congso.dossiers.choices import Status
from congso.dossiers.models import Dossier
from congso.outbox.registry import handles


@handles("payments.paid")
def resume_after_payment(event: dict) -> None:
    """Idempotent: only a dossier still waiting for its fees moves; a repeated event changes nothing."""
    code = event.get("dossier_code") or ""
    dossier = Dossier.objects.filter(code=code).only("status").first()
    if dossier is None or dossier.status != Status.FINANCIAL_OBLIGATION:
        return
    try:
        dossier_services.act(
            actor=None,
            code=code,
            action="record_payment",
            reason="Đã thanh toán trực tuyến phí, lệ phí (nền tảng thanh toán)",
        )
    except DomainError:
        return  # the dossier moved on meanwhile (withdrawn, …): nothing to resume
