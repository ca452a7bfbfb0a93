"""The public search endpoints (GET /api/v1/procedures, /procedures/suggest) and the search command."""

from __future__ import annotations

import io
import json

import pytest
from django.core.management import CommandError, call_command

from congso.catalog import search
from congso.catalog.tests.test_search import load_small_catalogue


@pytest.fixture(autouse=True)
def _fresh_index():
    search.invalidate()
    yield
    search.invalidate()


@pytest.fixture
def small_catalogue(db, write_jsonl):
    return load_small_catalogue(write_jsonl)


HIT_KEYS = {"code", "name", "score", "field", "levels", "has_documents", "online_submission", "active"}


def test_search_endpoint_status_and_json_shape(client, small_catalogue):
    response = client.get("/api/v1/procedures", {"q": "dang ky ket hon", "limit": 3})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"query", "count", "items"}
    assert body["query"] == "dang ky ket hon"
    assert body["count"] == len(body["items"]) <= 3
    first = body["items"][0]
    assert set(first) == HIT_KEYS
    assert first["code"] == "1.000894"
    assert first["name"] == "Thủ tục đăng ký kết hôn"
    assert first["field"] == "Hộ tịch" and first["levels"] == ["xa"]


def test_search_endpoint_query_count_is_pinned(client, small_catalogue, django_assert_num_queries):
    client.get("/api/v1/procedures", {"q": "kết hôn"})  # builds the index
    with django_assert_num_queries(1):  # the catalogue staleness check, nothing per hit
        assert client.get("/api/v1/procedures", {"q": "đăng ký", "limit": 50}).status_code == 200
    with django_assert_num_queries(2):  # + the province's offerings
        client.get("/api/v1/procedures", {"q": "đăng ký", "offered_only": "true"})
    with django_assert_num_queries(1):
        client.get("/api/v1/procedures/suggest", {"q": "đăng ký kết h"})


def test_search_endpoint_needs_no_sign_in_and_filters(client, small_catalogue):
    response = client.get("/api/v1/procedures", {"q": "giấy phép lái xe", "level": "tinh"})
    assert response.status_code == 200
    assert response.json()["items"][0]["code"] == "3.000348"
    response = client.get("/api/v1/procedures", {"q": "đăng ký", "field": "Hộ tịch", "offered_only": "true"})
    assert response.status_code == 200 and response.json()["items"] == []


def test_search_endpoint_errors_have_the_project_shape(client, small_catalogue):
    bad = client.get("/api/v1/procedures", {"q": "kết hôn", "limit": 0, "level": "huyen"})
    assert bad.status_code == 422
    body = bad.json()
    assert body["code"] == "invalid_input" and body["message"] == "Dữ liệu gửi lên không hợp lệ."
    assert body["fields"]["limit"] == "phải lớn hơn hoặc bằng 1"
    assert body["fields"]["level"].startswith("giá trị không hợp lệ")
    missing = client.get("/api/v1/procedures")
    assert missing.status_code == 422 and missing.json()["fields"] == {"q": "bắt buộc"}
    unknown = client.get("/api/v1/procedures", {"q": "kết hôn", "agency": "000.00.00.H99"})
    assert unknown.status_code == 400
    assert unknown.json() == {
        "code": "unknown_agency",
        "message": "Không tìm thấy cơ quan “000.00.00.H99”.",
        "fields": {"agency": "không có"},
    }


@pytest.mark.parametrize("q", ["x" * 10_000, "😀" * 3000, "   "])
def test_search_endpoint_survives_long_and_emoji_queries(client, small_catalogue, q):
    response = client.get("/api/v1/procedures", {"q": q})
    assert response.status_code == 200
    assert len(response.json()["query"]) <= 256


def test_suggest_endpoint(client, small_catalogue):
    response = client.get("/api/v1/procedures/suggest", {"q": "đăng ký kết h", "limit": 2})
    assert response.status_code == 200
    items = response.json()
    assert len(items) <= 2 and items[0] == {"code": "1.000894", "name": "Thủ tục đăng ký kết hôn"}
    assert client.get("/api/v1/procedures/suggest", {"q": "k"}).json() == []


def test_openapi_lists_both_endpoints_with_vietnamese_summaries(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    search_op = schema["paths"]["/api/v1/procedures"]["get"]
    suggest_op = schema["paths"]["/api/v1/procedures/suggest"]["get"]
    assert search_op["summary"] == "Tìm thủ tục hành chính theo điều người dân gõ"
    assert suggest_op["summary"] == "Gợi ý thủ tục khi người dân đang gõ"
    assert "thủ tục hành chính" in search_op["tags"]
    assert not search_op.get("security") and not suggest_op.get("security")  # public
    params = {p["name"] for p in search_op["parameters"]}
    assert params == {"q", "limit", "field", "level", "agency", "offered_only"}


def test_command_writes_one_json_line_per_query(small_catalogue):
    out = io.StringIO()
    queries = "đăng ký kết hôn\nCCCD bị mất\n\n😀\n"
    call_command("search_procedures", "--limit", "3", stdin=io.StringIO(queries), stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["query"] for line in lines] == ["đăng ký kết hôn", "CCCD bị mất", "", "😀"]
    assert lines[0]["codes"][0] == "1.000894" and len(lines[0]["codes"]) <= 3
    assert lines[1]["codes"][0] == "1.014064"
    assert lines[2]["codes"] == [] and lines[3]["codes"] == []


def test_command_rejects_a_bad_limit(small_catalogue):
    with pytest.raises(CommandError):
        call_command(
            "search_procedures", "--limit", "0", stdin=io.StringIO("kết hôn\n"), stdout=io.StringIO()
        )
