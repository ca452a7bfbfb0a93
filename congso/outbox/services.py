"""publish() writes an outbox row inside the caller's transaction; dispatch_pending() delivers rows."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.db.models import Q

from congso.core import clock
from congso.core.bulk import bulk_insert
from congso.outbox.models import OutboxEvent
from congso.outbox.registry import handlers_for

log = logging.getLogger(__name__)
MAX_BACKOFF = timedelta(hours=1)


@dataclass(frozen=True)
class Message:
    topic: str
    aggregate_type: str
    aggregate_id: str
    payload: dict
    province_code: str = ""


def _require_transaction() -> None:
    # The whole point of an outbox is atomicity with the change; outside a transaction it is a lie.
    if not connection.in_atomic_block:
        raise RuntimeError("outbox.publish must run inside the transaction of the change it announces")


def publish(message: Message, *, at=None) -> OutboxEvent:
    _require_transaction()
    return OutboxEvent.objects.create(
        topic=message.topic,
        aggregate_type=message.aggregate_type,
        aggregate_id=message.aggregate_id,
        province_code=message.province_code,
        payload=message.payload,
        occurred_at=at or clock.now(),
    )


def publish_many(messages: list[tuple[Message, datetime]]) -> None:
    """Bulk path for imports and the data generator: the same rows as publish(), each with its moment."""
    _require_transaction()
    bulk_insert(
        OutboxEvent,
        [
            OutboxEvent(
                topic=m.topic,
                aggregate_type=m.aggregate_type,
                aggregate_id=m.aggregate_id,
                province_code=m.province_code,
                payload=m.payload,
                occurred_at=at,
            )
            for m, at in messages
        ],
    )


def dispatch_pending(*, batch: int = 200) -> int:
    """Deliver pending rows whose topic has handlers; rows without a handler wait for one.

    Returns how many rows were marked dispatched. A failing handler leaves the row pending with an
    exponential back-off; handlers must be idempotent because a row may be delivered again.
    """
    now = clock.now()
    done = 0
    pending = (
        OutboxEvent.objects.filter(dispatched_at__isnull=True)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
        .order_by("id")[:batch]
    )
    for event in pending:
        handlers = handlers_for(event.topic)
        if not handlers:
            continue
        try:
            with transaction.atomic():
                for handler in handlers:
                    handler(
                        {
                            "id": event.id,
                            "topic": event.topic,
                            "occurred_at": event.occurred_at,
                            **event.payload,
                        }
                    )
                event.dispatched_at = clock.now()
                event.attempts += 1
                event.save(update_fields=["dispatched_at", "attempts"])
            done += 1
        except Exception as exc:  # a handler's failure must not stop the others
            log.exception("outbox handler failed for event %s", event.id)
            event.attempts += 1
            event.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            event.next_attempt_at = clock.now() + min(MAX_BACKOFF, timedelta(seconds=2**event.attempts))
            event.save(update_fields=["attempts", "last_error", "next_attempt_at"])
    return done
