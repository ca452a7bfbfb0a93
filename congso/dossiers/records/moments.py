"""Moments of the national portal's records: `yyyyMMddHHmmss`, 24-hour, Asia/Ho_Chi_Minh (dossier-record.md).

Seconds are the format's precision: a live moment with microseconds is written truncated, so an export
read back and exported again gives the same text.
"""

from __future__ import annotations

import re
from datetime import datetime

from congso.core.clock import VN_TZ, local

_SHAPE = re.compile(r"^\d{14}$")


class MomentError(ValueError):
    """Not a yyyyMMddHHmmss moment; the message is Vietnamese and names the value."""


def parse(value: object) -> datetime:
    """`20260105080000` (a string, or a 14-digit integer as some systems write it) → aware datetime."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise MomentError(f"“{value}” không phải thời điểm dạng yyyyMMddHHmmss.")
    text = str(value).strip()
    if not _SHAPE.match(text):
        raise MomentError(f"“{text}” không phải thời điểm dạng yyyyMMddHHmmss (14 chữ số).")
    try:
        # Slicing, not strptime: a province's history has millions of moments.
        return datetime(
            int(text[0:4]), int(text[4:6]), int(text[6:8]), int(text[8:10]), int(text[10:12]), int(text[12:14]),
            tzinfo=VN_TZ,
        )  # fmt: skip
    except ValueError as exc:
        raise MomentError(f"“{text}” không phải ngày giờ có thật.") from exc


def render(moment: datetime) -> str:
    """Aware datetime → `yyyyMMddHHmmss` on Vietnamese wall-clock time."""
    return local(moment).strftime("%Y%m%d%H%M%S")


def truncate(moment: datetime | None) -> datetime | None:
    """The moment at the format's precision (whole seconds)."""
    return None if moment is None else moment.replace(microsecond=0)
