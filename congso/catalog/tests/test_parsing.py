"""Time-limit parsing against strings copied verbatim from procedures.jsonl."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from congso.catalog.choices import ReviewCode, TimeUnit
from congso.catalog.parsing import is_plausible, parse_number, parse_processing_time

WD, CD, H = TimeUnit.WORKING_DAY, TimeUnit.CALENDAR_DAY, TimeUnit.HOUR
CERTIFIED_COPY = (
    "Trong ngày tiếp nhận yêu cầu hoặc trong ngày làm việc tiệp theo nếu nhận yêu cầu sau 15 giờ. Trường hợp kéo "
    "dài thời gain giải quyết thì người tiếp nhận hồ sơ phải có phiếu hẹn ghi rõ thời gian (giờ, ngày) trả kết "
    "quả cho người yêu cầu chứng thực."
)
ONE_WORKING_DAY_OR_AGREED = (
    "Không quá 01 ngày làm việc, kể từ ngày nhận đủ hồ sơ yêu cầu chứng thực hoặc có thể kéo dài hơn theo thỏa "
    "thuận bằng văn bản với người yêu cầu chứng thực. Trường hợp kéo dài thời gian giải quyết thì người tiếp nhận "
    "hồ sơ phải có phiếu hẹn ghi rõ thời gian (giờ, ngày) trả kết quả cho người yêu cầu chứng thực"
)
IDENTITY_CARD = (
    "- Trực tiếp 07 Ngày làm việc\n\n+ Nộp hồ sơ trực tiếp tại cơ quan quản lý căn cước của Công an cấp tỉnh "
    "(Phòng Cảnh sát Quản lý hành chính về trật tự xã hội, Công an các tỉnh, thành phố trực thuộc Trung ương). "
    "- Thời gian tiếp nhận hồ sơ: Giờ hành chính các ngày làm việc từ thứ 2 đến thứ 6 hàng tuần (trừ các ngày "
    "nghỉ lễ, tết theo quy định của pháp luật).\n\n- Trực tuyến 07 Ngày làm việc\n\n+ Nộp hồ sơ trực tuyến qua "
    "ứng dụng định danh quốc gia để đăng ký thời gian, địa điểm thực hiện thủ tục."
)
LAND_85_DAYS = (
    "- Trực tiếp:\n\n+ 85 Ngày\n\n++ Nộp tại cơ quan tiếp nhận, trả kết quả giải quyết TTHC do UBND cấp tỉnh "
    "quyết định. Nộp trực tiếp tại Bộ phận Một cửa theo quy định của Ủy ban nhân dân cấp tỉnh về thực hiện việc "
    "tiếp nhận hồ sơ và trả kết quả giải quyết thủ tục hành chính cấp tỉnh, cấp huyện, cấp xã; Thời hạn giải "
    "quyết:\n\n+++ Không quá 85 ngày kể từ ngày nhận được hồ sơ hợp lệ (Không bao gồm thời gian giải quyết của "
    "cơ quan có chức năng quản lý đất đai về xác định giá đất cụ thể theo quy định"
)
CIVIL_STATUS_CONFIRMATION = (
    "- Trực tiếp\n - 03 ngày. Trường hợp phải kiểm tra, xác minh thì thời hạn có thể kéo dài nhưng không quá 10 "
    "ngày làm việc.\n - Người có yêu cầu xác nhận thông tin hộ tịch trực tiếp thực hiện hoặc ủy quyền cho người "
    "khác thực hiện nộp hồ sơ trực tiếp tại Bộ phận một cửa.\n\n- Trực tuyến\n - 03 ngày. Trường hợp phải kiểm "
    "tra, xác minh thì thời hạn có thể kéo dài nhưng không quá 10 ngày làm việc."
)
BIRTH_COPY_SAME_DAY = (
    "Trực tiếp Ngay trong ngày tiếp nhận hồ sơ; trường hợp nhận hồ sơ sau 15 giờ mà không giải quyết được ngay "
    "thì trả kết quả trong ngày làm việc tiếp theo."
)


def d(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)


# (text, direct, online, post, unit, same_day) — all readable, no review needed.
USABLE = [
    (
        "Trực tuyến: 5 Ngày làm việc; Dịch vụ bưu chính: 5 Ngày làm việc; Trực tiếp: 5 Ngày làm việc",
        "5",
        "5",
        "5",
        WD,
        False,
    ),
    (
        "Trực tuyến: 3 Ngày làm việc; Trực tiếp: 3 Ngày làm việc; Dịch vụ bưu chính: 3 Ngày làm việc",
        "3",
        "3",
        "3",
        WD,
        False,
    ),
    ("Trực tuyến: 30 Ngày; Dịch vụ bưu chính: 30 Ngày; Trực tiếp: 30 Ngày", "30", "30", "30", CD, False),
    ("Dịch vụ bưu chính: 5 Ngày làm việc; Trực tiếp: 5 Ngày làm việc", "5", None, "5", WD, False),
    ("Trực tiếp: 5 Ngày làm việc", "5", None, None, WD, False),
    ("Trực tuyến: 1 Giờ", None, "1", None, H, False),
    ("Trực tuyến: 01 Giờ", None, "1", None, H, False),
    ("Trực tiếp: 0.5 Giờ", "0.5", None, None, H, False),
    (
        "Trực tuyến: 1.5 Ngày làm việc; Dịch vụ bưu chính: 1.5 Ngày làm việc; Trực tiếp: 1.5 Ngày làm việc",
        "1.5",
        "1.5",
        "1.5",
        WD,
        False,
    ),
    (
        "Trực tiếp: 07 Ngày làm việc; Trực tuyến: 07 Ngày làm việc; Dịch vụ bưu chính: 07 Ngày làm việc",
        "7",
        "7",
        "7",
        WD,
        False,
    ),
    ("Trực tiếp: 05 Ngày; Dịch vụ bưu chính: 05 Ngày", "5", None, "5", CD, False),
    ("Trực tuyến: 15 Ngày; Dịch vụ bưu chính: 15 Ngày; Trực tiếp: 25 Ngày", "25", "15", "15", CD, False),
    ("Dịch vụ bưu chính: 30 Ngày; Trực tiếp: 14 Ngày", "14", None, "30", CD, False),
    ("24 ngày làm việc", "24", "24", "24", WD, False),
    ("5 Ngày làm việc kể từ khi nhận hồ sơ hợp lệ", "5", "5", "5", WD, False),
    ("Trong thời hạn 02 ngày làm việc, kể từ ngày nhận đủ hồ sơ theo quy định.", "2", "2", "2", WD, False),
    (ONE_WORKING_DAY_OR_AGREED, "1", "1", "1", WD, False),
    (
        "Không quá 01 ngày ngày làm việc, kể từ ngày nhận đủ hồ sơ yêu cầu chứng thực hoặc có thể kéo dài hơn",
        "1",
        "1",
        "1",
        WD,
        False,
    ),
    (IDENTITY_CARD, "7", "7", None, WD, False),
    (LAND_85_DAYS, "85", None, None, CD, False),
    (CIVIL_STATUS_CONFIRMATION, "3", "3", None, CD, False),
    ("Trực tiếp\n\nTrực tuyến\n\n25 Ngày\n\n25 Ngày", "25", "25", None, CD, False),
    (CERTIFIED_COPY, "0.5", "0.5", "0.5", WD, True),
    (BIRTH_COPY_SAME_DAY, "0.5", None, None, WD, True),
    ("Trực tiếp: 24 Giờ", "24", None, None, H, False),
]


@pytest.mark.parametrize(("text", "direct", "online", "post", "unit", "same_day"), USABLE)
def test_readable_limits(text, direct, online, post, unit, same_day):
    limit = parse_processing_time(text)
    assert (limit.days_direct, limit.days_online, limit.days_post) == (d(direct), d(online), d(post))
    assert limit.unit == unit
    assert limit.same_day is same_day
    assert not limit.needs_review, limit.review_reason
    assert limit.usable


FLAGGED = [
    (None, ReviewCode.MISSING),
    ("", ReviewCode.MISSING),
    ("Trực tuyến: 1; Dịch vụ bưu chính: 1; Trực tiếp: 1", ReviewCode.NO_UNIT),
    ("Trực tuyến: 1; Trực tiếp: 1", ReviewCode.NO_UNIT),
    ("Trực tuyến: 120,000", ReviewCode.NO_UNIT),
    ("Trực tuyến: 140,000; Dịch vụ bưu chính: 140,000; Trực tiếp: 140,000", ReviewCode.NO_UNIT),
    ("Trực tiếp: 10-25; Dịch vụ bưu chính: 10-25", ReviewCode.NO_UNIT),
    (
        "Trực tiếp: Không quy định; Trực tuyến: Không quy định; Dịch vụ bưu chính: Không quy định",
        ReviewCode.NOT_SPECIFIED,
    ),
    ("Trực tiếp: Chậm nhất là ngay trước khi tàu rời cảng", ReviewCode.UNPARSED),
    ("Trực tiếp: 01 Giờ; Trực tiếp: 0.5 Giờ", ReviewCode.AMBIGUOUS),
    ("Trong ngày: nếu dữ liệu có sẵn. Không quá 10 ngày: nếu dữ liệu không có sẵn.", ReviewCode.AMBIGUOUS),
    (
        "Trực tuyến: 5 Ngày làm việc; Dịch vụ bưu chính: 5 Ngày làm việc; Trực tiếp: 5 Ngày làm việc; "
        "Trực tuyến: 3 Ngày làm việc; Trực tiếp: 3 Ngày làm việc; Dịch vụ bưu chính: 3 Ngày làm việc",
        ReviewCode.AMBIGUOUS,
    ),
    ("Trực tiếp: 1 Ngày làm việc; Trực tuyến: 02 Giờ", ReviewCode.MIXED_UNITS),
    (
        "Trực tuyến: 6 Ngày làm việc; Dịch vụ bưu chính: 6 Ngày làm việc; Trực tiếp: 40 Ngày",
        ReviewCode.MIXED_UNITS,
    ),
    ("Trực tiếp: 0 Giờ", ReviewCode.IMPLAUSIBLE),
    ("Trực tuyến: 1100 Ngày", ReviewCode.IMPLAUSIBLE),  # synthetic: the real "1100" cells carry no unit
]


@pytest.mark.parametrize(("text", "code"), FLAGGED)
def test_unreadable_limits_are_flagged_without_a_number(text, code):
    limit = parse_processing_time(text)
    assert limit.review_code == code
    assert limit.needs_review
    assert (limit.days_direct, limit.days_online, limit.days_post) == (None, None, None)
    assert limit.unit == TimeUnit.UNKNOWN
    assert limit.review_reason  # Vietnamese, for the administrator


def test_months_become_30_calendar_days_but_stay_flagged():
    limit = parse_processing_time("Trực tuyến: 4 Tháng; Dịch vụ bưu chính: 4 Tháng; Trực tiếp: 4 Tháng")
    assert (limit.days_direct, limit.days_online, limit.unit) == (Decimal(120), Decimal(120), CD)
    assert limit.review_code == ReviewCode.MONTHS
    assert "30 ngày/tháng" in limit.review_reason


def test_no_unit_reason_quotes_the_numbers():
    limit = parse_processing_time("Trực tuyến: 1; Trực tiếp: 1")
    assert "không ghi đơn vị" in limit.review_reason
    assert "1, 1" in limit.review_reason


def test_cutoff_clock_time_is_not_a_duration():
    # "sau 15 giờ" is the cut-off of domain.md §5.2.5, not a 15-hour limit.
    limit = parse_processing_time(CERTIFIED_COPY)
    assert limit.unit == WD and limit.same_day


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("05", "5"),
        ("1.5", "1.5"),
        ("0,5", "0.5"),
        ("120,000", "120000"),
        ("1.100", "1100"),
        ("1,100,000", "1100000"),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == Decimal(value)


@given(
    st.text(
        alphabet=st.sampled_from(list("0123456789 .,;:-+\nTrựctiếpuyếnDịchvụbưunhNgàylmệcGiờTháng")),
        max_size=80,
    )
)
def test_parser_never_raises_and_never_returns_an_implausible_limit(text):
    limit = parse_processing_time(text)
    values = [v for v in (limit.days_direct, limit.days_online, limit.days_post) if v is not None]
    assert limit.needs_review or values  # either a limit or a reason, never silently nothing
    for value in values:
        assert is_plausible(value, limit.unit)
