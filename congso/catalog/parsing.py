"""Read the legal time limit (thời hạn giải quyết) out of the catalogue's free text. Pure functions.

The national portal states the limit per submission channel ("Trực tiếp: 5 Ngày làm việc; Trực tuyến: 3
Ngày làm việc"), sometimes as prose ("05 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"), sometimes without
a unit ("Trực tuyến: 1; Trực tiếp: 1", exactly what the portal page shows) or as scraping debris
("120,000"). The deadline of a dossier is a legal obligation, so this parser refuses to guess: anything it
cannot read with confidence yields no limit and a Vietnamese reason for an administrator.

Rules (decided here, tested in tests/test_parsing.py):
- "ngày làm việc" → working days; "ngày" alone → calendar days; "giờ" → hours.
- "tháng" → calendar days × 30, kept but flagged (a month is not a fixed number of days).
- "trong ngày" / "ngay trong ngày" → same-day service: `same_day=True` with 0.5 working day as the
  numeric fallback. The real rule is the 15:00 cut-off (domain.md §5.2.5): received before 15:00 →
  returned the same day, later → next working day. Half a working day never exceeds that window and
  counts the procedure as having a usable limit.
- Durations after "kéo dài" / "gia hạn" / "tăng thêm" in a sentence are extensions, not the limit, and are ignored.
- "Trực tiếp", "Trực tuyến" and "Dịch vụ bưu chính" give the direct, online and post limits (the
  portal's KenhThucHien 1/2/3); a text naming only post gives it to direct too; prose without a
  channel applies to every channel; a labelled channel with an empty cell inherits the single
  value the others agree on (flattened tables put the cells after the labels).
- No unit, several different limits for one channel, different units across channels (one unit field
  per version keeps deadline arithmetic unambiguous), zero or more than
  365 days → no limit, flagged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from congso.catalog.choices import ReviewCode, TimeUnit
from congso.core.text import vn_fold

MAX_DAYS = Decimal(365)
HOURS_PER_DAY_BOUND = Decimal(24)  # only for the plausibility bound; deadline arithmetic lives in workdays
DAYS_PER_MONTH = Decimal(30)
SAME_DAY_FALLBACK = Decimal("0.5")

_DIRECT, _ONLINE, _POST, _ALL = "direct", "online", "post", "all"
_LABELS = {"truc tiep": _DIRECT, "truc tuyen": _ONLINE, "dich vu buu chinh": _POST, "buu chinh": _POST}

# A channel label opens a cell only at the start of a line or after ";" / "|", optionally bulleted:
# "nộp hồ sơ trực tiếp tại …" inside prose is not a label.
_LABEL_RE = re.compile(
    r"(?:^|[;|])[ \t]*[-+•]*[ \t]*(dich vu buu chinh|buu chinh|truc tiep|truc tuyen)\b",
    re.M,
)
_NUMBER = r"(?<![\d/.,])(\d+(?:[.,]\d+)*)"
_DURATION_RE = re.compile(_NUMBER + r"\s*(?:\([^)]{1,20}\)\s*)?(ngay lam viec|ngay|gio lam viec|gio|thang)\b")
# "sau 15 giờ" is the cut-off clock time, not a duration.
_CLOCK_BEFORE_RE = re.compile(r"(?:sau|truoc|luc|tu|den|vao|qua)\s*$")
_SAME_DAY_RE = re.compile(r"(?<!\d )\btrong ngay\b")
_EXTENSION_RE = re.compile(r"keo dai|gia han|tang them")
_SENTENCE_RE = re.compile(r"\.(?!\d)|;|\n")
_BARE_NUMBER_RE = re.compile(r"^[\s:\-+•]*(\d+(?:[.,]\d+)*(?:\s*-\s*\d+)?)[\s.;]*$")
_NOT_SPECIFIED_RE = re.compile(r"khong quy dinh")


@dataclass(frozen=True)
class Duration:
    amount: Decimal
    unit: str  # a TimeUnit value, or "month" before conversion
    same_day: bool = False


@dataclass(frozen=True)
class TimeLimit:
    days_direct: Decimal | None
    days_online: Decimal | None
    days_post: Decimal | None
    unit: str
    same_day: bool = False
    review_code: str = ReviewCode.NONE
    review_reason: str = ""

    @property
    def needs_review(self) -> bool:
        return bool(self.review_code)

    @property
    def usable(self) -> bool:
        return any(d is not None for d in (self.days_direct, self.days_online, self.days_post))


def _flag(code: str, reason: str) -> TimeLimit:
    return TimeLimit(None, None, None, TimeUnit.UNKNOWN, review_code=code, review_reason=reason)


def parse_number(text: str) -> Decimal | None:
    """'05' → 5, '1.5' → 1.5, '0,5' → 0.5; '120,000' / '1.100' (thousand groups) → 120000 / 1100."""
    parts = re.split(r"[.,]", text)
    if len(parts) == 1:
        return Decimal(text)
    if all(len(p) == 3 for p in parts[1:]):
        return Decimal("".join(parts))
    if len(parts) == 2:
        return Decimal(f"{parts[0]}.{parts[1]}")
    return None


def _fold_lines(text: str) -> str:
    # vn_fold squeezes newlines too; fold line by line so labels at line starts stay recognisable.
    return "\n".join(vn_fold(line) for line in text.splitlines())


def _unit_of(word: str) -> str:
    if word == "ngay lam viec":
        return TimeUnit.WORKING_DAY
    if word == "ngay":
        return TimeUnit.CALENDAR_DAY
    if word.startswith("gio"):
        return TimeUnit.HOUR
    return "month"


def _durations(cell: str) -> list[Duration]:
    found: list[Duration] = []
    for sentence in _SENTENCE_RE.split(cell.replace("ngay ngay", "ngay")):
        extension = _EXTENSION_RE.search(sentence)
        if extension:
            sentence = sentence[: extension.start()]
        for match in _DURATION_RE.finditer(sentence):
            unit = _unit_of(match.group(2))
            if unit == TimeUnit.HOUR and _CLOCK_BEFORE_RE.search(sentence[: match.start()]):
                continue
            amount = parse_number(match.group(1))
            if amount is not None:
                found.append(Duration(amount, unit))
        if _SAME_DAY_RE.search(sentence):
            found.append(Duration(SAME_DAY_FALLBACK, TimeUnit.WORKING_DAY, same_day=True))
    return found


def _cells(folded: str) -> list[tuple[str, str]]:
    """Split into (channel, cell text); text before the first label belongs to every channel."""
    labels = list(_LABEL_RE.finditer(folded))
    cells: list[tuple[str, str]] = []
    start_text = folded[: labels[0].start()] if labels else folded
    if start_text.strip(" \n;|-+:"):
        cells.append((_ALL, start_text))
    for i, match in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(folded)
        cells.append((_LABELS[match.group(1)], folded[match.end() : end].lstrip(" \t:-")))
    return cells


def _describe(values: set[Duration]) -> str:
    labels = {TimeUnit.WORKING_DAY: "ngày làm việc", TimeUnit.CALENDAR_DAY: "ngày", TimeUnit.HOUR: "giờ"}
    shown = []
    for d in sorted(values, key=lambda v: (v.unit, v.amount)):
        shown.append(
            "trong ngày" if d.same_day else f"{d.amount.normalize():f} {labels.get(d.unit, 'tháng')}"
        )
    return ", ".join(shown)


def is_plausible(amount: Decimal, unit: str) -> bool:
    """More than zero and at most a year (hours counted against 24-hour days for this bound only)."""
    days = amount / HOURS_PER_DAY_BOUND if unit == TimeUnit.HOUR else amount
    return Decimal(0) < days <= MAX_DAYS


def parse_processing_time(text: str | None) -> TimeLimit:
    """Direct and online limits and their unit, or no limit with a review code and Vietnamese reason."""
    if not text or not text.strip():
        return _flag(ReviewCode.MISSING, "Nguồn không ghi thời hạn giải quyết.")
    folded = _fold_lines(text)
    per_channel: dict[str, set[Duration]] = {}
    empty_channels: set[str] = set()
    bare_numbers: list[str] = []
    for channel, cell in _cells(folded):
        found = _durations(cell)
        if found:
            per_channel.setdefault(channel, set()).update(found)
        elif bare := _BARE_NUMBER_RE.match(cell):
            bare_numbers.append(bare.group(1))
        elif not cell.strip(" \n;|-+:."):
            empty_channels.add(channel)
    everything = set().union(*per_channel.values()) if per_channel else set()

    if not everything:
        if bare_numbers:
            return _flag(
                ReviewCode.NO_UNIT,
                f"Thời hạn không ghi đơn vị ({', '.join(bare_numbers)}): cần ghi rõ ngày làm việc, ngày hay giờ.",
            )
        if _NOT_SPECIFIED_RE.search(folded):
            return _flag(
                ReviewCode.NOT_SPECIFIED,
                "Nguồn ghi thời hạn là 'Không quy định': cần xác nhận thủ tục không có hạn giải quyết.",
            )
        return _flag(ReviewCode.UNPARSED, "Không đọc được thời hạn giải quyết từ văn bản nguồn.")
    if bare_numbers:
        return _flag(
            ReviewCode.NO_UNIT,
            f"Có kênh ghi thời hạn không kèm đơn vị ({', '.join(bare_numbers)}): cần ghi rõ đơn vị.",
        )

    # A channel cell left empty by a flattened table inherits the one value every other cell agrees on.
    if len(everything) == 1:
        for channel in empty_channels:
            per_channel.setdefault(channel, set(everything))
    for values in per_channel.values():
        if len(values) > 1:
            return _flag(
                ReviewCode.AMBIGUOUS,
                f"Có nhiều thời hạn khác nhau ({_describe(values)}) cho cùng một kênh: cần chọn thời hạn áp dụng.",
            )

    def single(channel: str) -> Duration | None:
        values = per_channel.get(channel)
        return next(iter(values)) if values else None

    common = single(_ALL)
    post = single(_POST) or common
    direct = single(_DIRECT) or post
    online = single(_ONLINE) or common
    chosen = [d for d in (direct, online, post) if d is not None]
    units = {d.unit for d in chosen}
    if len(units) > 1 or len({d.same_day for d in chosen}) > 1:
        return _flag(
            ReviewCode.MIXED_UNITS,
            f"Các kênh dùng đơn vị thời hạn khác nhau ({_describe(set(chosen))}): cần thống nhất một đơn vị.",
        )
    unit = units.pop()
    review_code, reason = ReviewCode.NONE, ""
    if unit == "month":
        direct, online, post = (
            Duration(d.amount * DAYS_PER_MONTH, TimeUnit.CALENDAR_DAY) if d else None
            for d in (direct, online, post)
        )
        unit = TimeUnit.CALENDAR_DAY
        review_code = ReviewCode.MONTHS
        reason = "Thời hạn tính bằng tháng, đã quy đổi 30 ngày/tháng: cần xác nhận số ngày."
    for d in (direct, online, post):
        if d is not None and not is_plausible(d.amount, unit):
            return _flag(
                ReviewCode.IMPLAUSIBLE,
                f"Thời hạn không hợp lý ({_describe({d})}): phải lớn hơn 0 và không quá 365 ngày.",
            )
    return TimeLimit(
        days_direct=direct.amount if direct else None,
        days_online=online.amount if online else None,
        days_post=post.amount if post else None,
        unit=unit,
        same_day=any(d.same_day for d in chosen),
        review_code=review_code,
        review_reason=reason,
    )
