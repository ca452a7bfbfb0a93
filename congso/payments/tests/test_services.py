"""Obligations, attempts and their idempotent settlement (domain.md §8)."""

from __future__ import annotations

import pytest

from congso.catalog.models import FeeLine
from congso.core.errors import Conflict, InvalidInput
from congso.outbox.models import OutboxEvent
from congso.payments import services
from congso.payments.choices import AttemptState, FeeState, Gateway, Outcome, TxKind
from congso.payments.models import FeeObligation, PaymentTransaction, Receipt
from congso.payments.tests.conftest import DOSSIER, make_version


def kinds(attempt):
    return [t.kind for t in attempt.transactions.order_by("id")]


def test_open_copies_lines_and_is_idempotent(version, obligation):
    assert obligation.total_vnd == 250000 and obligation.state == FeeState.UNPAID
    assert [(line.kind, line.amount_vnd, line.exempt) for line in obligation.lines.all()] == [
        ("phi", 200000, False),
        ("le_phi", 50000, False),
        ("le_phi", 0, True),
    ]
    FeeLine.objects.filter(version=version, order=1).update(amount_vnd=999)  # a later catalogue edit
    again = services.open_obligation(procedure_version_id=version.pk, **DOSSIER)
    assert again.pk == obligation.pk and again.total_vnd == 250000
    assert FeeObligation.objects.count() == 1


def test_exempt_is_paid_zero_without_gateway_or_receipt(db):
    version = make_version("2.000001")
    FeeLine.objects.create(version=version, order=1, kind="le_phi", description="Miễn lệ phí", exempt=True)
    obligation = services.open_obligation(
        procedure_version_id=version.pk, **{**DOSSIER, "procedure_code": "2.000001"}
    )
    assert obligation.state == FeeState.PAID and obligation.total_vnd == 0 and obligation.exempt
    assert not obligation.attempts.exists() and not Receipt.objects.exists()
    event = OutboxEvent.objects.get(topic="payments.paid")
    assert (
        event.payload["amount_vnd"] == 0
        and event.payload["exempt"] is True
        and event.payload["gateway"] == ""
    )
    with pytest.raises(Conflict):
        services.start_attempt(obligation_id=obligation.pk, gateway=Gateway.DVCQG)


def test_no_fee_lines_and_unknown_amounts_are_refused(db):
    version = make_version("2.000002")
    with pytest.raises(Conflict) as none:
        services.open_obligation(procedure_version_id=version.pk, **DOSSIER)
    assert none.value.code == "no_fees"
    FeeLine.objects.create(version=version, order=1, kind="phi", description="Theo quy định", amount_vnd=None)
    with pytest.raises(Conflict) as unknown:
        services.open_obligation(procedure_version_id=version.pk, **DOSSIER)
    assert unknown.value.code == "fee_amount_unknown"


def test_success_pays_issues_two_receipts_and_publishes(obligation):
    attempt = services.start_attempt(obligation_id=obligation.pk, gateway=Gateway.DVCQG, client_ip="1.2.3.4")
    assert attempt.reference.startswith("CS56") and attempt.amount_vnd == 250000
    obligation.refresh_from_db()
    assert obligation.state == FeeState.AWAITING
    result = services.settle(
        reference=attempt.reference, status="success", amount_vnd=250000, gateway_txn="GD1"
    )
    assert result.outcome == Outcome.PAID
    obligation.refresh_from_db()
    assert obligation.state == FeeState.PAID and obligation.paid_by == Gateway.DVCQG
    receipts = {r.kind: r for r in obligation.receipts.all()}
    assert receipts["phi"].amount_vnd == 200000 and receipts["le_phi"].amount_vnd == 50000
    assert receipts["phi"].number != receipts["le_phi"].number
    assert kinds(attempt) == [TxKind.CREATED, TxKind.SUCCESS]
    paid = OutboxEvent.objects.get(topic="payments.paid")
    assert paid.payload["dossier_code"] == DOSSIER["dossier_code"] and paid.payload["dossier_id"] == 101


def test_duplicate_and_late_change_nothing(obligation):
    first = services.start_attempt(obligation_id=obligation.pk, gateway=Gateway.DVCQG)
    second = services.start_attempt(obligation_id=obligation.pk, gateway=Gateway.DVCQG)  # a second tab
    services.settle(reference=first.reference, status="success", amount_vnd=250000, gateway_txn="GD1")
    dup = services.settle(reference=first.reference, status="success", amount_vnd=250000, gateway_txn="GD1")
    fail_after = services.settle(
        reference=first.reference, status="failed", amount_vnd=250000, error_code="99"
    )
    late = services.settle(reference=second.reference, status="success", amount_vnd=250000, gateway_txn="GD2")
    assert (dup.outcome, fail_after.outcome, late.outcome) == (Outcome.DUPLICATE, Outcome.LATE, Outcome.LATE)
    obligation.refresh_from_db()
    assert obligation.state == FeeState.PAID and Receipt.objects.count() == 2
    assert OutboxEvent.objects.filter(topic="payments.paid").count() == 1
    assert kinds(first) == [TxKind.CREATED, TxKind.SUCCESS, TxKind.DUPLICATE, TxKind.LATE]
    second.refresh_from_db()
    assert second.state == AttemptState.PENDING and kinds(second)[-1] == TxKind.LATE


