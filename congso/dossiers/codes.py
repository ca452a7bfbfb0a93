"""Dossier codes: {agency code}-{yyMMdd}-{4-digit sequence per receiving unit per day}.

Circular 01/2018/TT-VPCP art. 19 (example 000.00.16.H56-250714-0007). Circular 03/2025/TT-VPCP
redefines the code but its format is not published to us, so the pattern is the setting
CONGSO_DOSSIER_CODE_FORMAT. The counter row is locked for the increment, so two officers receiving
at the same moment never get the same number.
"""

from __future__ import annotations

from datetime import date, datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F

from congso.core.clock import local
from congso.dossiers.models import CodeCounter


def format_code(agency_code: str, day: date | datetime, seq: int) -> str:
    return settings.CONGSO_DOSSIER_CODE_FORMAT.format(agency=agency_code, date=day, seq=seq)


def next_code(agency_code: str, at: datetime) -> str:
    day = local(at).date()
    with transaction.atomic():
        updated = CodeCounter.objects.filter(agency_code=agency_code, day=day).update(last=F("last") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    CodeCounter.objects.create(agency_code=agency_code, day=day, last=1)
            except IntegrityError:  # another transaction created the row first: increment it instead
                CodeCounter.objects.filter(agency_code=agency_code, day=day).update(last=F("last") + 1)
        seq = CodeCounter.objects.get(agency_code=agency_code, day=day).last
    return format_code(agency_code, day, seq)


def reserve_codes(agency_code: str, day: date, count: int) -> list[str]:
    """Bulk form for the data generator: `count` consecutive codes for one unit and day."""
    with transaction.atomic():
        counter, _ = CodeCounter.objects.select_for_update().get_or_create(agency_code=agency_code, day=day)
        first = counter.last + 1
        counter.last += count
        counter.save(update_fields=["last"])
    return [format_code(agency_code, day, seq) for seq in range(first, first + count)]
