"""Shared test fixtures. Tests run on SQLite and on PostgreSQL with the same code (make test)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "congso", deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("congso")


@pytest.fixture
def vn():
    from congso.core.clock import vn

    return vn
