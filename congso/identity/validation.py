"""Checks on identity numbers, with Vietnamese messages and stable codes."""

from __future__ import annotations

import re

from stdnum.vn import mst

from congso.core.errors import InvalidInput

# Province codes used in the first three digits of the 12-digit personal identification number
# (Decree 137/2015/NĐ-CP art. 13; Circular 59/2021/TT-BCA art. 7): the 63 pre-2025 provinces,
# GSO codes 001–096 with gaps. Numbers issued before the 2025 mergers keep their old code.
_BIRTH_PROVINCE_CODES = frozenset(
    "001 002 004 006 008 010 011 012 014 015 017 019 020 022 024 025 026 027 030 031 033 034 035 036 037 "
    "038 040 042 044 045 046 048 049 051 052 054 056 058 060 062 064 066 067 068 070 072 074 075 077 079 "
    "080 082 083 084 086 087 089 091 092 093 094 095 096".split()
)
_DIGITS = re.compile(r"^\d+$")


def clean_personal_id(raw: str) -> str:
    """A 12-digit personal identification number (số định danh cá nhân / CCCD).

    Structure (Circular 59/2021/TT-BCA art. 7): 3 digits = province where the birth was registered,
    1 digit = sex and century of birth, 2 digits = year of birth, 6 random digits. There is no check
    digit, so we check length, the province code and the century digit.
    """
    number = re.sub(r"[\s.-]", "", raw or "")
    if not number:
        raise InvalidInput(
            "id_required", "Vui lòng nhập số định danh cá nhân.", fields={"id_number": "bắt buộc"}
        )
    if not _DIGITS.match(number) or len(number) != 12:
        raise InvalidInput(
            "invalid_personal_id",
            "Số định danh cá nhân phải gồm đúng 12 chữ số.",
            fields={"id_number": "phải gồm 12 chữ số"},
        )
    if number[:3] not in _BIRTH_PROVINCE_CODES:
        raise InvalidInput(
            "invalid_personal_id",
            f"Số định danh cá nhân không hợp lệ: mã tỉnh nơi đăng ký khai sinh '{number[:3]}' không tồn tại.",
            fields={"id_number": "mã tỉnh không tồn tại"},
        )
    return number


def clean_old_id_card(raw: str) -> str:
    """A 9-digit identity card (chứng minh nhân dân) still seen on historical records."""
    number = re.sub(r"\s", "", raw or "")
    if not _DIGITS.match(number) or len(number) != 9:
        raise InvalidInput(
            "invalid_id_card",
            "Số chứng minh nhân dân phải gồm đúng 9 chữ số.",
            fields={"id_number": "9 chữ số"},
        )
    return number


def clean_tax_code(raw: str) -> str:
    """An enterprise or individual tax code (mã số thuế): 10 digits with a check digit, or 13 for a
    branch (10 + '-' + 3), as issued under Circular 105/2020/TT-BTC art. 5. Since 01/07/2025 an
    individual's tax code is the 12-digit personal identification number (Circular 86/2024/TT-BTC)."""
    number = re.sub(r"\s", "", raw or "")
    if len(number) == 12 and _DIGITS.match(number):
        return clean_personal_id(number)
    if mst.is_valid(number):
        return mst.format(number)
    raise InvalidInput(
        "invalid_tax_code",
        "Mã số thuế không hợp lệ: cần 10 chữ số (hoặc 10 chữ số, dấu '-' và 3 chữ số cho chi nhánh) "
        "với chữ số kiểm tra đúng.",
        fields={"id_number": "mã số thuế không hợp lệ"},
    )
