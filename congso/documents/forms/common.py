"""What the one-stop forms share: the applicant block, the hand-over mark and the form references.

The forms are those of the appendix of Circular 01/2018/TT-VPCP (guiding Decree 61/2018/NĐ-CP),
still the layout offices print under Decree 118/2025/NĐ-CP. Circular 03/2025/TT-VPCP (15/9/2025,
Appendix I) keeps them and renumbers from 04 on: 04 becomes "Văn bản xin lỗi và đề nghị gia hạn
thời gian giải quyết", a new 05 is the stop notice (Thông báo dừng giải quyết hồ sơ), the
process-control slip becomes 06 and the register 07. Every footer names both numbers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from reportlab.platypus import Flowable

from congso.documents.pdf import FRAME_WIDTH, field, fields_row


@dataclass(frozen=True)
class FormRef:
    number_2018: str  # Circular 01/2018/TT-VPCP
    number_2025: str  # Circular 03/2025/TT-VPCP, Appendix I

    def footer(self, code: str) -> tuple[str, ...]:
        return (
            f"Mẫu số {self.number_2018} Thông tư 01/2018/TT-VPCP "
            f"(Mẫu số {self.number_2025} Thông tư 03/2025/TT-VPCP)",
            f"Mã hồ sơ: {code}",
        )


RECEIPT = FormRef("01", "01")
SUPPLEMENT = FormRef("02", "02")
REFUSAL = FormRef("03", "03")
APOLOGY = FormRef("04", "04")
CONTROL_SLIP = FormRef("05", "06")


@dataclass(frozen=True)
class Party:
    """The applicant (chủ hồ sơ) as the forms print it; `salutation` is 'Ông/Bà' for a citizen and
    'Tổ chức' for an organisation."""

    full_name: str
    id_number: str = ""
    id_label: str = "Số định danh cá nhân"
    address: str = ""
    phone: str = ""
    email: str = ""
    salutation: str = "Ông/Bà"


class Mark(StrEnum):
    """The process-control slip's mark for each hand-over (domain.md §4.2): against the step's
    deadline, by calendar date for early, by the exact moment for late."""

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"

    @property
    def label(self) -> str:
        return {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Quá hạn"}[self.value]


def party_fields(party: Party, *, name_label: str | None = None) -> Sequence[Flowable]:
    """Name (bold), identity number, address, then phone and e-mail on one line."""
    return [
        field(name_label or party.salutation, party.full_name, strong=True),
        field(party.id_label, party.id_number),
        field("Địa chỉ", party.address),
        fields_row([("Số điện thoại", party.phone), ("Thư điện tử", party.email)], width=FRAME_WIDTH),
    ]
