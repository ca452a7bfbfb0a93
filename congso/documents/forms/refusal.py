"""Mẫu số 03 — Phiếu từ chối tiếp nhận giải quyết hồ sơ (Circular 01/2018/TT-VPCP; number 03 in
Circular 03/2025/TT-VPCP too).

Given when a dossier is outside the agency's remit or otherwise cannot be accepted, and when the
deadline to supplement passed (domain.md §4.1: 1 → 3, 5 → 3): who submitted what, and why it is
refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from congso.documents.forms.common import REFUSAL, Party, party_fields
from congso.documents.pdf import (
    FRAME_WIDTH,
    Issuer,
    Meta,
    Signature,
    esc,
    esc_lines,
    field,
    moment_text,
    national_header,
    paragraph,
    render,
    signatures,
    title_block,
)


@dataclass(frozen=True)
class Refusal:
    issuer: Issuer
    code: str
    unit: str  # "Bộ phận Một cửa, Sở Tư pháp"
    applicant: Party
    procedure_name: str
    submitted_at: datetime | None
    refused_at: datetime
    reason: str
    officer_name: str
    number: str = ""


def render_refusal(data: Refusal) -> bytes:
    story: list[Flowable] = [
        national_header(data.issuer, width=FRAME_WIDTH, number=data.number, day=data.refused_at),
        *title_block(
            "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
            f"Mã hồ sơ: <b>{esc(data.code)}</b>",
        ),
        paragraph(f"{esc(data.unit)} tiếp nhận hồ sơ của:"),
        *party_fields(data.applicant),
        field("Nội dung yêu cầu giải quyết", data.procedure_name),
        field("Thời gian nộp hồ sơ", moment_text(data.submitted_at)),
        Spacer(1, 1.5 * mm),
        paragraph(
            f"Qua xem xét, {esc(data.unit)} thông báo không tiếp nhận, giải quyết hồ sơ này với lý do "
            "cụ thể như sau:",
            "justify",
        ),
        paragraph(f"<b>{esc_lines(data.reason)}</b>", "justify"),
        paragraph(f"Xin thông báo cho {esc(data.applicant.salutation)} được biết và thực hiện./.", "justify"),
        signatures([None, Signature("Người tiếp nhận hồ sơ", data.officer_name)], width=FRAME_WIDTH),
    ]
    return render(
        story,
        Meta(
            title=f"Phiếu từ chối tiếp nhận giải quyết hồ sơ — {data.code}",
            author=data.issuer.parent or data.issuer.name,
            subject=data.procedure_name,
            footer=REFUSAL.footer(data.code),
        ),
    )
