"""Mẫu số 05 — Phiếu kiểm soát quá trình giải quyết hồ sơ (Circular 01/2018/TT-VPCP; number 06 in
Circular 03/2025/TT-VPCP, which inserts the stop notice as 05).

It travels with the dossier from the one-stop unit through every processing step and back: one row
per hand-over with who gave it, who received it, when, and whether the giver was early, on time
or late against the step's own deadline (trước hạn / đúng hạn / quá hạn; domain.md §4.2). The
paper form leaves room for the two signatures in each row; the electronic slip prints the names
the event log recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer

from congso.core.clock import local
from congso.core.text import format_date
from congso.documents.forms.common import CONTROL_SLIP, Mark
from congso.documents.pdf import (
    FRAME_WIDTH,
    Issuer,
    Meta,
    esc,
    field,
    grid_table,
    moment_text,
    national_header,
    paragraph,
    render,
    title_block,
)
from congso.documents.pdf.styles import styles


@dataclass(frozen=True)
class Handover:
    """One row: the giver and the receiver (person and unit), the moment, the mark against the
    giver's deadline (the step's, or the appointment for the return; printed in the notes so the
    mark can be checked), a note."""

    giver: str
    receiver: str
    at: datetime
    mark: Mark | None = None
    note: str = ""
    deadline: datetime | None = None


@dataclass(frozen=True)
class ControlSlip:
    issuer: Issuer
    code: str
    applicant_name: str
    procedure_name: str
    handling_agency: str  # Cơ quan (bộ phận) giải quyết hồ sơ
    received_at: datetime | None
    due_at: datetime | None
    rows: tuple[Handover, ...]
    coordinating_agencies: str = ""  # Cơ quan phối hợp giải quyết hồ sơ
    new_due_at: datetime | None = None  # hẹn lại by an apology; the legal due date stays due_at
    number: str = ""


def render_control_slip(data: ControlSlip) -> bytes:
    story: list[Flowable] = [
        national_header(data.issuer, width=FRAME_WIDTH, number=data.number, day=None),
        *title_block(
            "Phiếu kiểm soát quá trình giải quyết hồ sơ",
            f"Mã hồ sơ: <b>{esc(data.code)}</b>",
            italic=["(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả)"],
        ),
        field("Chủ hồ sơ", data.applicant_name, strong=True),
        field("Nội dung yêu cầu giải quyết", data.procedure_name),
        field("Cơ quan (bộ phận) giải quyết hồ sơ", data.handling_agency),
        field("Cơ quan phối hợp giải quyết hồ sơ", data.coordinating_agencies, missing="Không"),
        field("Thời gian nhận hồ sơ", moment_text(data.received_at)),
        field("Thời gian hẹn trả kết quả", moment_text(data.due_at), missing="Không quy định"),
    ]
    if data.new_due_at is not None:
        story.append(field("Hẹn lại (phiếu xin lỗi)", moment_text(data.new_due_at)))
    story += [Spacer(1, 2 * mm), _rows(data.rows), Spacer(1, 1.5 * mm)]
    story.append(
        paragraph(
            "Kết quả ghi theo thời hạn của từng bước trong quy trình nội bộ: trước hạn, đúng hạn hoặc "
            "quá hạn so với thời hạn của bước khi giao hồ sơ.",
            "note",
        )
    )
    return render(
        story,
        Meta(
            title=f"Phiếu kiểm soát quá trình giải quyết hồ sơ — {data.code}",
            author=data.issuer.parent or data.issuer.name,
            subject=data.procedure_name,
            footer=CONTROL_SLIP.footer(data.code),
        ),
    )


def _rows(rows: tuple[Handover, ...]) -> Flowable:
    if not rows:
        return paragraph("Hồ sơ chưa được giao, nhận giữa các bộ phận.", "note")
    s = styles()
    w = FRAME_WIDTH
    widths = [7 * mm, 0.0, 19 * mm, 19 * mm, 29 * mm]
    widths[1] = w - sum(widths)
    body = []
    for i, row in enumerate(rows, 1):
        parties = Paragraph(f"<b>Giao:</b> {esc(row.giver)}<br/><b>Nhận:</b> {esc(row.receiver)}", s["cell"])
        mark = Paragraph(f"<b>{esc(row.mark.label)}</b>" if row.mark else "", s["cell_center"])
        # "09:30, ngày" over "02/03/2026": the narrow column never splits a date.
        at = Paragraph(f"{local(row.at):%H:%M}, ngày<br/>{format_date(row.at)}", s["cell_center"])
        note = esc(row.note)
        if row.deadline is not None:
            # Plain spaces: the narrow column wraps between words, never inside the date.
            due = f"Hạn: {local(row.deadline):%H:%M} ngày {format_date(row.deadline)}"
            note = f"{note}<br/>{due}" if note else due
        body.append([str(i), parties, at, mark, Paragraph(note, s["cell"])])
    return grid_table(
        ["TT", "Giao, nhận hồ sơ", "Thời gian giao, nhận", "Trước hạn / đúng hạn / quá hạn", "Ghi chú"],
        body,
        widths=widths,
        center_columns=(0, 2),
    )
