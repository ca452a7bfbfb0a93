"""Công khai: each agency's on-time rate and citizens' satisfaction, without any personal data, as a page
and as CSV/JSON for re-use. Figures come from the statistics module (Form 06, Circular 01/2020/TT-VPCP)
and the ratings (Decision 766 satisfaction levels); they are cached briefly because a province-year
report reads every dossier's history."""

from __future__ import annotations

import csv
import io
from datetime import date

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Q
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render

from congso.core import clock
from congso.core.errors import DomainError
from congso.core.text import round_percent
from congso.feedback.models import DossierRating
from congso.identity.models import Agency
from congso.statistics import selectors
from congso.statistics.periods import Period

CACHE_SECONDS = 600
COLUMNS = [
    "agency",
    "name",
    "received_total",
    "resolved_total",
    "on_time_rate",
    "pending_overdue",
    "ratings",
    "satisfied_rate",
]


def _period(request) -> Period:
    today = clock.local(clock.now()).date()
    try:
        year = int(request.GET.get("nam") or today.year)
    except ValueError:
        year = today.year
    year = min(max(year, 2015), today.year)
    last = today if year == today.year else date(year, 12, 31)
    return Period(date(year, 1, 1), last)


def rows_for(period: Period) -> list[dict]:
    key = f"congso:transparency:{settings.CONGSO_PROVINCE_CODE}:{period.first}:{period.last}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    report = selectors.form06_report(period=period)
    ratings = {
        r["agency_id"]: r
        for r in DossierRating.objects.filter(
            province_code=settings.CONGSO_PROVINCE_CODE, rated_at__gte=period.start, rated_at__lt=period.end
        )
        .values("agency_id")
        .annotate(n=Count("id"), satisfied=Count("id", filter=Q(level__gte=1)))
    }
    rows = []
    agency_ids = dict(
        Agency.objects.filter(code__in=[r.key[0] for r in report.rows]).values_list("code", "id")
    )
    for row in report.rows:
        counts = row.counts
        if not counts.received_total:
            continue
        rated = ratings.get(agency_ids.get(row.key[0]), {"n": 0, "satisfied": 0})
        rows.append(
            {
                "agency": row.key[0],
                "name": row.labels.get("name", ""),
                "received_total": counts.received_total,
                "resolved_total": counts.resolved_total,
                "on_time_rate": counts.on_time_rate,
                "pending_overdue": counts.pending_overdue,
                "ratings": rated["n"],
                "satisfied_rate": round_percent(rated["satisfied"], rated["n"]),
            }
        )
    cache.set(key, rows, CACHE_SECONDS)
    return rows


def page(request, fmt: str = "html"):
    try:
        period = _period(request)
        rows = rows_for(period)
    except DomainError as exc:
        return render(request, "portal/transparency.html", {"error": exc.message, "rows": []})
    if fmt == "json":
        data = [{k: (float(v) if hasattr(v, "as_tuple") else v) for k, v in r.items()} for r in rows]
        return JsonResponse(
            {
                "from": str(period.first),
                "to": str(period.last),
                "formula_version": "01/2020/TT-VPCP",
                "rows": data,
            },
            json_dumps_params={"ensure_ascii": False},
        )
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="cong-khai-{period.first.year}.csv"'
        return response
    return render(request, "portal/transparency.html", {"rows": rows, "period": period})
