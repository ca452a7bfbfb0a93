from __future__ import annotations

import pytest

from congso.catalog.search import invalidate
from congso.catalog.services import import_procedures

LINES = [
    '{"code": "1.001193", "name": "Thủ tục đăng ký khai sinh", "field": "Hộ tịch", "level": ["xa"], '
    '"documents": ["Tờ khai đăng ký khai sinh", "Giấy chứng sinh"], "processing_time_text": "Ngay trong ngày"}',
    '{"code": "1.004222", "name": "Thủ tục đăng ký thường trú", "field": "Đăng ký, quản lý cư trú", "level": ["xa"], '
    '"documents": ["Tờ khai thay đổi thông tin cư trú"]}',
]


@pytest.fixture
def catalogue(db):
    import_procedures(LINES, source_name="test")
    invalidate()
    yield
    invalidate()


def test_citizen_finds_a_procedure_typed_the_everyday_way(client, catalogue):
    page = client.get("/tim-kiem/", {"q": "lam giay khai sinh cho con"})
    assert page.status_code == 200
    assert page.text.index("Thủ tục đăng ký khai sinh") < page.text.index("</ol>")
    assert 'href="/thu-tuc/1.001193/"' in page.text
    assert client.get("/thu-tuc/1.001193/").status_code == 200


@pytest.mark.parametrize("query", ["x" * 10_000, "😀😀😀", "   ", "<script>alert(1)</script>"])
def test_odd_queries_get_a_page_not_an_error(client, catalogue, query):
    page = client.get("/tim-kiem/", {"q": query})
    assert page.status_code == 200 and "<script>alert(1)</script>" not in page.text


def test_home_page_has_the_search_box(client, catalogue):
    home = client.get("/")
    assert 'role="search"' in home.text and "Bạn cần làm thủ tục gì?" in home.text
