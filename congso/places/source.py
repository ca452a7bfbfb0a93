"""Read the administrative-unit data set shipped in the `vietnamadminunits` package (MIT licence,
© 2025 Tran Ngoc Minh Hieu; compatible with our AGPL-3.0-or-later, see DATA_LICENCE.md).

Only the package's data files are read, with the standard library: importing the package itself
would pull shapely and geopy for its address parser, which we do not use. The set holds the GSO
codes (danhmuchanhchinh.gso.gov.vn): current units per Resolution 202/2025/QH15 with codes from
Decision 19/2025/QĐ-TTg, the pre-merger 63 provinces / 696 districts, and the old → new mapping.

Pure Python, no Django models: `services.load_places` turns the result into rows.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import sqlite3
from collections import defaultdict
from contextlib import closing
from dataclasses import dataclass, field, replace
from pathlib import Path

from congso.places.choices import CommuneKind, DistrictKind, ProvinceKind

PACKAGE = "vietnamadminunits"

# Type words as written in names and in the data set's type columns. Longest first, so that
# "Thành phố" is tried before anything shorter that could share its start.
PROVINCE_KINDS = {"Thành phố": ProvinceKind.CITY, "Tỉnh": ProvinceKind.PROVINCE}
DISTRICT_KINDS = {
    "Thành phố": DistrictKind.CITY,
    "Thị xã": DistrictKind.TOWN,
    "Quận": DistrictKind.URBAN_DISTRICT,
    "Huyện": DistrictKind.RURAL_DISTRICT,
}
COMMUNE_KINDS = {
    "Thị trấn": CommuneKind.TOWNLET,
    "Đặc khu": CommuneKind.SPECIAL_ZONE,
    "Phường": CommuneKind.WARD,
    "Xã": CommuneKind.COMMUNE,
}


class SourceError(ValueError):
    """The data set contradicts itself (a mapping names a unit it does not list): refuse to load."""


@dataclass(frozen=True)
class ProvinceRow:
    code: str
    name: str
    short_name: str
    kind: str
    successor_code: str | None = None  # legacy only: the current province it merged into


@dataclass(frozen=True)
class DistrictRow:
    code: str
    name: str
    kind: str
    province_code: str
    successor_code: str | None = None  # island districts without communes: the current đặc khu


@dataclass(frozen=True)
class CommuneRow:
    code: str
    name: str
    short_name: str
    kind: str
    province_code: str
    district_code: str | None = None


@dataclass(frozen=True)
class SuccessionRow:
    old_code: str  # legacy commune
    new_code: str  # current commune
    is_default: bool


@dataclass
class Source:
    version: str
    current_provinces: list[ProvinceRow] = field(default_factory=list)
    legacy_provinces: list[ProvinceRow] = field(default_factory=list)
    districts: list[DistrictRow] = field(default_factory=list)
    current_communes: list[CommuneRow] = field(default_factory=list)
    legacy_communes: list[CommuneRow] = field(default_factory=list)
    successions: list[SuccessionRow] = field(default_factory=list)
    unmapped_communes: list[str] = field(default_factory=list)  # legacy codes with no successor
    kind_from_name: list[str] = field(default_factory=list)  # codes whose type column contradicts the name


def data_dir() -> Path:
    # find_spec on a top-level package locates it without running its __init__ (which imports shapely).
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SourceError(f"Chưa cài gói {PACKAGE} (pip install {PACKAGE}).")
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def _split_kind(name: str, type_label: str | None, kinds: dict[str, str]) -> tuple[str, str, bool]:
    """(kind, name with its type word in canonical case, whether the name overrode the type column).

    The name wins over the type column: the set has a few rows where they disagree and the name is
    the right one (legacy "Phường 5" of Quận Phú Nhuận typed "Xã"; "Thị trấn Ngọc Lặc" typed "Xã").
    """
    lowered = name.casefold()
    for word, kind in kinds.items():
        if lowered.startswith(word.casefold() + " "):
            overridden = type_label is not None and kinds.get(type_label) not in (None, kind)
            return kind, word + name[len(word) :], overridden
    if type_label in kinds:
        return kinds[type_label], name, False
    raise SourceError(f"Không xác định được loại đơn vị: {name!r} ({type_label!r}).")


def read_source(directory: Path | None = None) -> Source:
    directory = directory or data_dir()
    try:
        version = importlib.metadata.version(PACKAGE)
    except importlib.metadata.PackageNotFoundError:
        version = "?"
    source = Source(version=version)
    uri = (directory / "dataset.db").as_uri() + "?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as db:
        current_keys = _read_current(db, source)
        legacy_keys = _read_legacy(db, source)
    converter = json.loads((directory / "converter_2025.json").read_text(encoding="utf-8"))
    _read_mapping(converter, source, current_keys, legacy_keys)
    return source


@dataclass
class _Keys:
    """The data set's mapping refers to units by folded-name keys; these resolve them to GSO codes."""

    province: dict[str, str] = field(default_factory=dict)  # province key → code
    commune: dict[str, str] = field(default_factory=dict)  # see the readers for the key shape
    district: dict[str, str] = field(default_factory=dict)  # legacy "province_district_" → district code


