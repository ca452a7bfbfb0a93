"""SMS and Zalo messages to citizens, behind the `Notifier` seam, with a fake for tests and the demo."""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string

from congso.integration.notify.base import Notifier, NotifyFailed, SentMessage
from congso.integration.notify.fake import FakeNotifier, normalise_phone

DEFAULT_NOTIFIER = "congso.integration.notify.fake.FakeNotifier"


def get_notifier() -> Notifier:
    """The notifier named by `settings.CONGSO_NOTIFIER` (a dotted class path), the fake by default."""
    return import_string(getattr(settings, "CONGSO_NOTIFIER", "") or DEFAULT_NOTIFIER)()


__all__ = [
    "DEFAULT_NOTIFIER",
    "FakeNotifier",
    "Notifier",
    "NotifyFailed",
    "SentMessage",
    "get_notifier",
    "normalise_phone",
]
