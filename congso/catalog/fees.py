"""Read fee lines (phí, lệ phí) out of the catalogue's fee text. Pure functions, deliberately conservative.

The portal prints one cell per channel ("Trực tuyến: Miễn phí | Trực tiếp: 100,000 Việt Nam Đồng (…)").
Its amount column is unreliable: "135 VNĐ (Lệ phí … 135.000 đồng/lần)" is off by a thousand, "20,000,000
Việt Nam Đồng (áp dụng mức phí 10.000.000 đồng/hồ sơ … đến hết ngày 31/12/2026)" is superseded by its own
note, and "Miễn phí (Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh … quyết định)" is not free at all. A fee
shown to a citizen or charged through the payment platform must be right, so an amount is kept only when
the text states it once and nothing contradicts it; otherwise the line keeps its text and no amount.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from congso.catalog.choices import Channel, FeeKind
from congso.core.text import vn_fold

MIN_PLAUSIBLE_VND = 1_000  # the smallest statutory fee seen is 2.000 đ; "135 VNĐ" means 135.000 đ

_CHANNELS = {"truc tiep": Channel.DIRECT, "truc tuyen": Channel.ONLINE, "dich vu buu chinh": Channel.POST}
_CELL_RE = re.compile(r"(?:^|\s\|\s)(Trực tiếp|Trực tuyến|Dịch vụ bưu chính):\s*")
_LINE_SPLIT_RE = re.compile(r";\s*(?=(?:Lệ phí|Phí)\s*:)")
_LABEL_RE = re.compile(r"^(Lệ phí|Phí)\s*:\s*", re.I)
_AMOUNT_RE = re.compile(r"^(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(Việt Nam Đồng|VNĐ|VND|Đồng|đồng|đ)(?![\w])", re.I)
_FOREIGN_RE = re.compile(r"^\d[\d.,]*\s*(USD|EUR)\b", re.I)
_NOTE_AMOUNT_RE = re.compile(r"(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(triệu đồng|triệu|đồng|đ\b|vnđ|vnd)", re.I)
# Words that make an amount conditional (tiers, percentages, minimums, cases, temporary exemptions such
# as Circular 40/2026/TT-BTC's "Miễn … từ ngày 07/4/2026 đến 30/6/2026"): keep the text, drop the number.
_CONDITIONAL_RE = re.compile(
    r"%|\bdưới\b|\btrên\b|tối thiểu|tối đa|\bmiễn\b|trường hợp|đối với|áp dụng đến|\btừ\b.+\bđến\b", re.I
)
# A note that only repeats "there is nothing to pay".
_NOTHING_NOTE_RE = re.compile(
    r"^[\s\-–.]*(không|không có|không thu|không quy định|chưa quy định|fees amount 0.*)[\s.]*$", re.I
)
_EXEMPT_MAIN_RE = re.compile(r"^(miễn phí|miễn|không|không thu phí|không thu lệ phí|không thu)\.?$", re.I)
_ZERO_MAIN_RE = re.compile(r"^(0|không|o)\s*(đồng|vnđ|việt nam đồng)?$", re.I)
# Scraping debris: some records carry the time-limit cells in the fee column.
_TIME_DEBRIS_RE = re.compile(r"^\s*-\s*(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)\s*-\s*\d+\s*(Ngày|Giờ)", re.I)


@dataclass(frozen=True)
class FeeItem:
    channel: str
    kind: str
    description: str
    amount_vnd: int | None
    exempt: bool


def _to_int(number: str) -> int:
    return int(re.sub(r"[.,]", "", number))


def _split_note(body: str) -> tuple[str, str]:
    """'100,000 VNĐ (Phí thẩm định)' → ('100,000 VNĐ', 'Phí thẩm định')."""
    if "(" not in body:
        return body.strip(), ""
    main, _, rest = body.partition("(")
    note = rest[:-1] if rest.endswith(")") else rest
    return main.strip(), note.strip()


def _kind_of(label: str, text: str) -> str:
    if label:
        return FeeKind.ADMIN_FEE if label.lower().startswith("lệ") else FeeKind.CHARGE
    folded = vn_fold(text).replace("mien phi", "")
    has_admin_fee = "le phi" in folded
    has_charge = re.search(r"(?<!le )\bphi\b", folded) is not None
    if has_admin_fee and not has_charge:
        return FeeKind.ADMIN_FEE
    if has_charge and not has_admin_fee:
        return FeeKind.CHARGE
    return FeeKind.UNKNOWN


def _note_amounts(note: str) -> set[int]:
    amounts = set()
    for number, unit in _NOTE_AMOUNT_RE.findall(note):
        value = _to_int(number)
        amounts.add(value * 1_000_000 if unit.lower().startswith("triệu") else value)
    return amounts


def parse_fee_line(body: str, *, channel: str = Channel.ALL) -> FeeItem:
    """One fee statement ('Phí : 50.000 Đồng (…)', 'Miễn phí', '100 USD') → a FeeItem."""
    text = " ".join(body.split())
    label_match = _LABEL_RE.match(text)
    label = label_match.group(1) if label_match else ""
    rest = text[label_match.end() :] if label_match else text
    main, note = _split_note(rest)
    kind = _kind_of(label, f"{main} {note}")

    def item(amount: int | None, exempt: bool) -> FeeItem:
        return FeeItem(channel=channel, kind=kind, description=text, amount_vnd=amount, exempt=exempt)

    if _EXEMPT_MAIN_RE.match(main) or (label and _ZERO_MAIN_RE.match(main)):
        # "Miễn phí (Mức lệ phí do HĐND tỉnh quyết định)" is the portal's empty amount, not an exemption.
        if not note or _NOTHING_NOTE_RE.match(note):
            return item(0, True)
        return item(None, False)
    if _FOREIGN_RE.match(main):
        return item(None, False)  # collected in VND at the day's rate: no fixed VND amount
    amount_match = _AMOUNT_RE.match(main)
    if not amount_match:
        return item(None, False)
    amount = _to_int(amount_match.group(1))
    mentioned = _note_amounts(note)
    if _CONDITIONAL_RE.search(note) or (mentioned and mentioned != {amount}):
        return item(None, False)
    if amount == 0:
        return item(0, True)
    if amount < MIN_PLAUSIBLE_VND and amount not in mentioned:
        return item(None, False)
    return item(amount, False)


def _cells(text: str) -> list[tuple[str, str]]:
    matches = list(_CELL_RE.finditer(text))
    if not matches or matches[0].start() != 0:
        return [(Channel.ALL, text)]
    cells = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        cells.append((_CHANNELS[vn_fold(match.group(1))], text[match.end() : end].strip()))
    return cells


def parse_fees(text: str | None) -> list[FeeItem]:
    """All fee lines of a fee text. Identical cells for every channel collapse to one line per fee."""
    if not text or not text.strip() or _TIME_DEBRIS_RE.match(text):
        return []
    per_channel: dict[str, list[FeeItem]] = {}
    for channel, cell in _cells(text.strip()):
        lines = [part for part in _LINE_SPLIT_RE.split(cell) if part.strip()]
        for line in lines:
            parsed = parse_fee_line(line, channel=channel)
            bucket = per_channel.setdefault(channel, [])
            if parsed not in bucket:  # the portal sometimes prints a cell twice
                bucket.append(parsed)
    if len(per_channel) > 1:
        shapes = {
            tuple((i.kind, i.description, i.amount_vnd, i.exempt) for i in items)
            for items in per_channel.values()
        }
        if len(shapes) == 1:
            first = next(iter(per_channel.values()))
            return [FeeItem(Channel.ALL, i.kind, i.description, i.amount_vnd, i.exempt) for i in first]
    return [line for items in per_channel.values() for line in items]
