from __future__ import annotations

import pytest

from congso.workdays.holidays_vn import national_calendar
from congso.workdays.selectors import clear_cache

# One national calendar for the pure tests: building its index is the expensive part, and the value
# never changes, so sharing it across tests is both safe and what production does.
NATIONAL = national_calendar()


@pytest.fixture
def cal():
    return NATIONAL


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    # Rows written by a test are rolled back afterwards; calendars cached from them must go too.
    clear_cache()
    yield
    clear_cache()
