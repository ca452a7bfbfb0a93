"""The payment gateway port (architecture.md principle 8: outside systems sit behind typed adapters
with a fake each). A setting picks the adapter; only the fake exists so far."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from congso.integration.payment.protocol import Confirm, InitRequest, QueryResult


class PaymentGateway(Protocol):
    name: str

    def init(self, request: InitRequest) -> str:
        """INIT: register the attempt and return the URL the citizen is sent to."""
        ...

    def verify_confirm(self, params: Mapping[str, str]) -> Confirm:
        """Check a CONFIRM's MaXacThuc; raise ValueError if it does not verify."""
        ...

    def confirm_reply(self, *, error_code: str, reference: str) -> dict[str, str]:
        """The signed answer to a CONFIRM (MaLoi + MaXacThuc)."""
        ...

    def query(self, reference: str) -> QueryResult:
        """QUERY: the platform's view of one attempt."""
        ...

    def get_bill(self, reference: str) -> dict | None:
        """GET_BILL: the platform's receipt data for a paid attempt, or None."""
        ...


def get_gateway() -> PaymentGateway:
    name = str(getattr(settings, "CONGSO_PAYMENT_GATEWAY", "fake"))
    if name != "fake":
        # Only the fake of the national payment platform ships today; a real adapter is configured here.
        raise ImproperlyConfigured(
            f"CONGSO_PAYMENT_GATEWAY={name!r}: chưa có bộ kết nối cổng thanh toán này (hiện có: 'fake')."
        )
    from congso.integration.payment.fake import FAKE

    return FAKE
