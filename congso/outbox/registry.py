"""Handler registry: each topic maps to the handlers that react to it (registered by higher modules)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

Handler = Callable[[dict], None]
_handlers: dict[str, list[Handler]] = defaultdict(list)


def handles(topic: str) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        if fn not in _handlers[topic]:
            _handlers[topic].append(fn)
        return fn

    return register


def handlers_for(topic: str) -> list[Handler]:
    return list(_handlers.get(topic, ()))


def topics_with_handlers() -> set[str]:
    return {topic for topic, fns in _handlers.items() if fns}
