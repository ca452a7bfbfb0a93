"""VietQR (NAPAS 247 transfer QR) payloads: EMVCo merchant-presented QR, tag-length-value.

Layout (domain.md §8; EMVCo QRCPS-MPM; NAPAS VietQR specification):

    00 payload format indicator "01"
    01 point of initiation: "12" dynamic (one amount, one dossier) or "11" static
    38 merchant account: 00 GUID "A000000727" · 01 beneficiary (00 bank BIN, 01 account) · 02 "QRIBFTTA"
    53 currency "704" (VND) · 54 amount · 58 country "VN" · 59 name · 60 city (only when given)
    62 additional data: 08 purpose of transaction = the dossier code
    63 CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF) over everything before it, including "6304"

The payload is checked against vectors produced by the npm package `vietnam-qr-pay`
(see payments/tests/vietqr_vectors.json).
"""

from __future__ import annotations

import binascii
import io
import re
from dataclasses import dataclass

import segno

GUID = "A000000727"
SERVICE_ACCOUNT = "QRIBFTTA"  # transfer to an account (QRIBFTTC would be to a card)
CURRENCY_VND = "704"
COUNTRY = "VN"
_ASCII = re.compile(r"^[\x20-\x7e]*$")


@dataclass(frozen=True)
class Beneficiary:
    bank_bin: str  # 6-digit NAPAS bank identification number, e.g. 970405
    account: str
    name: str = ""  # tag 59, plain ASCII capitals as banks print them
    city: str = ""  # tag 60


def tlv(tag: str, value: str) -> str:
    if len(tag) != 2 or not tag.isdigit():
        raise ValueError(f"bad EMVCo tag {tag!r}")
    if len(value) > 99:
        raise ValueError(f"EMVCo field {tag} longer than 99 characters")
    return f"{tag}{len(value):02d}{value}"


def crc16(data: str) -> str:
    """CRC-16/CCITT-FALSE as 4 upper-case hex digits (binascii.crc_hqx is that CRC with init 0xFFFF)."""
    return f"{binascii.crc_hqx(data.encode('utf-8'), 0xFFFF):04X}"


def build_payload(beneficiary: Beneficiary, *, amount_vnd: int | None = None, purpose: str = "") -> str:
    """The VietQR string a banking app reads. With an amount it is dynamic (12), else static (11)."""
    if not (len(beneficiary.bank_bin) == 6 and beneficiary.bank_bin.isdigit()):
        raise ValueError("bank BIN must be 6 digits")
    if not beneficiary.account or not beneficiary.account.isalnum() or len(beneficiary.account) > 19:
        raise ValueError("account must be 1-19 letters or digits")
    for text in (purpose, beneficiary.name, beneficiary.city):
        if not _ASCII.match(text):
            raise ValueError("VietQR text fields must be plain ASCII (no diacritics)")
    if amount_vnd is not None and not (0 < amount_vnd < 10**13):
        raise ValueError("amount must be a positive whole number of đồng")
    account_info = tlv("00", beneficiary.bank_bin) + tlv("01", beneficiary.account)
    merchant = tlv("00", GUID) + tlv("01", account_info) + tlv("02", SERVICE_ACCOUNT)
    parts = [
        tlv("00", "01"),
        tlv("01", "12" if amount_vnd else "11"),
        tlv("38", merchant),
        tlv("53", CURRENCY_VND),
    ]
    if amount_vnd:
        parts.append(tlv("54", str(int(amount_vnd))))
    parts.append(tlv("58", COUNTRY))
    if beneficiary.name:
        parts.append(tlv("59", beneficiary.name[:25]))
    if beneficiary.city:
        parts.append(tlv("60", beneficiary.city[:15]))
    if purpose:
        parts.append(tlv("62", tlv("08", purpose[:25])))
    body = "".join(parts) + "6304"
    return body + crc16(body)


def parse(payload: str) -> dict[str, str]:
    """Top-level tags of a payload (nested ones stay as strings); raises ValueError if malformed or
    if the CRC does not match."""
    if len(payload) < 8 or payload[-8:-4] != "6304" or crc16(payload[:-4]) != payload[-4:].upper():
        raise ValueError("bad VietQR CRC")
    fields: dict[str, str] = {}
    i = 0
    while i < len(payload):
        tag, size = payload[i : i + 2], payload[i + 2 : i + 4]
        if not size.isdigit():
            raise ValueError("bad EMVCo length")
        fields[tag] = payload[i + 4 : i + 4 + int(size)]
        i += 4 + int(size)
    return fields


def qr_svg(payload: str) -> str:
    """An inline SVG (for the page; segno, error level M like the printed slips)."""
    out = io.BytesIO()
    segno.make(payload, error="m", micro=False).save(
        out, kind="svg", scale=5, border=4, xmldecl=False, svgns=True, title="Mã VietQR"
    )
    return out.getvalue().decode("utf-8")


def purpose_for(dossier_code: str) -> str:
    """The dossier code as transfer purpose; ASCII only, 25 characters at most (tag 62-08)."""
    return re.sub(r"[^0-9A-Za-z.\-]", "", dossier_code)[:25]
