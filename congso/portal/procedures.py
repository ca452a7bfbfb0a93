"""The public page of one procedure: what to bring, what it costs, how long it takes, where to go."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from congso.catalog.selectors import current_version
from congso.core.errors import NotFound


def procedure_page(request, code: str):
    try:
        version = current_version(code)
    except NotFound as exc:
        raise Http404(exc.message) from exc
    documents = sorted(version.documents.all(), key=lambda d: d.order)
    groups: dict[str, list] = {}
    for doc in documents:
        groups.setdefault(doc.group or "", []).append(doc)
    return render(
        request,
        "portal/procedure.html",
        {
            "version": version,
            "groups": groups,
            "fees": sorted(version.fees.all(), key=lambda f: f.order),
            "share_url": request.build_absolute_uri(),
        },
    )
