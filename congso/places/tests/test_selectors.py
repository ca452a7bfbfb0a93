from __future__ import annotations

import pytest

from congso.core.errors import InvalidInput, NotFound
from congso.places.choices import Era
from congso.places.models import Province
from congso.places.selectors import (
    commune_for,
    communes_of,
    current_province,
    find_commune,
    province_for,
    roll_up_commune,
    roll_up_province,
    search_communes,
)

pytestmark = pytest.mark.slow


def test_current_province_by_code(places):
    assert current_province("56").name == "Tỉnh Khánh Hòa"
    assert current_province(1).short_name == "Hà Nội"  # leading zero dropped by a spreadsheet


def test_codes_are_read_in_their_era(places):
    assert province_for(Era.LEGACY, "52").short_name == "Bình Định"
    assert province_for(Era.CURRENT, "52").short_name == "Gia Lai"
    assert commune_for(Era.LEGACY, "22759").name == "Phường Kinh Dinh"
    assert commune_for(Era.CURRENT, "22759").name == "Phường Phan Rang"
    assert commune_for(Era.LEGACY, 4).name == "Phường Trúc Bạch"  # "00004"
    assert commune_for(Era.CURRENT, 4).name == "Phường Ba Đình"


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda: current_province("58"), "58"),  # Ninh Thuận no longer exists
        (lambda: province_for(Era.LEGACY, "99"), "99"),
        (lambda: commune_for(Era.CURRENT, "99999"), "99999"),
    ],
)
def test_unknown_code(places, call, code):
    with pytest.raises(NotFound) as caught:
        call()
    assert caught.value.code == "unknown_unit"
    assert caught.value.message.startswith(f"Không tìm thấy đơn vị hành chính mã {code}")
    assert caught.value.status == 404


def test_unknown_era(places):
    with pytest.raises(InvalidInput) as caught:
        province_for("2024", "56")
    assert caught.value.code == "unknown_era"


@pytest.mark.parametrize(
    ("legacy", "current"),
    [("58", "56"), ("95", "96"), ("52", "52"), ("80", "80")],
)
def test_roll_up_province(places, legacy, current, django_assert_num_queries):
    province = province_for(Era.LEGACY, legacy)
    with django_assert_num_queries(0):  # province_for already joined the successor
        rolled = roll_up_province(province)
    assert (rolled.era, rolled.code) == (Era.CURRENT, current)
    assert roll_up_province(rolled) is rolled


def test_roll_up_province_without_successor(places):
    orphan = Province.objects.create(
        era=Era.LEGACY, code="00", name="Tỉnh Thử", short_name="Thử", kind="tinh"
    )
    with pytest.raises(NotFound) as caught:
        roll_up_province(orphan)
    assert caught.value.code == "no_successor"


@pytest.mark.parametrize(
    ("legacy", "current", "name", "province"),
    [
        # Each checked by hand in vietnamadminunits' converter_2025.json (old key → new ward key):
        ("22759", "22759", "Phường Phan Rang", "56"),  # Kinh Dinh, Phan Rang–Tháp Chàm
        ("22738", "22738", "Phường Đô Vinh", "56"),  # Đô Vinh keeps its name
        ("22774", "22741", "Phường Bảo An", "56"),  # Xã Thành Hải, merged into a ward
        ("22768", "22780", "Phường Đông Hải", "56"),  # split: most into Đông Hải, part into Xã Phước Dinh
        ("31813", "31825", "Phường Bạc Liêu", "96"),  # Phường 2, TP Bạc Liêu → Cà Mau
        ("27694", "27694", "Phường Long An", "80"),  # Phường 1, TP Tân An → Tây Ninh
        ("21553", "21553", "Phường Quy Nhơn Bắc", "52"),  # Nhơn Phú, TP Quy Nhơn → Gia Lai
    ],
)
def test_roll_up_commune(places, legacy, current, name, province, django_assert_num_queries):
    old = commune_for(Era.LEGACY, legacy)
    with django_assert_num_queries(1):
        new = roll_up_commune(old)
        assert (new.era, new.code, new.name, new.province.code) == (Era.CURRENT, current, name, province)
    assert roll_up_commune(new) is new


def test_split_commune_keeps_every_successor(places):
    old = commune_for(Era.LEGACY, "22768")
    assert sorted(old.successions_out.values_list("new__name", "is_default")) == [
        ("Phường Đông Hải", True),
        ("Xã Phước Dinh", False),
    ]


def test_communes_of(places, django_assert_num_queries):
    khanh_hoa = current_province("56")
    with django_assert_num_queries(1):
        rows = [(c.code, c.name, c.district) for c in communes_of(khanh_hoa)]
    assert len(rows) == 65
    ninh_thuan = province_for(Era.LEGACY, "58")
    with django_assert_num_queries(1):
        legacy = [(c.code, c.district.name) for c in communes_of(ninh_thuan)]
    assert len(legacy) == 62
    assert legacy[0] == ("22738", "Thành phố Phan Rang - Tháp Chàm")


@pytest.mark.parametrize(
    "text", ["phuong nha trang", "Phường Nha Trang", "PHƯỜNG  NHA TRANG", "nha trang", "Nha Trang"]
)
def test_find_commune_with_and_without_diacritics(places, text):
    found = find_commune(text)
    assert (found.era, found.code, found.name, found.province.code) == (
        Era.CURRENT,
        "22366",
        "Phường Nha Trang",
        "56",
    )


def test_find_commune_in_a_province_and_era(places):
    khanh_hoa = current_province("56")
    assert find_commune("đô vinh", khanh_hoa).era == Era.CURRENT
    assert find_commune("do vinh", province_for(Era.LEGACY, "58")).code == "22738"
    assert find_commune("Kinh Dinh", era=Era.LEGACY).code == "22759"
    with pytest.raises(NotFound):
        find_commune("kinh dinh")  # gone since 01/07/2025


def test_find_commune_refuses_to_guess(places):
    with pytest.raises(InvalidInput) as caught:
        find_commune("xa vinh hoa")  # one in Hải Phòng, one in An Giang
    assert caught.value.code == "ambiguous_unit"
    assert "Hải Phòng" in caught.value.message
    assert find_commune("xa vinh hoa", current_province("31")).code == "11848"


def test_find_commune_unknown_name(places):
    with pytest.raises(NotFound) as caught:
        find_commune("không có xã này")
    assert caught.value.code == "unknown_unit"


def test_search_communes_ranks_exact_names_first(places, django_assert_num_queries):
    with django_assert_num_queries(1):
        names = [c.name for c in search_communes("nha trang")]
    assert names[0] == "Phường Nha Trang"
    assert [c.rank for c in search_communes("nha trang")] == [1, 3, 3, 3]
    assert sorted(names[1:]) == ["Phường Bắc Nha Trang", "Phường Nam Nha Trang", "Phường Tây Nha Trang"]
    assert search_communes("   ") == []
    assert len(search_communes("xa", limit=5)) == 5


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Văn Miếu – Quốc Tử Giám", "00226"),  # en dash typed for the set's hyphen
        ("van mieu quoc tu giam", "00226"),
        ("1 bao loc", "24823"),  # "Phường 1 Bảo Lộc": the bare name keeps its number
    ],
)
def test_find_commune_ignores_punctuation(places, text, code):
    assert find_commune(text).code == code
