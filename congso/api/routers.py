"""Mounts every module's router on the API root. Routers are private to `api`; services do the work."""

from __future__ import annotations

from ninja import NinjaAPI, Router

health = Router(tags=["hệ thống"])


@health.get("/health", auth=None, summary="Kiểm tra hệ thống đang chạy")
def health_check(request):
    return {"status": "ok"}


def register(api: NinjaAPI) -> None:
    from congso.api import dossiers, procedures, statistics, workdays

    api.add_router("/", health)
    api.add_router("/", dossiers.router)
    api.add_router("/", workdays.router)
    api.add_router("/", procedures.router)
    api.add_router("/", statistics.router)
