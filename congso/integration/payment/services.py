"""The payment flows that need the gateway: INIT, CONFIRM handling and the QUERY reconciler.

The domain rules (amount, duplicate, late, receipts, outbox) are `congso.payments.services`'; this
module adds the protocol: it signs what goes out and verifies MaXacThuc on what comes in
(domain.md §8: verify hash AND amount).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import timedelta

from congso.core import clock
from congso.integration.payment import protocol as p
from congso.integration.payment.gateway import PaymentGateway, get_gateway
from congso.payments import selectors
from congso.payments import services as payments
from congso.payments.choices import Gateway, Outcome, TxSource
from congso.payments.models import PaymentAttempt

MAX_FIELDS = 40
MAX_VALUE = 500


def begin_online_payment(
    *, obligation_id: int, client_ip: str, gateway: PaymentGateway | None = None
) -> tuple[PaymentAttempt, str]:
    """Start an attempt and INIT it on the platform; returns the attempt and the URL to send the
    citizen to. If INIT is refused the attempt is closed as failed and GatewayError propagates."""
    gateway = gateway or get_gateway()
    attempt = payments.start_attempt(obligation_id=obligation_id, gateway=Gateway.DVCQG, client_ip=client_ip)
    obligation = attempt.obligation
    bill = p.BillInfo(
        procedure_code=obligation.procedure_code,
        procedure_name=obligation.procedure_name,
        unit=obligation.agency_name,
        dossier_code=obligation.dossier_code,
        beneficiary=obligation.agency_name,
        payer=obligation.payer_name,
        lines=tuple(
            p.BillLine(kind=line.kind, description=line.description, amount_vnd=line.amount_vnd)
            for line in obligation.lines.all()
        ),
    )
    request = p.InitRequest(
        reference=attempt.reference, amount_vnd=attempt.amount_vnd, client_ip=client_ip, bill=bill
    )
    try:
        url = gateway.init(request)
    except p.GatewayError as exc:
        payments.settle(
            reference=attempt.reference,
            status="failed",
            amount_vnd=attempt.amount_vnd,
            error_code=exc.code[:10],
            payload={"error": exc.message},
            source=TxSource.INIT,
        )
        raise
    return attempt, url


def handle_confirm(params: Mapping[str, str], *, gateway: PaymentGateway | None = None):
    """Verify and apply one CONFIRM; returns (settlement, signed reply with MaLoi + MaXacThuc)."""
    gateway = gateway or get_gateway()
    raw = _bounded(params)
    reference = raw.get("MaThamChieu", "")
    try:
        confirm = gateway.verify_confirm(raw)
    except ValueError:
        settlement = payments.record_tampered(reference=reference, payload=raw, note="Sai MaXacThuc")
        return settlement, gateway.confirm_reply(error_code=p.REPLY_BAD_HASH, reference=reference)
    settlement = payments.settle(
        reference=confirm.reference,
        status=confirm.status,
        amount_vnd=confirm.amount_vnd,
        gateway_txn=confirm.gateway_txn,
        error_code=confirm.error_code,
        payload=raw,
        source=TxSource.CALLBACK,
    )
    code = {Outcome.TAMPERED: p.REPLY_BAD_AMOUNT, Outcome.UNKNOWN: p.REPLY_UNKNOWN}.get(
        settlement.outcome, p.REPLY_OK
    )
    return settlement, gateway.confirm_reply(error_code=code, reference=confirm.reference)


def reconcile_pending(
    *, gateway: PaymentGateway | None = None, older_than: timedelta = timedelta(minutes=15), limit: int = 500
) -> Counter:
    """QUERY every online attempt still pending after `older_than` and settle it from the answer
    (domain.md §8: a reconciler QUERYs pending attempts). Safe to run again: settle is idempotent."""
    gateway = gateway or get_gateway()
    counts: Counter = Counter()
    work = selectors.pending_attempts(created_before=clock.now() - older_than, gateway=Gateway.DVCQG)[:limit]
    for attempt in work:
        try:
            answer = gateway.query(attempt.reference)
        except p.GatewayError:
            counts["error"] += 1
            continue
        if answer.status == "pending":
            counts["pending"] += 1
            continue
        # The platform never saw it (INIT lost): the attempt failed; nothing was paid.
        status = "failed" if answer.status == "unknown" else answer.status
        amount = attempt.amount_vnd if answer.status == "unknown" else answer.amount_vnd
        settlement = payments.settle(
            reference=attempt.reference,
            status=status,
            amount_vnd=amount,
            gateway_txn=answer.gateway_txn,
            error_code=answer.error_code,
            payload=answer.raw,
            source=TxSource.QUERY,
        )
        counts[str(settlement.outcome)] += 1
    return counts


def _bounded(params: Mapping[str, str]) -> dict[str, str]:
    """Junk-proof copy of a callback's fields for the append-only log."""
    out: dict[str, str] = {}
    for key in list(params.keys())[:MAX_FIELDS]:
        value = params.get(key, "")
        # Printable text only: PostgreSQL refuses NUL in text and JSON, and junk must not become a 500.
        out[_printable(str(key))[:60]] = _printable(str(value))[:MAX_VALUE]
    return out


def _printable(text: str) -> str:
    return "".join(ch for ch in text if ch.isprintable())
