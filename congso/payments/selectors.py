"""Reads of the payment domain, with their joins spelled out (architecture.md principle 3)."""

from __future__ import annotations

from datetime import datetime

from django.db.models import QuerySet

from congso.payments.choices import AttemptState, FeeState
from congso.payments.models import FeeObligation, PaymentAttempt, PaymentTransaction, Receipt


def obligations_for_dossier(*, province_code: str, dossier_code: str) -> list[FeeObligation]:
    """The dossier's live obligations (cancelled ones left out), lines and receipts prefetched."""
    return list(
        FeeObligation.objects.filter(province_code=province_code, dossier_code=dossier_code)
        .exclude(state=FeeState.CANCELLED)
        .prefetch_related("lines", "receipts")
        .order_by("opened_at", "id")
    )


def attempt_by_reference(reference: str) -> PaymentAttempt | None:
    return PaymentAttempt.objects.select_related("obligation").filter(reference=reference[:40]).first()


def pending_attempts(*, created_before: datetime, gateway: str | None = None) -> QuerySet[PaymentAttempt]:
    """Attempts still waiting for a result, oldest first: the reconciler's work list."""
    rows = PaymentAttempt.objects.filter(state=AttemptState.PENDING, created_at__lt=created_before)
    if gateway:
        rows = rows.filter(gateway=gateway)
    return rows.select_related("obligation").order_by("created_at", "id")


def receipt_for(*, province_code: str, dossier_code: str, number: str) -> Receipt | None:
    return (
        Receipt.objects.select_related("obligation")
        .filter(province_code=province_code, dossier_code=dossier_code, number=number[:40])
        .first()
    )


def transactions_of(attempt: PaymentAttempt) -> list[PaymentTransaction]:
    return list(attempt.transactions.order_by("id"))
