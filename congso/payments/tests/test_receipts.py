"""E-receipts: phí and lệ phí on separate receipts, amounts with dot thousands, dates dd/mm/yyyy."""

from __future__ import annotations

import io

import time_machine
from pypdf import PdfReader

from congso.core.clock import vn
from congso.payments import services
from congso.payments.choices import Gateway
from congso.payments.receipts import render_receipt


def text_of(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_one_receipt_per_kind_with_vietnamese_amounts(obligation):
    with time_machine.travel(vn(2026, 3, 9, 10, 15), tick=False):
        attempt = services.start_attempt(obligation_id=obligation.pk, gateway=Gateway.DVCQG)
        services.settle(reference=attempt.reference, status="success", amount_vnd=250000, gateway_txn="GD77")
    receipts = {r.kind: r for r in obligation.receipts.all()}
    charge, admin = text_of(render_receipt(receipts["phi"])), text_of(render_receipt(receipts["le_phi"]))
    assert "BIÊN LAI THU PHÍ" in charge and "200.000 đ" in charge and "50.000 đ" not in charge
    assert "BIÊN LAI THU LỆ PHÍ" in admin and "50.000 đ" in admin and "200.000 đ" not in admin
    assert "Miễn thu" in admin  # the exempt lệ phí line is listed at 0
    for text in (charge, admin):
        assert "09/03/2026" in text and "Nguyễn Văn An" in text and "000.00.16.H56-260302-0001" in text
    assert receipts["phi"].number == f"P-2026-{obligation.pk:07d}"
    assert receipts["le_phi"].number == f"LP-2026-{obligation.pk:07d}"
