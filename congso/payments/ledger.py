"""The bookkeeping under the payment services: append-only rows, state closes, receipts and the
outbox rows, always inside the caller's transaction (domain.md §8)."""

from __future__ import annotations

from congso.core import clock
from congso.core.errors import NotFound
from congso.outbox.services import Message, publish
from congso.payments.choices import AttemptState, FeeState, TxKind
from congso.payments.models import FeeObligation, PaymentAttempt, PaymentTransaction
from congso.payments.receipts import issue_receipts


def succeed(attempt, obligation, *, gateway_txn: str, source: str, payload: dict, code: str = "") -> None:
    close(attempt, AttemptState.SUCCESS, gateway_txn)
    tx(
        attempt,
        TxKind.SUCCESS,
        source,
        amount=attempt.amount_vnd,
        txn=gateway_txn,
        code=code,
        payload=payload,
    )
    obligation.state = FeeState.PAID
    obligation.paid_at = attempt.settled_at
    obligation.paid_by = attempt.gateway
    obligation.save(update_fields=["state", "paid_at", "paid_by", "updated_at"])
    issue_receipts(obligation, attempt)
    publish_paid(obligation, reference=attempt.reference, gateway=attempt.gateway, gateway_txn=gateway_txn)


def publish_paid(obligation: FeeObligation, *, reference: str, gateway: str, gateway_txn: str) -> None:
    publish(
        Message(
            topic="payments.paid",
            aggregate_type="payments.obligation",
            aggregate_id=str(obligation.pk),
            province_code=obligation.province_code,
            payload={
                **about(obligation),
                "amount_vnd": obligation.total_vnd,
                "exempt": obligation.exempt,
                "reference": reference,
                "gateway": gateway,
                "gateway_txn": gateway_txn,
            },
        )
    )


def about(obligation: FeeObligation) -> dict:
    return {
        "obligation_id": obligation.pk,
        "dossier_code": obligation.dossier_code,
        "dossier_id": obligation.dossier_id,
        "when": obligation.when,
    }


def close(attempt: PaymentAttempt, state: str, gateway_txn: str = "") -> None:
    attempt.state = state
    attempt.settled_at = clock.now()
    if gateway_txn:
        attempt.gateway_txn = gateway_txn[:100]
    attempt.save(update_fields=["state", "settled_at", "gateway_txn"])


def lock_obligation(obligation_id: int) -> FeeObligation:
    obligation = FeeObligation.objects.select_for_update().filter(pk=obligation_id).first()
    if obligation is None:
        raise NotFound("obligation_not_found", "Không tìm thấy khoản phí.")
    return obligation


def tx(attempt, kind, source, *, amount=None, txn="", code="", payload=None, note="") -> PaymentTransaction:
    return PaymentTransaction.objects.create(
        attempt=attempt,
        province_code=attempt.province_code if attempt else "",
        reference=attempt.reference if attempt else "",
        kind=kind,
        source=source,
        amount_vnd=int_or_none(amount),
        error_code=str(code or "")[:10],
        gateway_txn=str(txn or "")[:100],
        note=note[:500],
        payload=payload or {},
        at=clock.now(),
    )


def orphan(reference: str, payload: dict, source: str, note: str) -> None:
    PaymentTransaction.objects.create(
        reference=str(reference or "")[:100],
        kind=TxKind.TAMPERED,
        source=source,
        amount_vnd=int_or_none(payload.get("SoTien")),
        note=note[:500],
        payload=payload,
        at=clock.now(),
    )


def int_or_none(value) -> int | None:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 <= number < 10**15 else None
