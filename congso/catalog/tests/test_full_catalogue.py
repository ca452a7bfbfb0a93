"""The whole national catalogue file, imported twice: counts, a known limit, and idempotency.

Runs in a few seconds on SQLite and PostgreSQL (the import is batched bulk writes), so it is part of the
normal suite rather than a `slow` test.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from congso.catalog import selectors
from congso.catalog.choices import TimeUnit
from congso.catalog.models import Procedure, ProcedureVersion
from congso.catalog.services import import_procedures

CATALOGUE = Path(settings.BASE_DIR).parent / "shared/data/procedures.jsonl"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not CATALOGUE.is_file(), reason=f"catalogue file not present at {CATALOGUE}"),
]


def test_full_catalogue_imports_and_reimports_unchanged():
    with CATALOGUE.open(encoding="utf-8") as lines:
        report = import_procedures(lines, source_name=CATALOGUE.name)

    assert report.errors == []
    assert report.created == Procedure.objects.count() == 3697
    # data/README.md: 2,805 records list their components (documents).
    assert Procedure.objects.filter(current_version__documents__isnull=False).distinct().count() == 2805
    assert report.seconds < 60

    lunch = selectors.current_version("1.001622")  # "24 ngày làm việc"
    assert (lunch.days_direct, lunch.days_online, lunch.time_unit) == (
        Decimal(24),
        Decimal(24),
        TimeUnit.WORKING_DAY,
    )
    assert not Procedure.objects.get(code="1.001622").needs_review

    # Every procedure either has a usable limit or waits for an administrator with a reason.
    without_limit = Procedure.objects.filter(
        current_version__days_direct__isnull=True,
        current_version__days_online__isnull=True,
        current_version__days_post__isnull=True,
    )
    assert not without_limit.filter(needs_review=False).exists()
    assert not Procedure.objects.filter(needs_review=True, review_reason="").exists()
    assert report.limits["none"] == without_limit.count()

    with CATALOGUE.open(encoding="utf-8") as lines:
        again = import_procedures(lines, source_name=CATALOGUE.name)
    assert (again.created, again.new_versions, again.unchanged) == (0, 0, 3697)
    assert again.flagged == report.flagged
    assert ProcedureVersion.objects.count() == 3697
