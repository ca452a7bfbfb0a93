"""Mẫu số 04 — Phiếu xin lỗi và hẹn lại ngày trả kết quả (Circular 01/2018/TT-VPCP). Circular
03/2025/TT-VPCP keeps number 04 and renames it "Văn bản xin lỗi và đề nghị gia hạn thời gian giải
quyết".

Sent by the competent agency when a dossier will be late, at least one working day before the due
date (domain.md §4.2): the reason for the delay, the appointment given on the receipt, and the new
one. The new appointment never replaces the legal due date (domain.md §13.6): the dossier still
counts as late, and this letter says so plainly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from congso.documents.forms.common import APOLOGY, Party
from congso.documents.pdf import (
    FRAME_WIDTH,
    Issuer,
    Meta,
    Signature,
    day_text,
    esc,
    esc_lines,
    moment_text,
    national_header,
    paragraph,
    recipients_and_signature,
    render,
    title_block,
)


@dataclass(frozen=True)
class ApologyLetter:
    issuer: Issuer
    code: str
    agency_name: str  # the competent agency as the sentences name it: "Sở Tư pháp"
    applicant: Party
    procedure_name: str
    received_at: datetime
    limit_text: str
    due_at: datetime  # NgayHenTra, as printed on the receipt
    new_due_at: datetime  # NgayHenTraMoi
    reason: str
    created_at: datetime
    signer_name: str
    signer_title: str = "Thủ trưởng cơ quan"
    recipients: tuple[str, ...] = ("Như trên;", "Bộ phận Một cửa (để trả kết quả);", "Lưu: VT.")
    number: str = ""


def render_apology(data: ApologyLetter) -> bytes:
    agency = esc(data.agency_name)
    who = esc(data.applicant.salutation)
    story: list[Flowable] = [
        national_header(data.issuer, width=FRAME_WIDTH, number=data.number, day=data.created_at),
        *title_block("Phiếu xin lỗi và hẹn lại ngày trả kết quả", f"Mã hồ sơ: <b>{esc(data.code)}</b>"),
        paragraph(f"Kính gửi: {who} <b>{esc(data.applicant.full_name)}</b>.", "subtitle"),
        Spacer(1, 2 * mm),
        paragraph(
            f"Ngày {esc(day_text(data.received_at))}, {agency} tiếp nhận hồ sơ của {who}, mã hồ sơ "
            f"{esc(data.code)}, về việc: {esc(data.procedure_name)}.",
            "justify",
        ),
        paragraph(
            f"Thời hạn giải quyết theo quy định là {esc(data.limit_text) or 'theo quy định của thủ tục'}; "
            "thời gian hẹn trả kết quả ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả là "
            f"<b>{esc(moment_text(data.due_at))}</b>.",
            "justify",
        ),
        paragraph(
            f"Tuy nhiên, {agency} không thể trả kết quả giải quyết hồ sơ cho {who} đúng thời gian đã hẹn.",
            "justify",
        ),
        paragraph(f"<b>Lý do:</b> {esc_lines(data.reason)}", "justify"),
        paragraph(
            f"Sự chậm trễ này đã gây phiền hà cho {who}. {agency} trân trọng xin lỗi {who} và hẹn "
            f"lại thời gian trả kết quả giải quyết hồ sơ vào <b>{esc(moment_text(data.new_due_at))}</b>.",
            "justify",
        ),
        paragraph("Xin trân trọng cảm ơn./.", "justify"),
        recipients_and_signature(
            data.recipients,
            Signature(data.signer_title, data.signer_name, hint="(Ký, ghi rõ họ tên và đóng dấu)"),
            width=FRAME_WIDTH,
        ),
    ]
    return render(
        story,
        Meta(
            title=f"Phiếu xin lỗi và hẹn lại ngày trả kết quả — {data.code}",
            author=data.issuer.name,
            subject=data.procedure_name,
            footer=APOLOGY.footer(data.code),
        ),
    )
