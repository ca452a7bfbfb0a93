"""Messages of the national payment platform (Nền tảng thanh toán của Cổng DVCQG), domain.md §8.

MaXacThuc = hex SHA-256 of the message's fields joined with '|' in the fixed order below, then '|'
and the shared secret. Timestamps are yyyyMMddHHmmss on Vietnamese time. MaLoi "00" is success.
The field orders live here and nowhere else, so adapting to the platform's published order is a
one-line change; the fake and the real adapter share them.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings

from congso.core import clock

VERSION = "1.0.6"  # PhienBan
PAY = "PAY"  # LoaiHinhThanhToan
VND = "VND"  # MaTienTe
SUCCESS = "00"
CANCELLED_BY_PAYER = "09"
FAILED = "99"

# Replies to CONFIRM: "00" taken (also for a duplicate or late one: the platform must stop resending).
REPLY_OK = "00"
REPLY_BAD_HASH = "01"
REPLY_BAD_AMOUNT = "02"
REPLY_UNKNOWN = "03"

INIT_FIELDS = ("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "SoTien", "LoaiHinhThanhToan",
               "MaTienTe", "ThoiGianGD", "Ip")  # fmt: skip
CONFIRM_FIELDS = ("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "MaGiaoDich", "SoTien", "MaLoi",
                  "ThoiGianGD")  # fmt: skip
REPLY_FIELDS = ("MaLoi", "MaDoiTac", "MaThamChieu")
QUERY_FIELDS = ("LoaiBanTin", "PhienBan", "MaDoiTac", "MaThamChieu", "ThoiGianGD")
QUERY_RESULT_FIELDS = ("MaLoi", "MaDoiTac", "MaThamChieu", "MaGiaoDich", "SoTien", "TrangThai")


def secret() -> str:
    # Secrets come from the environment only (architecture.md principle 12); the default is for the
    # demo and the fake, never for production.
    return str(getattr(settings, "CONGSO_PAYMENT_SECRET", "demo-secret"))


def partner_code() -> str:
    return str(getattr(settings, "CONGSO_PAYMENT_PARTNER", "CONGSO"))


def checksum(message: Mapping[str, object], fields: tuple[str, ...], key: str) -> str:
    text = "|".join(str(message.get(name, "") or "") for name in fields) + "|" + key
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sign(message: dict[str, str], fields: tuple[str, ...], key: str) -> dict[str, str]:
    return {**message, "MaXacThuc": checksum(message, fields, key)}


def verify(message: Mapping[str, object], fields: tuple[str, ...], key: str) -> bool:
    given = str(message.get("MaXacThuc", "") or "").lower()
    return hmac.compare_digest(given.encode(), checksum(message, fields, key).encode())


def timestamp(moment: datetime | None = None) -> str:
    return clock.local(moment or clock.now()).strftime("%Y%m%d%H%M%S")


def status_of(ma_loi: str) -> str:
    """MaLoi to an attempt state: "00" success, "09" cancelled by the payer, anything else failed."""
    if ma_loi == SUCCESS:
        return "success"
    if ma_loi == CANCELLED_BY_PAYER:
        return "cancelled"
    return "failed"


@dataclass(frozen=True)
class BillLine:
    kind: str  # phi / le_phi
    description: str
    amount_vnd: int


@dataclass(frozen=True)
class BillInfo:
    """ThongTinBienLai: what the platform prints on the e-receipt it issues."""

    procedure_code: str  # MaTTHC
    procedure_name: str
    unit: str  # đơn vị thụ hưởng / cơ quan thu
    dossier_code: str  # MaHoSo
    beneficiary: str
    payer: str
    lines: tuple[BillLine, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        return {
            "MaTTHC": self.procedure_code,
            "TenTTHC": self.procedure_name,
            "DonViThu": self.unit,
            "MaHoSo": self.dossier_code,
            "NguoiThuHuong": self.beneficiary,
            "NguoiNop": self.payer,
            "DanhSachPhiLePhi": [
                {"LoaiPhi": line.kind, "NoiDung": line.description, "SoTien": line.amount_vnd}
                for line in self.lines
            ],
        }


@dataclass(frozen=True)
class InitRequest:
    reference: str  # MaThamChieu
    amount_vnd: int  # SoTien
    client_ip: str  # Ip
    bill: BillInfo
    return_url: str = ""


@dataclass(frozen=True)
class Confirm:
    """A CONFIRM whose MaXacThuc verified."""

    reference: str
    gateway_txn: str
    amount_vnd: int | None
    error_code: str
    status: str  # success / failed / cancelled
    raw: dict


@dataclass(frozen=True)
class QueryResult:
    reference: str
    status: str  # pending / success / failed / cancelled / unknown
    amount_vnd: int | None = None
    gateway_txn: str = ""
    error_code: str = ""
    raw: dict = field(default_factory=dict)


class GatewayError(Exception):
    """The platform refused or could not be reached; carries a Vietnamese message for the citizen."""

    def __init__(self, message: str, *, code: str = "gateway_error"):
        super().__init__(message)
        self.message = message
        self.code = code
