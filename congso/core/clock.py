"""The only clock the domain reads. Moments come from the server, never from a request (no backdating).

Tests move time with `time_machine`; nothing else should call datetime.now().
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def now() -> datetime:
    return timezone.now()


def local(moment: datetime) -> datetime:
    """The moment on Vietnamese wall-clock time (UTC+7, no DST)."""
    if timezone.is_naive(moment):
        raise ValueError("naive datetime: every moment in congso carries its time zone")
    return moment.astimezone(VN_TZ)


def vn(year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0) -> datetime:
    """Build an aware moment on Vietnamese time; handy in tests, fixtures and commands."""
    return datetime(year, month, day, hour, minute, second, tzinfo=VN_TZ)


def parse_local(text: str) -> datetime:
    """Parse ISO 8601 or the portal's yyyyMMddHHmmss; a moment without a zone is Vietnamese time."""
    text = text.strip()
    if len(text) == 14 and text.isdigit():
        moment = datetime.strptime(text, "%Y%m%d%H%M%S")
    else:
        moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VN_TZ)
    return moment
