"""Trang điều hành (IOC): the leaders' operations dashboard at /dieu-hanh/, and its panels at
/dieu-hanh/khoi/ which a small script fetches every minute to refresh the wall screen without a reload.

Thin: choose the scope the user may see and the period, read `statistics.dashboard.board` (cached 60 s
per scope and period, so a wall of screens costs one computation a minute), draw the charts, render.
"""

from __future__ import annotations

import logging
import time
from datetime import date

from django.core.cache import cache
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from congso.core import clock
from congso.core.errors import DomainError
from congso.core.text import format_number
from congso.statistics import dashboard, form06
from congso.statistics.charts import BarRow, Series, bar_list, columns, pct, ring
from congso.statistics.periods import Period

from .views import officer_required

log = logging.getLogger(__name__)

CACHE_SECONDS = 60
LOCK_SECONDS, WAIT_STEP = 20, 0.25
REFRESH_SECONDS = 60
TOP = 10  # bars drawn per chart; the full list is in the table under it
PERIODS = {"thang": "Tháng này", "quy": "Quý này", "nam": "Năm nay"}


def whole_period(key: str, today: date) -> Period:
    """This month, quarter or year, whole: its name ("Quý 4/2026") titles the board."""
    if key == "quy":
        return Period.quarter(today.year, (today.month - 1) // 3 + 1)
    if key == "nam":
        return Period.year(today.year)
    return Period.month(today.year, today.month)


def period_for(key: str, today: date) -> Period:
    """The figures' period: the running month, quarter or year up to today. Form 06 judges open dossiers
    at the period's last day (ADR 0002), so a board ending on 31/12 would count as overdue now the dossiers
    that will only be late by the end of the year."""
    whole = whole_period(key, today)
    return Period(whole.first, min(whole.last, today))


class Refused(Exception):
    """The user asked for a unit outside their scopes."""


def _choose(request) -> tuple[dashboard.Scope, list[dashboard.Scope], str, str]:
    """(scope, scopes, period key, warning) from the query string; Refused for a unit not theirs."""
    scopes = dashboard.scopes_for(request.user)
    wanted = request.GET.get("don_vi", "").strip()
    scope = next((s for s in scopes if s.key == wanted), None) if wanted or not scopes else scopes[0]
    if scope is None:
        raise Refused
    key, warning = request.GET.get("ky", "thang"), ""
    if key not in PERIODS:
        warning = f"Kỳ “{key[:20]}” không hợp lệ; đang hiển thị số liệu tháng này."
        key = "thang"
    return scope, scopes, key, warning


def _board(scope: dashboard.Scope, key: str) -> dashboard.Board:
    now = clock.now()
    today = clock.local(now).date()
    period = period_for(key, today)
    cache_key = f"congso:ioc:{scope.key}:{period.first}:{period.last}:{today}"
    board = cache.get(cache_key)
    if board is not None:
        return board
    # When the minute expires, every wall screen asks at once: one request computes, the others wait
    # for its result (at most LOCK_SECONDS) instead of running the same Form 06 replays side by side.
    lock = cache_key + ":lock"
    owner = cache.add(lock, 1, LOCK_SECONDS)
    if not owner:
        for _ in range(int(LOCK_SECONDS / WAIT_STEP)):
            time.sleep(WAIT_STEP)
            board = cache.get(cache_key)
            if board is not None:
                return board
    try:
        board = dashboard.board(scope, period, now)
        cache.set(cache_key, board, CACHE_SECONDS)
    finally:
        if owner:
            cache.delete(lock)
    return board


def _month_labels(board: dashboard.Board) -> list[tuple[str, str]]:
    labels = []
    for i, point in enumerate(board.trend):
        first = point.period.first
        # Month numbers under the bars (the chart's title says "theo tháng"), the year under January
        # and the first bar: "T10 T11 T12" would touch on a phone.
        labels.append((str(first.month), str(first.year) if i == 0 or first.month == 1 else ""))
    return labels


def charts(board: dashboard.Board) -> dict[str, object]:
    months = _month_labels(board)
    tips = [f"tháng {p.label}" for p in board.trend]
    drawn: dict[str, object] = {
        "on_time": ring("bd-dunghan", "Tỷ lệ giải quyết đúng và trước hạn", board.total.on_time_rate),
        "volume": columns(
            "bd-khoiluong",
            "Hồ sơ tiếp nhận và đã giải quyết theo tháng, 12 tháng gần nhất",
            months,
            [
                Series("Tiếp nhận trong tháng", "c-received", [p.received for p in board.trend]),
                Series("Đã giải quyết", "c-resolved", [p.resolved for p in board.trend]),
            ],
            tips=tips,
        ),
        "rate": columns(
            "bd-tyle",
            "Tỷ lệ đúng và trước hạn theo tháng, 12 tháng gần nhất",
            months,
            [Series("Tỷ lệ đúng hạn", "c-main", [p.on_time_rate for p in board.trend])],
            percent=True,
            tips=tips,
        ),
    }
    for name, units in (
        ("overdue_agencies", board.overdue.agencies),
        ("overdue_communes", board.overdue.communes),
    ):
        drawn[name] = bar_list(
            f"bd-{name}",
            "Hồ sơ đang quá hạn theo " + ("cơ quan" if name.endswith("agencies") else "xã, phường"),
            [
                BarRow(u.name, u.overdue, f"{format_number(u.overdue)} / {format_number(u.open)}", "c-late")
                for u in units[:TOP]
            ],
        )
    for r in board.rankings:
        drawn[f"rank_{r.level}"] = bar_list(
            f"bd-xephang-{r.level}",
            f"Xếp hạng {dashboard.LEVELS[r.level]} theo tỷ lệ đúng hạn",
            [
                BarRow(f"{u.rank}. {u.name}", u.rate or 0, f"{pct(u.rate)} · {format_number(u.resolved)}")
                for u in r.ranked[:TOP]
            ],
            maximum=100,
        )
    return drawn


def _context(request) -> dict[str, object]:
    scope, scopes, key, warning = _choose(request)
    query = {"ky": key, "don_vi": scope.key}
    context: dict[str, object] = {
        "scope": scope,
        "scopes": scopes,
        "periods": PERIODS,
        "period_key": key,
        "period_title": whole_period(key, clock.local(clock.now()).date()).label,
        "warning": warning,
        "refresh_url": reverse("dashboard:panels") + "?" + urlencode(query),
        "refresh_seconds": REFRESH_SECONDS,
    }
    try:
        board = _board(scope, key)
    except (DomainError, form06.IdentityError) as exc:
        # A broken figure is never shown; the page says so instead of failing (logged for the admins).
        log.exception("dashboard figures failed for %s", scope.key)
        context["error"] = getattr(exc, "message", "") or (
            "Số liệu Mẫu 06 của kỳ này không cân đối; quản trị hệ thống đã được ghi nhận lỗi."
        )
        return context
    drawn = charts(board)
    context.update(
        board=board,
        charts=drawn,
        updated=clock.local(board.computed_at),
        share_list=[
            ("Hồ sơ trực tuyến", board.shares.online),
            ("Thanh toán trực tuyến", board.shares.payment),
            ("Người dân hài lòng", board.shares.satisfaction),
        ],
        overdue_list=[
            ("Cơ quan, đơn vị", board.overdue.agencies, drawn["overdue_agencies"], "quahan-coquan"),
            ("Xã, phường, đặc khu", board.overdue.communes, drawn["overdue_communes"], "quahan-xa"),
        ],
        ranking_list=[(r, drawn[f"rank_{r.level}"]) for r in board.rankings],
    )
    return context


def _forbidden(request):
    return render(request, "backoffice/dashboard_forbidden.html", status=403)


@officer_required
def dashboard_view(request):
    try:
        context = _context(request)
    except Refused:
        return _forbidden(request)
    return render(request, "backoffice/dashboard.html", context)


@officer_required
def panels_view(request):
    """The panels alone, for the refresh script; the marker header tells it this is not a login page."""
    try:
        context = _context(request)
    except Refused:
        return _forbidden(request)
    response = render(request, "backoffice/dashboard_panels.html", context)
    response["X-Congso-Fragment"] = "ioc"
    response["Cache-Control"] = "no-store"
    return response
