"""The fake national payment platform and the flows around it (domain.md §8)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.cache import cache

from congso.core.clock import vn
from congso.integration.payment import protocol as p
from congso.integration.payment.fake import FakeNationalPaymentPlatform
from congso.integration.payment.services import begin_online_payment, handle_confirm, reconcile_pending
from congso.payments.choices import AttemptState, FeeState, Outcome, TxKind
from congso.payments.models import PaymentTransaction, Receipt
from congso.payments.tests.conftest import sample_obligation

REF = "CS56260302090000ABCDEF01"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def obligation(db):
    return sample_obligation()


@pytest.fixture
def fake():
    return FakeNationalPaymentPlatform(secret="demo-secret", partner="CONGSO")


def test_hash_vectors():
    # Pinned values computed outside Python: printf '…|demo-secret' | sha256sum
    confirm = {"LoaiBanTin": "CONFIRM", "PhienBan": "1.0.6", "MaDoiTac": "CONGSO", "MaThamChieu": REF,
               "MaGiaoDich": "GD0001", "SoTien": "150000", "MaLoi": "00", "ThoiGianGD": "20260302090500"}  # fmt: skip
    assert p.checksum(confirm, p.CONFIRM_FIELDS, "demo-secret") == (
        "e0847834a49243244f34c3f1c0ec38550de4b51280db4d8138ca65149a5c9bf3"
    )
    init = {"LoaiBanTin": "INIT", "PhienBan": "1.0.6", "MaDoiTac": "CONGSO", "MaThamChieu": REF, "SoTien": "150000",
            "LoaiHinhThanhToan": "PAY", "MaTienTe": "VND", "ThoiGianGD": "20260302090000", "Ip": "203.113.1.2"}  # fmt: skip
    assert p.checksum(init, p.INIT_FIELDS, "demo-secret") == (
        "57c6b7907702cb526ccc8df8280a1ba5fa62a65b2f9103c1402414a4e6774cac"
    )
    assert p.verify(p.sign(confirm, p.CONFIRM_FIELDS, "k"), p.CONFIRM_FIELDS, "k")
    assert not p.verify({**p.sign(confirm, p.CONFIRM_FIELDS, "k"), "SoTien": "1"}, p.CONFIRM_FIELDS, "k")
    assert p.timestamp(vn(2026, 3, 2, 9, 5, 7)) == "20260302090507"


def test_init_message_and_happy_path(obligation, fake):
    with time_machine.travel(vn(2026, 3, 2, 9, 0), tick=False):
        attempt, url = begin_online_payment(
            obligation_id=obligation.pk, client_ip="203.113.1.2", gateway=fake
        )
    assert url == f"/thanh-toan/gia-lap/{attempt.reference}/"
    sent = fake.session(attempt.reference)["init"]
    assert sent["PhienBan"] == "1.0.6" and sent["SoTien"] == "250000" and sent["LoaiHinhThanhToan"] == "PAY"
    assert (
        sent["MaTienTe"] == "VND" and sent["ThoiGianGD"] == "20260302090000" and sent["Ip"] == "203.113.1.2"
    )
    bill = sent["ThongTinBienLai"]
    assert bill["MaHoSo"] == obligation.dossier_code and bill["MaTTHC"] == "1.001622"
    assert [line["SoTien"] for line in bill["DanhSachPhiLePhi"]] == [200000, 50000, 0]
    confirm = fake.complete(attempt.reference, "success")
    settlement, reply = handle_confirm(confirm, gateway=fake)
    assert settlement.outcome == Outcome.PAID and reply["MaLoi"] == "00"
    assert p.verify(reply, p.REPLY_FIELDS, "demo-secret")
    obligation.refresh_from_db()
    assert obligation.state == FeeState.PAID and Receipt.objects.count() == 2
    assert fake.get_bill(attempt.reference)["SoTien"] == "250000"
    # The same CONFIRM again (the platform retries): a duplicate row, still "00", nothing else.
    dup, reply2 = handle_confirm(confirm, gateway=fake)
    assert dup.outcome == Outcome.DUPLICATE and reply2["MaLoi"] == "00" and Receipt.objects.count() == 2


def test_tampered_hash_and_amount_are_rejected(obligation, fake):
    attempt, _ = begin_online_payment(obligation_id=obligation.pk, client_ip="1.1.1.1", gateway=fake)
    forged = {**fake.complete(attempt.reference, "success"), "SoTien": "1000"}
    settlement, reply = handle_confirm(forged, gateway=fake)
    assert settlement.outcome == Outcome.TAMPERED and reply["MaLoi"] == p.REPLY_BAD_HASH
    assert "không hợp lệ" in settlement.message
    signed_wrong_amount = fake.complete(attempt.reference, "success", amount_vnd=1000)
    settlement, reply = handle_confirm(signed_wrong_amount, gateway=fake)
    assert settlement.outcome == Outcome.TAMPERED and reply["MaLoi"] == p.REPLY_BAD_AMOUNT
    other_key = FakeNationalPaymentPlatform(secret="wrong", partner="CONGSO")
    settlement, _ = handle_confirm(
        other_key.confirm_reply(error_code="00", reference=attempt.reference), gateway=fake
    )
    assert settlement.outcome == Outcome.TAMPERED
    obligation.refresh_from_db()
    assert obligation.state == FeeState.AWAITING and not Receipt.objects.exists()
    assert PaymentTransaction.objects.filter(attempt=attempt, kind=TxKind.TAMPERED).count() == 3


@pytest.mark.parametrize(
    ("choice", "outcome"), [("failed", Outcome.FAILED), ("cancelled", Outcome.CANCELLED)]
)
def test_failure_and_cancel(obligation, fake, choice, outcome):
    attempt, _ = begin_online_payment(obligation_id=obligation.pk, client_ip="1.1.1.1", gateway=fake)
    settlement, reply = handle_confirm(fake.complete(attempt.reference, choice), gateway=fake)
    assert settlement.outcome == outcome and reply["MaLoi"] == "00"
    obligation.refresh_from_db()
    assert obligation.state == FeeState.UNPAID
    again, _ = begin_online_payment(obligation_id=obligation.pk, client_ip="1.1.1.1", gateway=fake)
    assert again.reference != attempt.reference


def test_late_callback_after_success(obligation, fake):
    first, _ = begin_online_payment(obligation_id=obligation.pk, client_ip="1.1.1.1", gateway=fake)
    second, _ = begin_online_payment(obligation_id=obligation.pk, client_ip="1.1.1.1", gateway=fake)
    handle_confirm(fake.complete(first.reference, "success"), gateway=fake)
    late, reply = handle_confirm(fake.complete(second.reference, "success"), gateway=fake)
    assert late.outcome == Outcome.LATE and reply["MaLoi"] == "00"
    assert Receipt.objects.filter(gateway_txn__startswith="GD").count() == 2  # the first payment's only


def test_unknown_reference_and_refused_init(obligation, fake):
    confirm = p.sign({"LoaiBanTin": "CONFIRM", "MaThamChieu": "CS56NOPE", "SoTien": "5", "MaLoi": "00"},
                     p.CONFIRM_FIELDS, "demo-secret")  # fmt: skip
    settlement, reply = handle_confirm(confirm, gateway=fake)
    assert settlement.outcome == Outcome.UNKNOWN and reply["MaLoi"] == p.REPLY_UNKNOWN
    broken = FakeNationalPaymentPlatform(secret="demo-secret", partner="CONGSO")
    broken.init_message = lambda request: {"MaThamChieu": request.reference}  # type: ignore[method-assign]
    with pytest.raises(p.GatewayError):
        begin_online_payment(obligation_id=obligation.pk, client_ip="1.1.1.1", gateway=broken)
    obligation.refresh_from_db()
    assert obligation.state == FeeState.UNPAID and obligation.attempts.get().state == AttemptState.FAILED


def test_reconciler_settles_pending_attempts_from_query(obligation, fake):
    start = vn(2026, 3, 2, 9, 0)
    with time_machine.travel(start, tick=False):
        paid, _ = begin_online_payment(obligation_id=obligation.pk, client_ip="1.1.1.1", gateway=fake)
        _waiting, _ = begin_online_payment(obligation_id=obligation.pk, client_ip="1.1.1.1", gateway=fake)
    fake.settle_silently(paid.reference, "success")  # paid, but the CONFIRM was lost
    with time_machine.travel(start + timedelta(minutes=5), tick=False):
        assert reconcile_pending(gateway=fake) == {}  # too young to query
    with time_machine.travel(start + timedelta(minutes=20), tick=False):
        counts = reconcile_pending(gateway=fake)
    assert counts == {"paid": 1, "pending": 1}
    obligation.refresh_from_db()
    assert obligation.state == FeeState.PAID and Receipt.objects.count() == 2
    assert paid.transactions.filter(kind=TxKind.SUCCESS, source="query").exists()
    cache.clear()  # the platform forgets the second one: INIT was lost
    with time_machine.travel(start + timedelta(minutes=40), tick=False):
        assert reconcile_pending(gateway=fake) == {"failed": 1}
    with time_machine.travel(start + timedelta(minutes=60), tick=False):
        assert reconcile_pending(gateway=fake) == {}
