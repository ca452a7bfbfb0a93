"""Tell the applicant by SMS and Zalo when their dossier needs them: submitted online (here is your
code) and supplement requested (what to send). Runs from the outbox (`dispatch_outbox`), never inside
the request: a slow gateway must not hold a submission, and a failure is retried with back-off.

Delivery is at least once (an outbox row may be delivered again), which is acceptable for a short
notice; a real adapter should pass the outbox event id as the gateway's idempotency key.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from congso.core import clock
from congso.dossiers.models import Dossier
from congso.dossiers.printing import lookup_url
from congso.dossiers.services import TOPIC
from congso.integration.notify import get_notifier
from congso.integration.notify.base import NotifyFailed
from congso.integration.notify.fake import normalise_phone
from congso.outbox.registry import handles

log = logging.getLogger("congso.integration.notify")
STALE_AFTER = timedelta(days=2)

TEXTS = {
    "submit": "Hồ sơ {code} đã được nộp trực tuyến và đang chờ cơ quan tiếp nhận. Tra cứu: {url}",
    "request_supplement": (
        "Hồ sơ {code} cần bổ sung giấy tờ. Vui lòng đăng nhập Cổng dịch vụ công, mục Hồ sơ của tôi, "
        "để xem yêu cầu và gửi bổ sung. Tra cứu: {url}"
    ),
}


@handles(TOPIC)
def tell_applicant(event: dict) -> None:
    action = event.get("action")
    if action not in TEXTS:
        return
    occurred = event.get("occurred_at")
    if occurred is not None and clock.now() - occurred > STALE_AFTER:
        # Imported or generated history also flows through the outbox: nobody is told about the past.
        return
    dossier = Dossier.objects.select_related("applicant").filter(id=event.get("dossier_id")).first()
    if dossier is None or not dossier.applicant.phone:
        return
    try:
        phone = normalise_phone(dossier.applicant.phone)
    except NotifyFailed:
        # A landline or a typo will not become valid by retrying: skip, do not block the outbox.
        log.warning("dossier %s: applicant phone is not a mobile number, no SMS/Zalo", dossier.code)
        return
    text = TEXTS[action].format(code=dossier.code, url=lookup_url(dossier.code))
    notifier = get_notifier()
    notifier.send_sms(phone, text)
    notifier.send_zalo(phone, text)
