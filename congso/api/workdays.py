"""Public deadline arithmetic: anyone may ask when a dossier received at a moment is due."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ninja import Field, Query, Router, Schema

from congso.core.clock import VN_TZ
from congso.core.errors import InvalidInput
from congso.workdays.selectors import calendar_for

router = Router(tags=["lịch làm việc"])


class DueOut(Schema):
    received: datetime
    start: datetime
    due: datetime
    explanation: list[str]


class DueQuery(Schema):
    received: datetime = Field(..., description="thời điểm tiếp nhận, ví dụ 2026-02-13T09:00 (giờ Việt Nam)")
    days: Decimal = Field(..., ge=0, le=365, description="số ngày làm việc")
    province: str | None = Field(None, description="mã tỉnh; mặc định tỉnh đang vận hành")


@router.get("/workdays/due", auth=None, response=DueOut, summary="Tính ngày hẹn trả theo ngày làm việc")
def due(request, query: Query[DueQuery]):
    received, days, province = query.received, query.days, query.province
    if received.tzinfo is None:
        received = received.replace(tzinfo=VN_TZ)
    if not received.year or received.year < 1995 or received.year > 2099:
        raise InvalidInput("invalid_moment", "Thời điểm tiếp nhận nằm ngoài khoảng hỗ trợ (1995–2099).")
    deadline = calendar_for(province).add_working_days(received, days)
    return {
        "received": received,
        "start": deadline.start,
        "due": deadline.due,
        "explanation": deadline.explain(),
    }
