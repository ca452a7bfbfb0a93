"""The fake SMS/Zalo gateway: records every message in memory and logs it, sends nothing."""

from __future__ import annotations

import logging
import re

from congso.core import clock
from congso.integration.notify.base import NotifyFailed, SentMessage

log = logging.getLogger("congso.integration.notify")

# Vietnamese mobile numbers: 0 + 9 digits, or +84 / 84 + 9 digits (Decision 798/QĐ-BTTTT numbering).
_PHONE = re.compile(r"^(?:\+?84|0)\d{9}$")
MAX_SMS = 612  # four concatenated 153-character GSM segments; longer texts are cut, never refused


def normalise_phone(phone: str) -> str:
    digits = re.sub(r"[\s.()-]", "", phone or "")
    if not _PHONE.match(digits):
        raise NotifyFailed(f"not a Vietnamese mobile number: {phone!r}")
    return "0" + digits[-9:]


class FakeNotifier:
    """Keeps what a real gateway would have sent. `FakeNotifier.sent` is shared by every instance so
    a test can read what a handler sent through the instance it built itself."""

    sent: list[SentMessage] = []  # shared on purpose, see the docstring

    def send_sms(self, phone: str, text: str) -> None:
        self._record("sms", phone, text)

    def send_zalo(self, phone: str, text: str) -> None:
        self._record("zalo", phone, text)

    @classmethod
    def clear(cls) -> None:
        cls.sent.clear()

    def _record(self, channel: str, phone: str, text: str) -> None:
        message = SentMessage(channel, normalise_phone(phone), text[:MAX_SMS], clock.now())
        type(self).sent.append(message)
        log.info("fake %s to %s: %s", channel, message.phone, message.text)
