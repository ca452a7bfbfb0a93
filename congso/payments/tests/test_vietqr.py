"""VietQR payloads against vectors produced by the npm package vietnam-qr-pay (see the JSON file's
note), and the CRC against the published CRC-16/CCITT-FALSE check value."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from congso.payments import vietqr

VECTORS = json.loads((Path(__file__).parent / "vietqr_vectors.json").read_text(encoding="utf-8"))["vectors"]


def test_crc_is_ccitt_false():
    # The catalogue check value of CRC-16/CCITT-FALSE over "123456789" is 0x29B1.
    assert vietqr.crc16("123456789") == "29B1"


@pytest.mark.parametrize("vector", VECTORS, ids=lambda v: v["payload"][-4:])
def test_payload_matches_the_reference_implementation(vector):
    given = vector["input"]
    beneficiary = vietqr.Beneficiary(
        bank_bin=given["bankBin"],
        account=given["bankNumber"],
        name=given.get("merchantName", ""),
        city=given.get("city", ""),
    )
    amount = int(given["amount"]) if "amount" in given else None
    assert (
        vietqr.build_payload(beneficiary, amount_vnd=amount, purpose=given.get("purpose", ""))
        == vector["payload"]
    )


def test_dossier_payload_fields():
    payload = vietqr.build_payload(
        vietqr.Beneficiary("970405", "3701205012345"), amount_vnd=250000, purpose="000.00.16.H56-260302-0001"
    )
    fields = vietqr.parse(payload)
    assert (
        fields["00"] == "01" and fields["01"] == "12" and fields["53"] == "704" and fields["54"] == "250000"
    )
    assert fields["38"].startswith("0010A000000727") and "0208QRIBFTTA" in fields["38"]
    assert fields["62"] == "0825000.00.16.H56-260302-0001" and fields["58"] == "VN"
    with pytest.raises(ValueError):
        vietqr.parse(payload[:-1] + ("0" if payload[-1] != "0" else "1"))


@pytest.mark.parametrize(
    "kwargs",
    [
        {"amount_vnd": 0},
        {"amount_vnd": -5},
        {"purpose": "Lệ phí"},
    ],
)
def test_invalid_input_is_refused(kwargs):
    with pytest.raises(ValueError):
        vietqr.build_payload(vietqr.Beneficiary("970405", "123"), **{"amount_vnd": 1000, **kwargs})
    with pytest.raises(ValueError):
        vietqr.build_payload(vietqr.Beneficiary("97040", "123"), amount_vnd=1000)


def test_purpose_and_svg():
    assert vietqr.purpose_for("000.00.16.H56-260302-0001 ") == "000.00.16.H56-260302-0001"
    svg = vietqr.qr_svg(vietqr.build_payload(vietqr.Beneficiary("970405", "123"), amount_vnd=1000))
    assert svg.startswith("<svg") and "Mã VietQR" in svg
