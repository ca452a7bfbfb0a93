"""The citizen's search box: works as a plain form, and suggests names as they type when JS is on."""

from __future__ import annotations

from django.shortcuts import render

from congso.catalog.search import search_procedures
from congso.core.errors import DomainError

LEVELS = [("", "Mọi cấp"), ("tinh", "Cấp tỉnh"), ("xa", "Cấp xã"), ("bo", "Cấp bộ, trung ương")]


def search_page(request):
    query = (request.GET.get("q") or "")[:500]
    level = request.GET.get("cap") or None
    offered = request.GET.get("tai_tinh") == "1"
    hits, error = [], ""
    if query.strip():
        try:
            hits = search_procedures(query, limit=20, level=level, offered_only=offered)
        except DomainError as exc:
            error = exc.message
    return render(
        request,
        "portal/search.html",
        {
            "query": query,
            "hits": hits,
            "error": error,
            "levels": LEVELS,
            "level": level or "",
            "offered": offered,
        },
    )
