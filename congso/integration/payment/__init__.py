"""Payment gateway adapter (national payment platform) with its fake (domain.md §8)."""

from congso.integration.payment.fake import FakeNationalPaymentPlatform
from congso.integration.payment.gateway import PaymentGateway, get_gateway
from congso.integration.payment.protocol import GatewayError, InitRequest, QueryResult
from congso.integration.payment.services import begin_online_payment, handle_confirm, reconcile_pending

__all__ = [
    "FakeNationalPaymentPlatform",
    "GatewayError",
    "InitRequest",
    "PaymentGateway",
    "QueryResult",
    "begin_online_payment",
    "get_gateway",
    "handle_confirm",
    "reconcile_pending",
]
