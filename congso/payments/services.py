"""Every write of the payment domain (domain.md §8; Decree 11/2020/NĐ-CP on payment procedures).

Keyword-only functions under one transaction each; each writes the append-only transaction row and,
for changes the dossier side cares about, an outbox row (`payments.paid`, `payments.failed`).
Nothing here imports dossiers: the caller (the portal, the back office) passes the dossier's code, id,
province and procedure version. Protocol details (hashes, field names) belong to the gateway adapter in
`congso.integration.payment`; this module checks what is the domain's business: the reference, the
amount and the order in which results arrive.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.db import transaction

from congso.catalog.models import FeeLine
from congso.core import clock
from congso.core.errors import Conflict, InvalidInput, NotFound
from congso.core.text import format_vnd
from congso.outbox.services import Message, publish
from congso.payments import ledger
from congso.payments.choices import (
    PAYABLE,
    AttemptState,
    FeeKind,
    FeeState,
    Gateway,
    Outcome,
    TxKind,
    TxSource,
    When,
)
from congso.payments.models import FeeObligation, FeeObligationLine, PaymentAttempt, PaymentTransaction

MESSAGES = {
    Outcome.PAID: "Đã ghi nhận thanh toán thành công.",
    Outcome.FAILED: "Thanh toán không thành công. Bạn có thể thanh toán lại.",
    Outcome.CANCELLED: "Bạn đã hủy thanh toán. Bạn có thể thanh toán lại.",
    Outcome.DUPLICATE: "Giao dịch này đã được ghi nhận trước đó.",
    Outcome.LATE: "Khoản phí đã được thanh toán trước đó; giao dịch đến muộn được lưu lại để đối soát.",
    Outcome.TAMPERED: "Thông tin thanh toán không hợp lệ (sai chữ ký hoặc số tiền); giao dịch bị từ chối.",
    Outcome.UNKNOWN: "Không tìm thấy giao dịch với mã tham chiếu này.",
}
WRONG_AMOUNT = "Số tiền không khớp với khoản phí phải nộp; giao dịch bị từ chối."
WRONG_HASH = "Chữ ký xác thực (MaXacThuc) không hợp lệ; giao dịch bị từ chối."


@dataclass(frozen=True)
class Settlement:
    outcome: Outcome
    message: str
    attempt: PaymentAttempt | None = None


# --- obligations -----------------------------------------------------------------------------------


def open_obligation(
    *,
    province_code: str,
    dossier_code: str,
    dossier_id: int,
    procedure_code: str,
    procedure_version_id: int,
    payer_name: str = "",
    agency_name: str = "",
    procedure_name: str = "",
    when: str = When.BEFORE,
    channel: str = "",
) -> FeeObligation:
    """Open the dossier's fee obligation by copying the procedure version's fee lines, or return the
    live one already opened (idempotent: a reload never doubles a fee).

    Exempt (miễn thu) lines count 0 đ; an obligation whose total is 0 is paid at once, with no gateway
    and no receipt (domain.md §8: exempt = paid 0 VND)."""
    with transaction.atomic():
        existing = (
            FeeObligation.objects.select_for_update()
            .filter(province_code=province_code, dossier_code=dossier_code, when=when)
            .exclude(state=FeeState.CANCELLED)
            .first()
        )
        if existing is not None:
            return existing
        source = FeeLine.objects.filter(version_id=procedure_version_id).order_by("order")
        if channel:
            source = source.filter(channel__in=["", channel])
        fee_lines = list(source)
        if not fee_lines:
            raise Conflict("no_fees", "Thủ tục này không thu phí, lệ phí.")
        unknown = [line for line in fee_lines if not line.exempt and line.amount_vnd is None]
        if unknown:
            raise Conflict(
                "fee_amount_unknown",
                "Thủ tục có khoản phí, lệ phí chưa xác định số tiền; vui lòng liên hệ bộ phận một cửa.",
            )
        now = clock.now()
        total = sum(0 if line.exempt else int(line.amount_vnd or 0) for line in fee_lines)
        obligation = FeeObligation.objects.create(
            province_code=province_code,
            dossier_code=dossier_code,
            dossier_id=dossier_id,
            procedure_code=procedure_code,
            procedure_version_id=procedure_version_id,
            procedure_name=procedure_name[:1000],
            agency_name=agency_name[:500],
            payer_name=payer_name[:300],
            when=when,
            total_vnd=total,
            exempt=total == 0,
            state=FeeState.PAID if total == 0 else FeeState.UNPAID,
            opened_at=now,
            paid_at=now if total == 0 else None,
        )
        FeeObligationLine.objects.bulk_create(
            FeeObligationLine(
                obligation=obligation,
                province_code=province_code,
                order=i,
                kind=line.kind if line.kind in FeeKind.values else FeeKind.UNKNOWN,
                description=line.description,
                amount_vnd=0 if line.exempt else int(line.amount_vnd or 0),
                exempt=line.exempt,
            )
            for i, line in enumerate(fee_lines, 1)
        )
        if total == 0:
            ledger.publish_paid(obligation, reference="", gateway="", gateway_txn="")
        return obligation


def cancel_obligation(*, obligation_id: int, reason: str = "") -> FeeObligation:
    """Cancel an obligation nobody has paid (the dossier was refused or withdrawn)."""
    with transaction.atomic():
        obligation = ledger.lock_obligation(obligation_id)
        if obligation.state not in PAYABLE:
            raise Conflict("not_cancellable", "Chỉ hủy được khoản phí chưa thanh toán.")
        obligation.state = FeeState.CANCELLED
        obligation.save(update_fields=["state", "updated_at"])
        for attempt in obligation.attempts.filter(state=AttemptState.PENDING):
            ledger.close(attempt, AttemptState.CANCELLED)
            ledger.tx(attempt, TxKind.CANCELLED, TxSource.SYSTEM, note=reason[:500] or "Hủy khoản phí")
        return obligation


# --- attempts --------------------------------------------------------------------------------------


def start_attempt(*, obligation_id: int, gateway: str, client_ip: str = "") -> PaymentAttempt:
    """A new attempt with its own MaThamChieu (domain.md §8: unique per attempt), and its `created` row.
    An earlier attempt left pending (a closed browser tab) stays pending until its result or the
    reconciler settles it."""
    if gateway not in Gateway.values:
        raise InvalidInput("bad_gateway", "Hình thức thanh toán không hợp lệ.")
    with transaction.atomic():
        obligation = ledger.lock_obligation(obligation_id)
        if obligation.state not in PAYABLE or obligation.total_vnd == 0:
            raise Conflict("not_payable", "Khoản phí này không ở trạng thái chờ thanh toán.")
        now = clock.now()
        attempt = PaymentAttempt.objects.create(
            obligation=obligation,
            province_code=obligation.province_code,
            reference=new_reference(obligation.province_code),
            gateway=gateway,
            amount_vnd=obligation.total_vnd,
            client_ip=client_ip[:45],
            created_at=now,
        )
        ledger.tx(attempt, TxKind.CREATED, TxSource.INIT, amount=attempt.amount_vnd)
        obligation.state = FeeState.AWAITING
        obligation.save(update_fields=["state", "updated_at"])
        return attempt


def new_reference(province_code: str) -> str:
    """MaThamChieu: province, local time to the second, 8 random hex digits (unguessable, unique)."""
    stamp = clock.local(clock.now()).strftime("%y%m%d%H%M%S")
    return f"CS{province_code}{stamp}{secrets.token_hex(4).upper()}"


def settle(
    *,
    reference: str,
    status: str,
    amount_vnd: int | None,
    gateway_txn: str = "",
    error_code: str = "",
    payload: dict | None = None,
    source: str = TxSource.CALLBACK,
) -> Settlement:
    """Apply one result (a CONFIRM callback or a QUERY answer) to its attempt, idempotently.

    `status` is an AttemptState (success/failed/cancelled). The rules (domain.md §8):
    the amount must equal the attempt's (else `tampered`, nothing changes); the same result again is
    a `duplicate`; a result for an obligation already paid, or a failure after a success, is `late`
    and changes nothing (a second payment is kept for refund); a failure or a cancel leaves the
    obligation payable again."""
    payload = payload or {}
    with transaction.atomic():
        attempt = PaymentAttempt.objects.select_for_update().filter(reference=(reference or "")[:40]).first()
        if attempt is None:
            ledger.orphan(reference, payload, source, "Không tìm thấy mã tham chiếu")
            return Settlement(Outcome.UNKNOWN, MESSAGES[Outcome.UNKNOWN])
        obligation = ledger.lock_obligation(attempt.obligation_id)
        if amount_vnd is None or int(amount_vnd) != attempt.amount_vnd:
            ledger.tx(
                attempt,
                TxKind.TAMPERED,
                source,
                amount=amount_vnd,
                txn=gateway_txn,
                code=error_code,
                payload=payload,
                note="Số tiền không khớp",
            )
            return Settlement(Outcome.TAMPERED, WRONG_AMOUNT, attempt)
        late_or_dup = _ignored(attempt, obligation, status)
        if late_or_dup is not None:
            ledger.tx(
                attempt,
                late_or_dup,
                source,
                amount=amount_vnd,
                txn=gateway_txn,
                code=error_code,
                payload=payload,
            )
            outcome = Outcome.DUPLICATE if late_or_dup == TxKind.DUPLICATE else Outcome.LATE
            return Settlement(outcome, MESSAGES[outcome], attempt)
        if status == AttemptState.SUCCESS:
            ledger.succeed(
                attempt, obligation, gateway_txn=gateway_txn, source=source, payload=payload, code=error_code
            )
            return Settlement(Outcome.PAID, MESSAGES[Outcome.PAID], attempt)
        kind = TxKind.CANCELLED if status == AttemptState.CANCELLED else TxKind.FAILED
        ledger.close(
            attempt, AttemptState.CANCELLED if kind == TxKind.CANCELLED else AttemptState.FAILED, gateway_txn
        )
        ledger.tx(attempt, kind, source, amount=amount_vnd, txn=gateway_txn, code=error_code, payload=payload)
        if not obligation.attempts.filter(state=AttemptState.PENDING).exists():
            obligation.state = FeeState.UNPAID
            obligation.save(update_fields=["state", "updated_at"])
        publish(
            Message(
                topic="payments.failed",
                aggregate_type="payments.obligation",
                aggregate_id=str(obligation.pk),
                province_code=obligation.province_code,
                payload={
                    **ledger.about(obligation),
                    "reference": attempt.reference,
                    "gateway": attempt.gateway,
                    "error_code": error_code,
                    "cancelled": kind == TxKind.CANCELLED,
                },
            )
        )
        outcome = Outcome.CANCELLED if kind == TxKind.CANCELLED else Outcome.FAILED
        return Settlement(outcome, MESSAGES[outcome], attempt)


def record_tampered(
    *, reference: str, payload: dict, note: str, source: str = TxSource.CALLBACK
) -> Settlement:
    """A message whose MaXacThuc does not verify: recorded (append-only) and rejected, nothing changes."""
    with transaction.atomic():
        attempt = PaymentAttempt.objects.filter(reference=(reference or "")[:40]).first()
        if attempt is None:
            ledger.orphan(reference, payload, source, note)
        else:
            ledger.tx(
                attempt,
                TxKind.TAMPERED,
                source,
                payload=payload,
                note=note,
                amount=ledger.int_or_none(payload.get("SoTien")),
            )
    return Settlement(Outcome.TAMPERED, WRONG_HASH, attempt)


def record_bank_transfer(
    *,
    province_code: str,
    dossier_code: str,
    amount_vnd: int,
    bank_reference: str,
    recorded_by: str,
    statement_line: str = "",
) -> Settlement:
    """A VietQR transfer seen on the treasury account's statement, recorded by an officer or a
    statement import. The transfer's purpose is the dossier code (domain.md §8), which finds the
    obligation; the bank's transaction number makes a re-imported statement line a `duplicate`."""
    bank_reference = (bank_reference or "").strip()[:100]
    if not bank_reference:
        raise InvalidInput("bank_reference_required", "Cần nhập mã giao dịch ngân hàng.")
    payload = {
        "dossier_code": dossier_code,
        "amount_vnd": amount_vnd,
        "bank_reference": bank_reference,
        "recorded_by": recorded_by,
        "statement_line": statement_line[:500],
    }
    with transaction.atomic():
        seen = (
            PaymentTransaction.objects.filter(
                province_code=province_code,
                source=TxSource.STATEMENT,
                gateway_txn=bank_reference,
                kind__in=[TxKind.SUCCESS, TxKind.LATE],
            )
            .select_related("attempt")
            .first()
        )
        if seen is not None:
            ledger.tx(
                seen.attempt,
                TxKind.DUPLICATE,
                TxSource.STATEMENT,
                amount=amount_vnd,
                txn=bank_reference,
                payload=payload,
            )
            return Settlement(Outcome.DUPLICATE, MESSAGES[Outcome.DUPLICATE], seen.attempt)
        live = FeeObligation.objects.select_for_update().filter(
            province_code=province_code, dossier_code=(dossier_code or "").strip().upper()[:60]
        )
        # An obligation still payable takes the money before one already paid (which makes it `late`).
        obligation = (
            live.filter(state__in=PAYABLE).order_by("opened_at").first()
            or live.exclude(state=FeeState.CANCELLED).order_by("opened_at").first()
        )
        if obligation is None:
            raise NotFound("obligation_not_found", "Không tìm thấy khoản phí của hồ sơ này.")
        if int(amount_vnd) != obligation.total_vnd:
            return Settlement(Outcome.TAMPERED, WRONG_AMOUNT)
        attempt = (
            obligation.attempts.select_for_update()
            .filter(gateway=Gateway.VIETQR, state=AttemptState.PENDING)
            .order_by("created_at")
            .first()
        )
        if attempt is None:
            attempt = PaymentAttempt.objects.create(
                obligation=obligation,
                province_code=province_code,
                reference=new_reference(province_code),
                gateway=Gateway.VIETQR,
                amount_vnd=obligation.total_vnd,
                created_at=clock.now(),
            )
            ledger.tx(
                attempt, TxKind.CREATED, TxSource.STATEMENT, amount=attempt.amount_vnd, note=recorded_by[:500]
            )
        if obligation.state not in PAYABLE:
            ledger.tx(
                attempt,
                TxKind.LATE,
                TxSource.STATEMENT,
                amount=amount_vnd,
                txn=bank_reference,
                payload=payload,
            )
            return Settlement(Outcome.LATE, MESSAGES[Outcome.LATE], attempt)
        ledger.succeed(
            attempt, obligation, gateway_txn=bank_reference, source=TxSource.STATEMENT, payload=payload
        )
        return Settlement(Outcome.PAID, f"Đã ghi nhận chuyển khoản {format_vnd(amount_vnd)}.", attempt)


# --- rules ---------------------------------------------------------------------------------------


def _ignored(attempt: PaymentAttempt, obligation: FeeObligation, status: str) -> str | None:
    if attempt.state == status:
        return TxKind.DUPLICATE
    if attempt.state == AttemptState.SUCCESS:
        return TxKind.LATE  # a failure or cancel after a success changes nothing
    if status == AttemptState.SUCCESS and obligation.state not in PAYABLE:
        return TxKind.LATE  # paid through another attempt (or cancelled): keep the money for refund
    if status != AttemptState.SUCCESS and attempt.state != AttemptState.PENDING:
        return TxKind.DUPLICATE  # a failure after a cancel (or the reverse): the attempt is over
    return None
