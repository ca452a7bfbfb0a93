"""Vietnamese text helpers: folding for search, display formats for dates and money."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from congso.core.clock import local

_SPACES = re.compile(r"\s+")


def vn_fold(text: str | None) -> str:
    """Lower-case, strip diacritics (đ → d too, which NFD does not decompose) and squeeze spaces.

    'Đăng ký khai sinh' and 'dang ky khai sinh' fold to the same string, so a citizen typing
    without tones finds what an officer typed with them.
    """
    if not text:
        return ""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped.lower()).strip()


def format_date(value: date | datetime | None) -> str:
    """dd/mm/yyyy, on Vietnamese time for moments."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local(value)
    return value.strftime("%d/%m/%Y")


def format_moment(value: datetime | None) -> str:
    if value is None:
        return ""
    return local(value).strftime("%H:%M %d/%m/%Y")


def format_number(value: int | Decimal | None) -> str:
    """Whole numbers with dot thousands (57.393), as Vietnamese reports print them."""
    if value is None or value == "":
        return ""
    whole = int(Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    sign = "-" if whole < 0 else ""
    return f"{sign}{abs(whole):,}".replace(",", ".")


def format_vnd(amount: int | Decimal | None) -> str:
    """Money in VND with dot thousands: 1.250.000 đ."""
    if amount is None:
        return ""
    return format_number(amount) + " đ"


def round_percent(numerator: int, denominator: int) -> Decimal | None:
    """numerator ÷ denominator × 100, rounded half-up to 2 decimals (domain.md §12); None if no denominator."""
    if not denominator:
        return None
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
