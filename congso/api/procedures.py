"""Public procedure search: what a citizen types → the procedures they most likely mean. No sign-in."""

from __future__ import annotations

from typing import Literal

from ninja import Field, Query, Router, Schema

from congso.catalog.search import search_procedures, suggest

router = Router(tags=["thủ tục hành chính"])


class ProcedureHitOut(Schema):
    code: str = Field(..., description="mã thủ tục hành chính quốc gia, ví dụ 1.000894")
    name: str = Field(..., description="tên thủ tục")
    score: float = Field(..., description="điểm xếp hạng (chỉ dùng để so sánh trong cùng một lần tìm)")
    field: str = Field(..., description="lĩnh vực")
    levels: list[str] = Field(..., description="cấp thực hiện: tinh, xa, bo, khac")
    has_documents: bool = Field(..., description="danh mục có thành phần hồ sơ của thủ tục")
    online_submission: bool | None = Field(None, description="có kênh nộp trực tuyến (null: chưa rõ)")
    active: bool = Field(..., description="thủ tục đang áp dụng")


class SearchOut(Schema):
    query: str
    count: int
    items: list[ProcedureHitOut]


class SearchQuery(Schema):
    q: str = Field(..., description="điều người dân gõ: có dấu hoặc không dấu, viết tắt, hoặc một câu hỏi")
    limit: int = Field(10, ge=1, le=50, description="số kết quả tối đa")
    field: str | None = Field(None, description="lĩnh vực: mã số hoặc tên (ví dụ Hộ tịch)")
    level: Literal["tinh", "xa", "bo", "khac"] | None = Field(None, description="cấp thực hiện")
    agency: str | None = Field(
        None, description="cơ quan: mã số hoặc mã cơ quan (chỉ thủ tục cơ quan đó cung cấp)"
    )
    offered_only: bool = Field(False, description="chỉ thủ tục các cơ quan của tỉnh đang cung cấp")


class SuggestionOut(Schema):
    code: str
    name: str


class SuggestQuery(Schema):
    q: str = Field(..., description="phần đã gõ; từ cuối có thể chưa gõ xong")
    limit: int = Field(8, ge=1, le=20, description="số gợi ý tối đa")


@router.get(
    "/procedures",
    auth=None,
    response=SearchOut,
    summary="Tìm thủ tục hành chính theo điều người dân gõ",
    description="Tìm trên toàn bộ danh mục: gõ có dấu hay không dấu, sai chính tả, viết tắt (CCCD, GPLX), "
    "tên thường gọi (sổ đỏ, bằng lái) hoặc cả câu hỏi. Kết quả xếp từ thủ tục phù hợp nhất; "
    "lọc theo lĩnh vực, cấp thực hiện, cơ quan, hoặc chỉ thủ tục tỉnh đang cung cấp.",
)
def search(request, query: Query[SearchQuery]):
    hits = search_procedures(
        query.q,
        limit=query.limit,
        field=query.field,
        level=query.level,
        agency=query.agency,
        offered_only=query.offered_only,
    )
    return {"query": query.q[:256], "count": len(hits), "items": hits}


@router.get(
    "/procedures/suggest",
    auth=None,
    response=list[SuggestionOut],
    summary="Gợi ý thủ tục khi người dân đang gõ",
)
def suggestions(request, query: Query[SuggestQuery]):
    return suggest(query.q, limit=query.limit)
