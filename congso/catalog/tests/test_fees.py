"""Fee parsing: amounts only when the text states them clearly (strings from procedures.jsonl)."""

from __future__ import annotations

import pytest

from congso.catalog.choices import Channel, FeeKind
from congso.catalog.fees import parse_fee_line, parse_fees

PHI, LE_PHI, UNKNOWN = FeeKind.CHARGE, FeeKind.ADMIN_FEE, FeeKind.UNKNOWN


@pytest.mark.parametrize(
    ("body", "kind", "amount", "exempt"),
    [
        # the brief's shapes
        ("50.000 đồng/hồ sơ", UNKNOWN, 50_000, False),
        ("50.000 đồng/văn bản", UNKNOWN, 50_000, False),
        ("Lệ phí: 100.000 đồng", LE_PHI, 100_000, False),
        ("Không", UNKNOWN, 0, True),
        ("Miễn", UNKNOWN, 0, True),
        # portal cells
        ("Miễn phí", UNKNOWN, 0, True),
        ("Miễn phí (Không quy định.)", UNKNOWN, 0, True),
        ("Miễn phí (- Không có)", UNKNOWN, 0, True),
        ("Phí : 0 Đồng", PHI, 0, True),
        ("Phí : Không Đồng", PHI, 0, True),
        ("Lệ phí : 0 Đồng", LE_PHI, 0, True),
        ("Không thu phí (fees amount 0 cho Trực tuyến/Bưu chính/Trực tiếp)", PHI, 0, True),
        ("100,000 Việt Nam Đồng", UNKNOWN, 100_000, False),
        ("70,000 VNĐ (70.000 đồng/Giấy chứng nhận)", UNKNOWN, 70_000, False),
        ("50,000 VNĐ (Lệ phí cấp giấy chứng nhận)", LE_PHI, 50_000, False),
        ("100,000 VNĐ (Phí Thẩm tra, thẩm định: 100.000 đồng/lần.)", PHI, 100_000, False),
        ("Phí : 2.000.000 Đồng (Thẩm định cấp phép sử dụng vật liệu nổ công nghiệp)", PHI, 2_000_000, False),
        (
            "2,000,000 VNĐ (* Theo quy định tại Thông tư 25/2022/TT-BTC ngày 28/4/2022. + 02 triệu đồng/Giấy chứng nhận.)",
            UNKNOWN,
            2_000_000,
            False,
        ),
    ],
)
def test_clear_amounts_and_exemptions(body, kind, amount, exempt):
    line = parse_fee_line(body)
    assert (line.kind, line.amount_vnd, line.exempt) == (kind, amount, exempt)
    assert line.description == " ".join(body.split())


@pytest.mark.parametrize(
    "body",
    [
        # "Miễn phí" is the portal's empty amount when the note says the province sets the fee
        "Miễn phí (Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh, thành phố trực thuộc Trung ương quyết định. "
        "Miễn lệ phí cho người thuộc gia đình có công với cách mạng; người thuộc hộ nghèo; người khuyết tật.)",
        "Miễn phí (Theo quy định của Hội đồng nhân dân cấp tỉnh)",
        # the amount column is off by a thousand
        "135 VNĐ (Lệ phí cấp giấy phép lái xe: 135.000 đồng/lần.)",
        "100 VNĐ",
        # the note supersedes the amount until 31/12/2026
        "20,000,000 Việt Nam Đồng (áp dụng mức phí 10.000.000 đồng/hồ sơ kể từ ngày 01/7/2025 đến hết ngày "
        "31/12/2026 theo Thông tư số 64/2025/TT-BTC)",
        # temporarily waived
        "5,000,000 VNĐ (Miễn kể từ ngày 07/4/2026 đến 30/6/2026 theo Thông tư 40/2026/TT-BTC)",
        # case-dependent
        "35,000,000 Việt Nam Đồng (+ Đối với trường hợp cấp đổi Giấy phép, cấp bổ sung nội dung hoạt động)",
        # not VND
        "100 USD (100 USD/thẻ.)",
        "Lệ phí : 1.5 USD",
        # no number at all
        "Phí : Mức thu bằng 50% mức thu phí quy định tại Mục I và Mục II Biểu mức thu phí,",
        "(1)",
    ],
)
def test_unclear_amounts_keep_the_text_and_no_number(body):
    line = parse_fee_line(body)
    assert line.amount_vnd is None
    assert line.exempt is False
    assert line.description


def test_identical_channel_cells_collapse_to_one_line():
    lines = parse_fees("Trực tuyến: Miễn phí | Dịch vụ bưu chính: Miễn phí | Trực tiếp: Miễn phí")
    assert [(line.channel, line.exempt, line.amount_vnd) for line in lines] == [(Channel.ALL, True, 0)]


def test_different_channel_cells_stay_per_channel():
    lines = parse_fees(
        "Trực tuyến: Miễn phí | Trực tiếp: 40 VNĐ (Lệ phí cấp giấy chứng nhận: 40.000 đồng/01 Giấy chứng nhận.)"
    )
    assert [(line.channel, line.exempt, line.amount_vnd) for line in lines] == [
        (Channel.ONLINE, True, 0),
        (Channel.DIRECT, False, None),
    ]
    assert lines[1].kind == LE_PHI


def test_several_fees_in_one_cell_become_several_lines():
    lines = parse_fees(
        "Trực tiếp: Phí : 2.000.000 Đồng (Thẩm định cấp phép sử dụng vật liệu nổ công nghiệp phục vụ nghiên cứu); "
        "Phí : 3.500.000 Đồng (Thẩm định cấp phép sử dụng vật liệu nổ công nghiệp phục vụ tìm kiếm)"
    )
    assert [(line.kind, line.amount_vnd) for line in lines] == [(PHI, 2_000_000), (PHI, 3_500_000)]
    assert {line.channel for line in lines} == {Channel.DIRECT}


def test_repeated_cells_are_not_duplicated():
    lines = parse_fees("Trực tuyến: Miễn phí | Trực tuyến: Miễn phí")
    assert len(lines) == 1


@pytest.mark.parametrize(
    "text",
    [
        None,
        "",
        "- Trực tiếp - 07 Ngày làm việc\n- Trực tuyến - 07 Ngày làm việc",
    ],  # time cells in the fee column
)
def test_no_fee_lines(text):
    assert parse_fees(text) == []
