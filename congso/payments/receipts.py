"""E-receipts (biên lai điện tử): one per fee kind, phí and lệ phí apart (domain.md §8), issued when
an obligation is paid and rendered to PDF on demand with the shared document blocks.

The receipt number is derived from the obligation and the kind (`LP-2026-0000012`), so issuing twice
is impossible by construction (unique per obligation and kind) and needs no counter row to lock.
"""

from __future__ import annotations

from collections import defaultdict

from congso.core.text import format_date, format_moment, format_vnd
from congso.documents import pdf
from congso.payments.choices import FeeKind, Gateway
from congso.payments.models import FeeObligation, PaymentAttempt, Receipt

PREFIX = {FeeKind.CHARGE: "P", FeeKind.ADMIN_FEE: "LP", FeeKind.UNKNOWN: "PL"}
TITLE = {
    FeeKind.CHARGE: "Biên lai thu phí",
    FeeKind.ADMIN_FEE: "Biên lai thu lệ phí",
    FeeKind.UNKNOWN: "Biên lai thu phí, lệ phí",
}


def amounts_by_kind(obligation: FeeObligation) -> dict[str, int]:
    """Non-zero totals per fee kind, in a stable order (phí, lệ phí, unclassified)."""
    totals: dict[str, int] = defaultdict(int)
    for line in obligation.lines.all():
        if not line.exempt and line.amount_vnd:
            totals[line.kind] += line.amount_vnd
    return {kind: totals[kind] for kind in FeeKind.values if totals.get(kind)}


def issue_receipts(obligation: FeeObligation, attempt: PaymentAttempt) -> list[Receipt]:
    """Create the receipts of a paid obligation inside the caller's transaction."""
    issued_at = attempt.settled_at or obligation.paid_at
    year = issued_at.year if issued_at else 0
    return [
        Receipt.objects.create(
            obligation=obligation,
            province_code=obligation.province_code,
            kind=kind,
            number=f"{PREFIX[kind]}-{year}-{obligation.pk:07d}",
            dossier_code=obligation.dossier_code,
            payer_name=obligation.payer_name,
            amount_vnd=amount,
            gateway=attempt.gateway,
            gateway_txn=attempt.gateway_txn,
            issued_at=issued_at,
        )
        for kind, amount in amounts_by_kind(obligation).items()
    ]


def render_receipt(receipt: Receipt) -> bytes:
    """The receipt as an A5 PDF: Vietnamese text, dot-thousands VND, dates dd/mm/yyyy."""
    obligation = receipt.obligation
    width = pdf.FRAME_WIDTH
    lines = [line for line in obligation.lines.all() if line.kind == receipt.kind]
    rows = [
        [str(i), line.description, "Miễn thu" if line.exempt else format_vnd(line.amount_vnd)]
        for i, line in enumerate(lines, 1)
    ]
    rows.append(["", "Tổng cộng", format_vnd(receipt.amount_vnd)])
    story = [
        pdf.national_header(
            pdf.Issuer(name=obligation.agency_name or "Đơn vị thu"),
            width=width,
            number=receipt.number,
            day=receipt.issued_at,
        ),
        *pdf.title_block(
            TITLE[FeeKind(receipt.kind)],
            pdf.esc(f"Số: {receipt.number}"),
            italic=["(Biên lai điện tử)"],
        ),
        pdf.field("Người nộp", receipt.payer_name, strong=True),
        pdf.field("Mã hồ sơ", receipt.dossier_code),
        pdf.field("Thủ tục hành chính", f"{obligation.procedure_name} ({obligation.procedure_code})"),
        pdf.field("Hình thức thanh toán", Gateway(receipt.gateway).label),
        pdf.field("Mã giao dịch", receipt.gateway_txn or "—"),
        pdf.field("Ngày thanh toán", format_date(receipt.issued_at)),
        pdf.grid_table(
            ["STT", "Nội dung thu", "Số tiền"],
            rows,
            widths=[width * 0.1, width * 0.6, width * 0.3],
            center_columns=[0],
        ),
        pdf.field("Số tiền đã nộp", format_vnd(receipt.amount_vnd), strong=True),
        pdf.signatures(
            [None, pdf.Signature(title="Đơn vị thu", hint="(Biên lai điện tử, không cần ký)")], width=width
        ),
    ]
    meta = pdf.Meta(
        title=f"{TITLE[FeeKind(receipt.kind)]} {receipt.number}",
        author=obligation.agency_name,
        subject=f"Hồ sơ {receipt.dossier_code}",
        footer=(f"Mã hồ sơ {receipt.dossier_code} · lập lúc {format_moment(receipt.issued_at)}",),
    )
    return pdf.render(story, meta)
