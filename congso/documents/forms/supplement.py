"""Mẫu số 02 — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Circular 01/2018/TT-VPCP; number 02 in
Circular 03/2025/TT-VPCP too).

When a dossier is incomplete the officer guides the applicant to complete it once, listing every
missing item in one request (Decree 61/2018/NĐ-CP art. 15, carried into Decree 118/2025/NĐ-CP;
domain.md §4.2): the form prints all items, the reason and the deadline to supplement.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from congso.core.text import format_number
from congso.documents.forms.common import SUPPLEMENT, Party, party_fields
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
    numbered,
    paragraph,
    render,
    signatures,
    title_block,
)


@dataclass(frozen=True)
class SupplementRequest:
    issuer: Issuer
    code: str
    unit: str  # who asks and whom to contact: "Bộ phận Một cửa, Sở Tư pháp"
    applicant: Party
    procedure_name: str
    submitted_at: datetime | None  # when the dossier was received (or submitted online)
    requested_at: datetime
    items: tuple[str, ...]
    reason: str
    officer_name: str
    officer_unit: str = ""  # the guiding officer's own unit when it is not the one-stop unit
    allowed_days: int | None = None  # working days to supplement
    deadline: datetime | None = None
    number: str = ""


def render_supplement_request(data: SupplementRequest) -> bytes:
    story: list[Flowable] = [
        national_header(data.issuer, width=FRAME_WIDTH, number=data.number, day=data.requested_at),
        *title_block(
            "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
            f"Mã hồ sơ: <b>{esc(data.code)}</b>",
        ),
        *party_fields(data.applicant, name_label="Hồ sơ của"),
        field("Nội dung yêu cầu giải quyết", data.procedure_name),
        field("Thời gian tiếp nhận hồ sơ", moment_text(data.submitted_at)),
        Spacer(1, 1.5 * mm),
        paragraph(
            f"Sau khi xem xét, {esc(data.unit)} đề nghị {esc(data.applicant.salutation)} bổ sung, "
            "hoàn thiện hồ sơ gồm những nội dung sau:",
            "justify",
        ),
        *numbered(data.items),
        paragraph(f"<b>Lý do:</b> {esc_lines(data.reason)}", "justify"),
        paragraph(_deadline(data), "justify"),
        paragraph(
            "Phiếu này liệt kê đầy đủ, một lần các nội dung cần bổ sung, hoàn thiện. Trong quá trình "
            f"hoàn thiện hồ sơ, nếu có vướng mắc, {esc(data.applicant.salutation)} liên hệ "
            f"{esc(data.officer_name)}, {esc(data.officer_unit or data.unit)} để được hướng dẫn.",
            "justify",
        ),
        signatures([None, Signature("Người hướng dẫn", data.officer_name)], width=FRAME_WIDTH),
    ]
    return render(
        story,
        Meta(
            title=f"Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ — {data.code}",
            author=data.issuer.parent or data.issuer.name,
            subject=data.procedure_name,
            footer=SUPPLEMENT.footer(data.code),
        ),
    )


def _deadline(data: SupplementRequest) -> str:
    if data.deadline is None and not data.allowed_days:
        return "<b>Thời hạn bổ sung:</b> theo hướng dẫn của cơ quan tiếp nhận."
    parts = []
    if data.allowed_days:
        parts.append(f"{esc(format_number(data.allowed_days))} ngày làm việc kể từ ngày nhận được phiếu này")
    if data.deadline is not None:
        parts.append(f"chậm nhất đến <b>{esc(moment_text(data.deadline))}</b>")
    return (
        f"<b>Thời hạn bổ sung:</b> {', '.join(parts)}. Quá thời hạn trên mà hồ sơ chưa được bổ sung, "
        "hoàn thiện thì hồ sơ có thể bị từ chối tiếp nhận giải quyết."
    )
