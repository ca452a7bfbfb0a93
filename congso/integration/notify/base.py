"""The seam to SMS and Zalo gateways (architecture.md principle 8: a typed adapter with a fake).

A real adapter (a telecom's SMS brand-name API, Zalo's ZNS) implements `Notifier`; the setting
`CONGSO_NOTIFIER` names the class to use, the fake by default, so tests and the demo send nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class SentMessage:
    channel: str  # "sms" or "zalo"
    phone: str
    text: str
    at: datetime


@runtime_checkable
class Notifier(Protocol):
    def send_sms(self, phone: str, text: str) -> None: ...

    def send_zalo(self, phone: str, text: str) -> None: ...


class NotifyFailed(Exception):
    """The gateway refused or did not answer; the outbox retries the event later."""
