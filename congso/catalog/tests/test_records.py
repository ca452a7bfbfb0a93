"""Line validation, hashing and component extraction (pure, no database)."""

from __future__ import annotations

import json

import pytest

from congso.catalog.records import LineError, PreparedRecord, canonical_hash, parse_copies, prepare_line


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ('{"code": "1.000656", "name": "Thủ tục"', "invalid_json"),
        ('["1.000656"]', "not_an_object"),
        ('{"name": "Không có mã"}', "missing_code"),
        ('{"code": "  ", "name": "Mã rỗng"}', "missing_code"),
        ('{"code": "1.0133611", "name": "Bảy chữ số"}', "invalid_code"),
        ('{"code": "1.001229.000.00.00.H56", "name": "Mã địa phương"}', "invalid_code"),
        ('{"code": "1.000656"}', "missing_name"),
        ('{"code": "1.000656", "name": "   "}', "missing_name"),
        ('{"code": "1.000656", "name": "Sai kiểu", "documents": "không phải danh sách"}', "invalid_field"),
        (
            '{"code": "1.000656", "name": "Sai kiểu", "document_groups": [{"case": "x", "documents": 3}]}',
            "invalid_field",
        ),
    ],
)
def test_malformed_lines_are_reported_with_line_number(text, code):
    error = prepare_line(7, text)
    assert isinstance(error, LineError)
    assert error.code == code
    assert error.line == 7
    assert error.message.startswith("Dòng 7:")


def test_blank_line_is_skipped_silently():
    assert prepare_line(3, "   \n") is None


def test_hash_ignores_key_order_and_spacing(sample_records):
    record = sample_records["1.001622"]
    shuffled = json.loads(json.dumps(dict(reversed(list(record.items())))))
    assert canonical_hash(record) == canonical_hash(shuffled)
    assert canonical_hash(record) != canonical_hash({**record, "fee_text": "Miễn phí"})


def test_grouped_documents_keep_their_case(sample_lines):
    prepared = prepare_line(1, sample_lines[0])  # 1.001622: components grouped by case
    assert isinstance(prepared, PreparedRecord)
    groups = [d.group for d in prepared.documents]
    assert len(prepared.documents) == 8
    assert groups[0].startswith("Trẻ em không có nguồn nuôi dưỡng")
    assert groups[-1].startswith("Thường trú ở thôn/xã đặc biệt khó khăn")
    assert prepared.values["search_text"].startswith("ho tro an trua doi voi tre em mau giao")


@pytest.mark.parametrize(
    ("name", "copies"),
    [
        ("b) Hóa đơn thương mại: 01 bản chụp;", "01 bản chụp"),
        ("01 (một) bản chính Bản khai chung", "01 bản chính"),
        ("Kháng nghị hàng hải (02 bản)", "02 bản"),
        ("Tờ khai đăng ký khai sinh theo mẫu", ""),
        ("(2) Bản sao hoặc bản chính biên bản họp Đại hội thành viên", ""),
        ("Hợp đồng: 01 bản chụp; Phụ lục: 02 bản chính", ""),  # contradictory counts: say nothing
    ],
)
def test_copies(name, copies):
    assert parse_copies(name) == copies
