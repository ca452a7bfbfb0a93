"""Giấy xác nhận nộp hồ sơ trực tuyến: what the portal hands the citizen the moment an online dossier
is submitted (status 1), before any officer has looked at it.

Decree 45/2020/NĐ-CP asks the portal to confirm an online submission with the dossier code so the
applicant can follow it; the receipt and appointment slip (form 01, `printing.receipt_for`) only
exists once the one-stop unit has accepted the dossier, because only acceptance starts the clock.
This paper therefore says "submitted", never "received", and carries no due date.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from congso.core import clock
from congso.core.errors import Conflict
from congso.documents.pdf import (
    FRAME_WIDTH,
    Issuer,
    Meta,
    beside,
    esc,
    field,
    moment_text,
    national_header,
    numbered,
    paragraph,
    qr_figure,
    render,
    title_block,
)
from congso.dossiers.choices import Channel
from congso.dossiers.models import Dossier
from congso.dossiers.printing import lookup_url

QR_SIZE = 22 * mm
TITLE = "Giấy xác nhận nộp hồ sơ trực tuyến"


def submission_receipt_for(dossier: Dossier, components: Sequence[tuple[str, str]] = ()) -> bytes:
    """The confirmation PDF; `components` are (component name, file name) pairs the citizen sent."""
    if dossier.channel != Channel.ONLINE or dossier.submitted_at is None:
        raise Conflict("not_online", "Hồ sơ không được nộp trực tuyến nên không có giấy xác nhận nộp.")
    agency = dossier.agency
    province = agency.province
    issuer = Issuer(
        name="Cổng dịch vụ công", parent=province.name, place=province.short_name or province.name
    )
    url = lookup_url(dossier.code)
    version = dossier.procedure_version
    facts: list[Flowable] = [
        field("Người nộp", dossier.applicant.full_name, strong=True),
        field("Số định danh cá nhân", dossier.applicant.id_number),
        field("Thủ tục", f"{version.name} (mã thủ tục {dossier.procedure_code})"),
        field("Cơ quan giải quyết", agency.name),
        field("Thời điểm nộp", moment_text(dossier.submitted_at), strong=True),
        field("Hình thức nộp", Channel.ONLINE.label),
    ]
    story: list[Flowable] = [
        national_header(issuer, width=FRAME_WIDTH, number=None, day=clock.local(dossier.submitted_at)),
        *title_block(TITLE, f"Mã hồ sơ: <b>{esc(dossier.code)}</b>"),
        beside(
            facts,
            qr_figure(url, "Tra cứu hồ sơ", size=QR_SIZE),
            right_width=QR_SIZE + 4 * mm,
            width=FRAME_WIDTH,
        ),
        Spacer(1, 1.5 * mm),
    ]
    if components:
        story.append(paragraph("<b>Thành phần hồ sơ đã gửi:</b>"))
        story += numbered([f"{name} — tệp {filename}" for name, filename in components])
    story += [
        Spacer(1, 1.5 * mm),
        paragraph(
            "Hồ sơ đang chờ cơ quan có thẩm quyền kiểm tra và tiếp nhận. Giấy này xác nhận việc nộp hồ sơ, "
            "không phải giấy tiếp nhận hồ sơ và hẹn trả kết quả; thời hạn giải quyết được tính từ khi hồ sơ "
            "được tiếp nhận.",
            "note",
        ),
        paragraph(f"Tra cứu tình trạng hồ sơ: {esc(url)}", "qr_caption"),
    ]
    return render(
        story,
        Meta(
            title=f"{TITLE} — {dossier.code}",
            author=agency.name,
            subject=version.name,
            footer=(f"Mã hồ sơ: {dossier.code}",),
        ),
    )