def _province(rows: dict[str, ProvinceRow], code: str, name: str, short: str) -> None:
    if code in rows:
        if rows[code].name != name:
            raise SourceError(f"Tỉnh mã {code} mang hai tên: {rows[code].name!r}, {name!r}.")
        return
    kind, name, _ = _split_kind(name, None, PROVINCE_KINDS)
    rows[code] = ProvinceRow(code=code, name=name, short_name=short, kind=kind)


def _read_current(db: sqlite3.Connection, source: Source) -> _Keys:
    keys = _Keys()
    provinces: dict[str, ProvinceRow] = {}
    query = (
        "SELECT provinceCode, province, provinceShort, provinceKey, wardCode, ward, wardShort, wardType, wardKey"
        " FROM admin_units ORDER BY wardCode"
    )
    for p_code, p_name, p_short, p_key, code, name, short, type_label, w_key in db.execute(query):
        _province(provinces, p_code, p_name, p_short)
        keys.province[p_key] = p_code
        kind, name, overridden = _split_kind(name, type_label, COMMUNE_KINDS)
        if overridden:
            source.kind_from_name.append(code)
        source.current_communes.append(
            CommuneRow(code=code, name=name, short_name=short, kind=kind, province_code=p_code)
        )
        keys.commune[f"{p_key}|{w_key}"] = code
    source.current_provinces = sorted(provinces.values(), key=lambda p: p.code)
    return keys


def _read_legacy(db: sqlite3.Connection, source: Source) -> _Keys:
    keys = _Keys()
    provinces: dict[str, ProvinceRow] = {}
    districts: dict[str, DistrictRow] = {}
    query = (
        "SELECT provinceCode, province, provinceShort, provinceKey, districtCode, district, districtType,"
        " districtKey, wardCode, ward, wardShort, wardType, wardKey"
        " FROM admin_units_legacy ORDER BY districtCode, wardCode"
    )
    for row in db.execute(query):
        p_code, p_name, p_short, p_key, d_code, d_name, d_type, d_key, code, name, short, w_type, w_key = row
        _province(provinces, p_code, p_name, p_short)
        keys.province[p_key] = p_code
        if d_code not in districts:
            d_kind, d_name, _ = _split_kind(d_name, d_type, DISTRICT_KINDS)
            districts[d_code] = DistrictRow(code=d_code, name=d_name, kind=d_kind, province_code=p_code)
            keys.district[f"{p_key}_{d_key}_"] = d_code
        if code is None:  # an island district with no commune: one row with an empty ward
            continue
        kind, name, overridden = _split_kind(name, w_type, COMMUNE_KINDS)
        if overridden:
            source.kind_from_name.append(code)
        source.legacy_communes.append(
            CommuneRow(
                code=code, name=name, short_name=short, kind=kind, province_code=p_code, district_code=d_code
            )
        )
        keys.commune[f"{p_key}_{d_key}_{w_key}"] = code
    source.legacy_provinces = sorted(provinces.values(), key=lambda p: p.code)
    source.districts = sorted(districts.values(), key=lambda d: d.code)
    return keys


def _resolve(table: dict[str, str], key: str, what: str) -> str:
    try:
        return table[key]
    except KeyError:
        raise SourceError(f"Bảng chuyển đổi nhắc tới {what} không có trong dữ liệu: {key!r}.") from None


def _read_mapping(converter: dict, source: Source, current: _Keys, legacy: _Keys) -> None:
    """converter_2025.json: DICT_PROVINCE (new province → old ones), DICT_PROVINCE_WARD_NO_DIVIDED
    (new province → new ward → old wards merged whole) and DICT_PROVINCE_WARD_DIVIDED (new province →
    old ward split across several new wards, one flagged isDefaultNewWard)."""
    successor_of: dict[str, str] = {}
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        new_code = _resolve(current.province, new_key, "tỉnh mới")
        for old_key in old_keys:
            successor_of[_resolve(legacy.province, old_key, "tỉnh cũ")] = new_code
    source.legacy_provinces = [
        replace(p, successor_code=successor_of.get(p.code)) for p in source.legacy_provinces
    ]

    targets: dict[str, dict[str, bool]] = defaultdict(dict)  # old commune code → new code → default
    island: dict[str, str] = {}
    for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_keys in wards.items():
            new_code = _resolve(current.commune, f"{new_province}|{new_ward}", "xã mới")
            for old_key in old_keys:
                if old_key.endswith("_"):
                    island[_resolve(legacy.district, old_key, "huyện cũ")] = new_code
                else:
                    targets[_resolve(legacy.commune, old_key, "xã cũ")][new_code] = True
    for new_province, old_wards in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in old_wards.items():
            old_code = _resolve(legacy.commune, old_key, "xã cũ")
            for part in parts:
                new_code = _resolve(current.commune, f"{new_province}|{part['newWardKey']}", "xã mới")
                targets[old_code][new_code] = bool(part["isDefaultNewWard"])

    source.districts = [replace(d, successor_code=island.get(d.code)) for d in source.districts]
    for commune in source.legacy_communes:
        news = targets.get(commune.code)
        if not news:
            source.unmapped_communes.append(commune.code)
            continue
        if sum(news.values()) != 1:
            # roll_up_commune needs exactly one default per old commune.
            raise SourceError(f"Xã cũ mã {commune.code} có {sum(news.values())} xã mới mặc định.")
        source.successions.extend(
            SuccessionRow(old_code=commune.code, new_code=new, is_default=default)
            for new, default in sorted(news.items())
        )
