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


def pytest_configure(config):
    # PBKDF2's deliberate slowness protects real accounts; tests create many (module fixtures too)
    # and need none of it.
    from django.conf import settings as django_settings

    django_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    # The working-day calendar is cached per process; a test that writes calendar rows must not
    # leak them into the next test's deadlines.
    yield
    from django.core.cache import cache

    from congso.workdays.selectors import clear_cache

    clear_cache()
    cache.clear()  # learnt step durations and the like must not leak between tests
