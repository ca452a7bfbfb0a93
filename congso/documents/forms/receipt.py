"""Mẫu số 01 — Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Circular 01/2018/TT-VPCP; number 01 in
Circular 03/2025/TT-VPCP too).

Issued by the one-stop unit when it receives a complete dossier: who brought it, what is asked,
the components received (originals or copies), when it was received and when the result will be
returned, where to collect it, and, added here, a QR code to the public lookup page of the dossier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer

from congso.core.text import format_number
from congso.documents.forms.common import RECEIPT, Party, party_fields
from congso.documents.pdf import (
    FRAME_WIDTH,
    NBSP,
    Issuer,
    Meta,
    Signature,
    beside,
    esc,
    field,
    grid_table,
    moment_text,
    national_header,
    paragraph,
    qr_figure,
    render,
    signatures,
    title_block,
)

QR_SIZE = 22 * mm


@dataclass(frozen=True)
class ReceivedDocument:
    """One component (thành phần hồ sơ): its name, kind (bản chính / bản sao / bản chụp), how many,
    and the case (trường hợp) it belongs to when the procedure lists components per case."""

    name: str
    kind: str = ""
    quantity: str = ""
    case: str = ""


@dataclass(frozen=True)
class Receipt:
    issuer: Issuer
    code: str
    receiving_unit: str  # subject of "… tiếp nhận hồ sơ của:", e.g. "Bộ phận Một cửa, Sở Tư pháp"
    applicant: Party
    procedure_name: str
    procedure_code: str
    channel: str  # "Trực tiếp", "Trực tuyến", "Dịch vụ bưu chính"
    received_at: datetime
    due_at: datetime | None
    limit_text: str  # "5 ngày làm việc"
    documents: tuple[ReceivedDocument, ...]
    pickup_place: str
    officer_name: str
    lookup_url: str
    sets: int = 1
    summary: str = ""  # trích yếu, when it says more than the procedure's name
    number: str = ""


def render_receipt(data: Receipt) -> bytes:
    story: list[Flowable] = [
        national_header(data.issuer, width=FRAME_WIDTH, number=data.number, day=data.received_at),
        *title_block(
            "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
            f"Mã hồ sơ: <b>{esc(data.code)}</b>",
        ),
        paragraph(f"{esc(data.receiving_unit)} tiếp nhận hồ sơ của:"),
        *party_fields(data.applicant),
        field(
            "Nội dung yêu cầu giải quyết",
            f"{data.procedure_name} (mã{NBSP}thủ{NBSP}tục{NBSP}{data.procedure_code})",
        ),
    ]
    if data.summary:
        story.append(field("Trích yếu", data.summary))
    due = (
        f"<b>{esc(moment_text(data.due_at))}</b>."
        if data.due_at
        else "theo thông báo của cơ quan giải quyết (thủ tục không quy định thời hạn)."
    )
    items = [
        _item(2, f"Số lượng hồ sơ: {esc(format_number(data.sets))} bộ."),
        _item(
            3, f"Thời gian giải quyết hồ sơ theo quy định: {_unbroken(data.limit_text) or 'không quy định'}."
        ),
        _item(4, f"Thời gian nhận hồ sơ: {esc(moment_text(data.received_at))}."),
        _item(5, f"Thời gian trả kết quả giải quyết hồ sơ: {due}"),
        _item(6, f"Đăng ký nhận kết quả tại: {esc(data.pickup_place)}."),
    ]
    story += [
        field("Hình thức nộp hồ sơ", data.channel),
        Spacer(1, 1.5 * mm),
        _item(1, "Thành phần hồ sơ nộp gồm:"),
        _documents(data.documents),
        Spacer(1, 1.5 * mm),
        # Kept together so a long list of components never leaves the signatures alone on page 2.
        KeepTogether(
            [
                beside(
                    items,
                    qr_figure(data.lookup_url, "Tra cứu hồ sơ", size=QR_SIZE),
                    right_width=QR_SIZE + 4 * mm,
                    width=FRAME_WIDTH,
                ),
                Spacer(1, 1 * mm),
                paragraph(f"Tra cứu tình trạng hồ sơ: {esc(data.lookup_url)}", "qr_caption"),
                signatures(
                    [
                        Signature("Người nộp hồ sơ", data.applicant.full_name),
                        Signature("Người tiếp nhận hồ sơ", data.officer_name),
                    ],
                    width=FRAME_WIDTH,
                ),
            ]
        ),
    ]
    return render(
        story,
        Meta(
            title=f"Giấy tiếp nhận hồ sơ và hẹn trả kết quả — {data.code}",
            author=data.issuer.parent or data.issuer.name,
            subject=data.procedure_name,
            footer=RECEIPT.footer(data.code),
        ),
    )


def _unbroken(text: str) -> str:
    """'5 ngày làm việc' on one line."""
    return esc(text).replace(" ", NBSP)


def _item(number: int, markup: str) -> Flowable:
    return paragraph(f"<bullet>{number}.</bullet>{markup}", "item")


def _documents(documents: tuple[ReceivedDocument, ...]) -> Flowable:
    if not documents:
        return paragraph("Không có thành phần hồ sơ nào được ghi nhận.", "subitem")
    rows: list[list[object]] = []
    spans: list[int] = []
    case = None
    for n, doc in enumerate(documents, 1):
        if doc.case and doc.case != case:
            spans.append(len(rows))
            rows.append([f"Trường hợp: {doc.case}"])
        case = doc.case
        rows.append([str(n), doc.name, doc.kind, doc.quantity])
    w = FRAME_WIDTH
    return grid_table(
        ["TT", "Tên giấy tờ", "Hình thức", "Số lượng"],
        rows,
        widths=[7 * mm, w - 7 * mm - 18 * mm - 16 * mm, 18 * mm, 16 * mm],
        center_columns=(0, 2, 3),
        spans=spans,
    )