def test_wrong_amount_is_tampered_and_rejected(obligation):
    attempt = services.start_attempt(obligation_id=obligation.pk, gateway=Gateway.DVCQG)
    result = services.settle(
        reference=attempt.reference, status="success", amount_vnd=1000, gateway_txn="GD1"
    )
    assert result.outcome == Outcome.TAMPERED and "Số tiền không khớp" in result.message
    obligation.refresh_from_db()
    assert obligation.state == FeeState.AWAITING and not Receipt.objects.exists()
    assert kinds(attempt)[-1] == TxKind.TAMPERED
    unknown = services.settle(reference="NOPE", status="success", amount_vnd=1, payload={"SoTien": "1"})
    assert unknown.outcome == Outcome.UNKNOWN
    assert PaymentTransaction.objects.filter(attempt=None, kind=TxKind.TAMPERED, reference="NOPE").exists()


@pytest.mark.parametrize(
    ("status", "outcome"), [("failed", Outcome.FAILED), ("cancelled", Outcome.CANCELLED)]
)
def test_failure_and_cancel_leave_it_payable(obligation, status, outcome):
    attempt = services.start_attempt(obligation_id=obligation.pk, gateway=Gateway.DVCQG)
    result = services.settle(reference=attempt.reference, status=status, amount_vnd=250000, error_code="99")
    assert result.outcome == outcome
    obligation.refresh_from_db()
    assert obligation.state == FeeState.UNPAID
    event = OutboxEvent.objects.get(topic="payments.failed")
    assert event.payload["cancelled"] is (status == "cancelled")
    again = services.settle(reference=attempt.reference, status=status, amount_vnd=250000)
    assert again.outcome == Outcome.DUPLICATE
    retry = services.start_attempt(obligation_id=obligation.pk, gateway=Gateway.DVCQG)
    assert retry.reference != attempt.reference


def test_transactions_are_append_only(obligation):
    attempt = services.start_attempt(obligation_id=obligation.pk, gateway=Gateway.DVCQG)
    row = attempt.transactions.get()
    row.note = "sửa"
    with pytest.raises(Conflict):
        row.save()
    with pytest.raises(Conflict):
        row.delete()


def test_bank_transfer_by_statement(obligation):
    code = DOSSIER["dossier_code"]
    services.start_attempt(obligation_id=obligation.pk, gateway=Gateway.VIETQR)
    wrong = services.record_bank_transfer(
        province_code="56", dossier_code=code, amount_vnd=25000, bank_reference="FT1", recorded_by="ketoan"
    )
    assert wrong.outcome == Outcome.TAMPERED
    paid = services.record_bank_transfer(
        province_code="56",
        dossier_code=code.lower(),
        amount_vnd=250000,
        bank_reference="FT2",
        recorded_by="ketoan",
    )
    assert paid.outcome == Outcome.PAID and "250.000 đ" in paid.message
    obligation.refresh_from_db()
    assert obligation.state == FeeState.PAID and obligation.paid_by == Gateway.VIETQR
    assert obligation.attempts.count() == 1  # the pending VietQR attempt took the money
    again = services.record_bank_transfer(
        province_code="56", dossier_code=code, amount_vnd=250000, bank_reference="FT2", recorded_by="import"
    )
    assert again.outcome == Outcome.DUPLICATE
    other = services.record_bank_transfer(
        province_code="56", dossier_code=code, amount_vnd=250000, bank_reference="FT3", recorded_by="import"
    )
    assert other.outcome == Outcome.LATE and Receipt.objects.count() == 2
    with pytest.raises(InvalidInput):
        services.record_bank_transfer(
            province_code="56", dossier_code=code, amount_vnd=1, bank_reference=" ", recorded_by="x"
        )


def test_cancel_obligation(obligation):
    attempt = services.start_attempt(obligation_id=obligation.pk, gateway=Gateway.DVCQG)
    services.cancel_obligation(obligation_id=obligation.pk, reason="Hồ sơ bị từ chối")
    attempt.refresh_from_db()
    assert attempt.state == AttemptState.CANCELLED
    late = services.settle(reference=attempt.reference, status="success", amount_vnd=250000)
    assert late.outcome == Outcome.LATE
    reopened = services.open_obligation(procedure_version_id=obligation.procedure_version_id, **DOSSIER)
    assert reopened.pk != obligation.pk and reopened.state == FeeState.UNPAID
