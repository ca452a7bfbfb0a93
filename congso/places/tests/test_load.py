"""The loader: counts pinned against Resolution 202/2025/QH15 and the vietnamadminunits 1.0.4 data set,
the mapping, and idempotency."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.db.models import Count, F, Q

from congso.places.choices import CommuneKind, DistrictKind, Era, ProvinceKind
from congso.places.models import Commune, CommuneSuccession, District, Province
from congso.places.services import load_places

pytestmark = pytest.mark.slow

# vietnamadminunits 1.0.4, table admin_units_legacy (plus 5 rows for island districts without communes)
LEGACY_COMMUNES = 10_035
SUCCESSIONS = 10_597  # 471 legacy communes were split between two or more current ones


def _kinds(queryset) -> dict[str, int]:
    return dict(queryset.values_list("kind").annotate(n=Count("id")).order_by())


def test_first_load_creates_every_row(places):
    assert places == {
        "provinces_current": 34,
        "provinces_legacy": 63,
        "districts": 696,
        "communes_current": 3_321,
        "communes_legacy": LEGACY_COMMUNES,
        "successions": SUCCESSIONS,
        "island_districts": 5,
        "unmapped_communes": 0,
        "kind_from_name": 7,
        "created": 34 + 63 + 696 + 3_321 + LEGACY_COMMUNES + SUCCESSIONS,
        "updated": 0,
        "deleted": 0,
        "stale": 0,
    }


def test_current_units_match_resolution_202(places):
    # Resolution 202/2025/QH15: 34 provincial units = 28 provinces + 6 centrally-run cities;
    # 3,321 communes = 2,621 xã + 687 phường + 13 đặc khu.
    provinces = Province.objects.filter(era=Era.CURRENT)
    assert _kinds(provinces) == {ProvinceKind.PROVINCE: 28, ProvinceKind.CITY: 6}
    assert set(provinces.filter(kind=ProvinceKind.CITY).values_list("short_name", flat=True)) == {
        "Hà Nội",
        "Hải Phòng",
        "Huế",
        "Đà Nẵng",
        "Hồ Chí Minh",
        "Cần Thơ",
    }
    communes = Commune.objects.filter(era=Era.CURRENT)
    assert _kinds(communes) == {
        CommuneKind.COMMUNE: 2_621,
        CommuneKind.WARD: 687,
        CommuneKind.SPECIAL_ZONE: 13,
    }
    assert not communes.filter(district__isnull=False).exists()
    assert not provinces.filter(successor__isnull=False).exists()


def test_legacy_units(places):
    assert Province.objects.filter(era=Era.LEGACY).count() == 63
    assert _kinds(District.objects.all()) == {
        DistrictKind.RURAL_DISTRICT: 508,
        DistrictKind.CITY: 87,
        DistrictKind.TOWN: 52,
        DistrictKind.URBAN_DISTRICT: 49,
    }
    assert not District.objects.exclude(province__era=Era.LEGACY).exists()
    communes = Commune.objects.filter(era=Era.LEGACY)
    assert _kinds(communes) == {CommuneKind.COMMUNE: 7_692, CommuneKind.WARD: 1_726, CommuneKind.TOWNLET: 617}
    assert not communes.filter(district__isnull=True).exists()
    assert not communes.exclude(province=F("district__province")).exists()


def test_type_word_follows_the_name(places):
    # The data set types these "Xã"; Phú Nhuận was an urban district (quận), made only of wards.
    assert Commune.objects.get(era=Era.LEGACY, code="27046").kind == CommuneKind.WARD
    assert Commune.objects.get(era=Era.LEGACY, code="15061").kind == CommuneKind.TOWNLET  # Thị trấn Ngọc Lặc
    assert Commune.objects.get(era=Era.CURRENT, code="10543").kind == CommuneKind.WARD  # Phường Việt Hòa
    assert Commune.objects.get(era=Era.LEGACY, code="19624").name == "Thị trấn Ái Tử"  # "Thị Trấn" in the set


@pytest.mark.parametrize(
    ("old", "old_name", "new", "new_name"),
    [
        ("58", "Ninh Thuận", "56", "Khánh Hòa"),
        ("95", "Bạc Liêu", "96", "Cà Mau"),
        ("52", "Bình Định", "52", "Gia Lai"),  # same code, different province: keys are (era, code)
        ("80", "Long An", "80", "Tây Ninh"),
        ("72", "Tây Ninh", "80", "Tây Ninh"),
        ("64", "Gia Lai", "52", "Gia Lai"),
        ("56", "Khánh Hòa", "56", "Khánh Hòa"),
    ],
)
def test_province_successors(places, old, old_name, new, new_name):
    province = Province.objects.select_related("successor").get(era=Era.LEGACY, code=old)
    assert province.short_name == old_name
    assert (province.successor.era, province.successor.code, province.successor.short_name) == (
        Era.CURRENT,
        new,
        new_name,
    )


def test_every_legacy_province_has_a_current_successor(places):
    assert not Province.objects.filter(era=Era.LEGACY, successor__isnull=True).exists()
    merged = Province.objects.filter(era=Era.CURRENT).annotate(n=Count("predecessors"))
    assert sum(p.n for p in merged) == 63
    assert min(p.n for p in merged) == 1
    assert max(p.n for p in merged) == 3  # e.g. Cần Thơ + Hậu Giang + Sóc Trăng


def test_every_legacy_commune_has_exactly_one_default_successor(places):
    assert CommuneSuccession.objects.count() == SUCCESSIONS
    defaults = Commune.objects.filter(era=Era.LEGACY).annotate(
        n=Count("successions_out", filter=Q(successions_out__is_default=True))
    )
    assert defaults.filter(n=1).count() == LEGACY_COMMUNES
    # A succession stays inside the province's merger: never into another province.
    assert not CommuneSuccession.objects.exclude(new__province=F("old__province__successor")).exists()
    assert not CommuneSuccession.objects.exclude(old__era=Era.LEGACY, new__era=Era.CURRENT).exists()


def test_every_current_commune_comes_from_somewhere(places):
    orphans = Commune.objects.filter(era=Era.CURRENT, successions_in__isnull=True)
    # The only ones with no legacy commune are island districts that had none and became đặc khu whole.
    assert set(orphans.values_list("code", flat=True)) == set(
        District.objects.filter(successor__isnull=False).values_list("successor__code", flat=True)
    )
    assert dict(District.objects.filter(successor__isnull=False).values_list("name", "successor__name")) == {
        "Huyện Bạch Long Vĩ": "Đặc khu Bạch Long Vĩ",
        "Huyện Cồn Cỏ": "Đặc khu Cồn Cỏ",
        "Huyện Hoàng Sa": "Đặc khu Hoàng Sa",
        "Huyện Lý Sơn": "Đặc khu Lý Sơn",
        "Huyện Côn Đảo": "Đặc khu Côn Đảo",
    }


def _snapshot() -> dict[str, object]:
    return {
        "provinces": list(Province.objects.order_by("pk").values_list()),
        "districts": list(District.objects.order_by("pk").values_list()),
        "communes": list(Commune.objects.order_by("pk").values_list()),
        "successions": list(CommuneSuccession.objects.order_by("pk").values_list()),
    }


def test_second_load_changes_nothing(places):
    before = _snapshot()
    counts = load_places()
    assert (counts["created"], counts["updated"], counts["deleted"], counts["stale"]) == (0, 0, 0, 0)
    assert _snapshot() == before


def test_load_repairs_drift_and_keeps_foreign_rows(places):
    commune = Commune.objects.get(era=Era.CURRENT, code="22366")
    commune.name = "Phường Nha Trang (sửa tay)"
    commune.save()
    split = CommuneSuccession.objects.filter(old__era=Era.LEGACY, old__code="22768")  # Đông Hải, split in two
    split.update(is_default=True)
    CommuneSuccession.objects.filter(old__era=Era.LEGACY, old__code="22759").delete()
    bogus = CommuneSuccession.objects.create(
        old=Commune.objects.get(era=Era.LEGACY, code="22759"), new=commune
    )
    extra = Province.objects.create(
        era=Era.CURRENT, code="99", name="Tỉnh Thử", short_name="Thử", kind="tinh"
    )

    counts = load_places()

    assert (counts["created"], counts["updated"], counts["deleted"], counts["stale"]) == (1, 2, 1, 1)
    commune.refresh_from_db()
    assert (commune.name, commune.search_name) == ("Phường Nha Trang", "phuong nha trang")
    assert split.filter(is_default=True).count() == 1
    assert not CommuneSuccession.objects.filter(pk=bogus.pk).exists()
    assert Province.objects.filter(pk=extra.pk).exists()  # never deleted: records may point at it


def test_command_prints_a_summary(places):
    out = io.StringIO()
    call_command("load_places", verbosity=0, stdout=out)
    line = out.getvalue()
    assert "34 tỉnh/thành phố và 3.321 xã/phường/đặc khu hiện hành" in line
    assert "0 xã cũ chưa ánh xạ được" in line
    assert "thêm 0, sửa 0, xóa 0" in line


def test_reading_the_source_does_not_import_the_package():
    # The package's __init__ pulls shapely and geopy for its address parser; we only read its files.
    code = (
        "import sys; from congso.places.source import read_source; s = read_source();"
        "assert len(s.current_communes) == 3321;"
        "assert not {'vietnamadminunits', 'shapely', 'geopy'} & set(sys.modules), sorted(sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)
