"""Checks of published arithmetic: does a printed percent follow from its own counts, do the parts of a
printed breakdown add up to the printed total?

Provincial plans and reports copy figures by hand, and some are off (Ninh Thuận's Decision 2314/QĐ-UBND
prints 2.796/2.877 = 97,19% where the counts give 97,18%). congso reproduces the published statistics
(domain.md §12), so it must say where the published arithmetic itself is wrong and show the correct
value, never copy the typo. Percentages are rounded half-up (domain.md §12), at the precision the
source printed (28,50% has two decimals, 39,3% one, 18% none).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from congso.core.errors import InvalidInput
from congso.core.text import format_number, round_percent
from congso.statistics.render import decimal_vn


@dataclass(frozen=True)
class Check:
    """One verdict on a published figure. `published` and `correct` are printed the Vietnamese way, at the
    published precision ("97,19%", "743"); `value` is the correct figure itself."""

    consistent: bool
    published: str
    correct: str
    value: Decimal | int
    message: str


def percent_of(numerator: int, denominator: int, places: int = 2) -> Decimal:
    """numerator ÷ denominator × 100 rounded half-up to `places` decimals: congso's rule
    (`round_percent`, 2 decimals), at the precision of the source when it printed fewer or more."""
    _check_counts(numerator=numerator, denominator=denominator)
    if denominator == 0:
        raise InvalidInput("denominator_zero", "Mẫu số bằng 0: không tính được tỷ lệ phần trăm.")
    if places == 2:
        return round_percent(numerator, denominator)  # type: ignore[return-value]
    exponent = Decimal(1).scaleb(-places)
    return (Decimal(numerator) * 100 / Decimal(denominator)).quantize(exponent, rounding=ROUND_HALF_UP)


def check_percent(
    *, numerator: int, denominator: int, published: str | Decimal | float | int, places: int | None = None
) -> Check:
    """Compare a published percent with its counts. `published` as printed ("97,19", "28,50%", 97.19);
    its number of decimals is the precision compared at, unless `places` says otherwise (a float loses
    the trailing zero of 28,50)."""
    shown = parse_published(published)
    if places is None:
        places = max(0, -shown.as_tuple().exponent)  # type: ignore[operator]
    if places < 0 or places > 6:
        raise InvalidInput("invalid_places", "Số chữ số thập phân phải từ 0 đến 6.")
    shown = shown.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    correct = percent_of(numerator, denominator, places)
    published_text, correct_text = decimal_vn(shown, places) + "%", decimal_vn(correct, places) + "%"
    verdict = "khớp" if shown == correct else "không khớp"
    message = (
        f"Số công bố {published_text} {verdict}: "
        f"{format_number(numerator)}/{format_number(denominator)} = {correct_text}"
    )
    return Check(shown == correct, published_text, correct_text, correct, message)


def check_total(*, parts: Mapping[str, int], published: int, label: str = "Tổng các thành phần") -> Check:
    """Compare a published total with the sum of its published parts ("Tổng các kênh 745 ≠ 743 công bố")."""
    if not parts:
        raise InvalidInput("parts_required", "Cần ít nhất một thành phần để kiểm tra tổng.")
    for name, value in parts.items():
        _check_counts(**{name: value})
    _check_counts(published=published)
    total = sum(parts.values())
    sign = "=" if total == published else "≠"
    message = f"{label} {format_number(total)} {sign} {format_number(published)} công bố"
    return Check(total == published, format_number(published), format_number(total), total, message)


_VN_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{3})*(?:,\d+)?$")  # 57.393 / 97,19 / 1.234,5
_THOUSANDS_ONLY = re.compile(r"^\d{1,3}(?:\.\d{3})+$")  # 57.393 (Vietnamese), never 57.39
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")  # 97.19 (as the JSON gives it)


def parse_published(value: str | Decimal | float | int) -> Decimal:
    """A published number as written: "97,19", "97,19 %", "57.393" (dot thousands), 97.19 or Decimal.
    A dot followed by exactly three digits groups thousands, as Vietnamese reports print them."""
    if isinstance(value, bool):
        raise InvalidInput("invalid_published", f"Số công bố “{value}” không phải là số.")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(repr(value))  # 97.19, not 97.18999999999999772626324556767940521240234375
    else:
        text = str(value).strip().removesuffix("%").strip()
        if _THOUSANDS_ONLY.match(text) or ("," in text and _VN_NUMBER.match(text)):
            text = text.replace(".", "").replace(",", ".")
        elif not _PLAIN.match(text):
            raise InvalidInput(
                "invalid_published", f"Số công bố “{value}” không đọc được; ví dụ hợp lệ: 97,19 hoặc 57.393."
            )
        result = Decimal(text)
    if not result.is_finite() or result < 0:
        raise InvalidInput("invalid_published", f"Số công bố “{value}” phải là số không âm.")
    return result


def _check_counts(**counts: object) -> None:
    for name, value in counts.items():
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidInput(
                "invalid_count", f"Số đếm “{name}” phải là số nguyên không âm, nhận được “{value}”."
            )


# --- a seed entry (congso/statistics/data/seed-figures.json) ------------------------------------------

_BREAKDOWNS = {
    "parts": "Tổng các thành phần",
    "by_channel": "Tổng các kênh",
    "by_category": "Tổng các lĩnh vực",
}


def printed_percent(value: float | int, quote: str | None) -> str:
    """The percent as the source printed it: the JSON keeps 28.5 for "28,50 %", so the quote, when it
    holds the figure, gives the precision back."""
    whole, _, frac = repr(value).partition(".")
    frac = "" if frac == "0" else frac
    pattern = re.escape(whole) + (r",(" + re.escape(frac) + r"\d*)" if frac else r"(?:,(0+))?") + r"(?!\d)"
    found = re.search(r"(?<![\d.,])" + pattern, quote or "")
    if found and found.group(1):
        return f"{whole},{found.group(1)}"
    return f"{whole},{frac}" if frac else whole


def check_seed(entry: Mapping[str, object]) -> list[Check]:
    """Every check a seed entry allows: its percent against its counts, and each breakdown (≥ 2 parts)
    against its total (`value`, or the denominator when the breakdown splits that). A single part is a
    subset ("trong đó"), not a breakdown, and is not summed."""
    checks: list[Check] = []
    numerator, denominator = entry.get("numerator"), entry.get("denominator")
    published = entry.get("published_percent")
    if numerator is not None and denominator is not None and published is not None:
        shown = printed_percent(published, entry.get("quote"))  # type: ignore[arg-type]
        checks.append(check_percent(numerator=numerator, denominator=denominator, published=shown))  # type: ignore[arg-type]
    total = entry.get("value", denominator)
    for key, label in _BREAKDOWNS.items():
        parts = entry.get(key)
        if isinstance(parts, Mapping) and len(parts) >= 2 and total is not None:
            checks.append(check_total(parts=parts, published=total, label=label))  # type: ignore[arg-type]
    for key, parts in entry.items():
        # Nested breakdowns carry their own total ({"total": 160, "market_pass": 5, …}).
        if isinstance(parts, Mapping) and "total" in parts and len(parts) >= 3:
            rest = {k: v for k, v in parts.items() if k != "total"}
            checks.append(check_total(parts=rest, published=parts["total"], label=f"Tổng mục “{key}”"))  # type: ignore[arg-type]
    return checks
