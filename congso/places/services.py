"""Writes for administrative units: the loader that syncs the tables with the packaged data set.

The data set is the source of truth for these tables, so the load is a sync: rows are matched on the
natural key (era, code) — codes alone repeat across eras (52 was Bình Định, is now Gia Lai) — then
created or updated in bulk, and commune successions no longer in the set are removed. Units missing
from the set are never deleted (records may point at them); they are counted as `stale`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import models, transaction

from congso.places.choices import Era
from congso.places.models import Commune, CommuneSuccession, District, Province, search_key
from congso.places.source import CommuneRow, ProvinceRow, read_source

Progress = Callable[[str], None]
"""Called with the Vietnamese label of each step once it is done (the command drives a bar with it)."""

STEPS = (
    "Đọc dữ liệu nguồn",
    "Tỉnh, thành phố hiện hành",
    "Tỉnh, thành phố trước sáp nhập",
    "Xã, phường, đặc khu hiện hành",
    "Quận, huyện trước sáp nhập",
    "Xã, phường, thị trấn trước sáp nhập",
    "Liên kết sáp nhập xã",
)

BATCH = 1000


class _Tally:
    def __init__(self) -> None:
        self.created = self.updated = self.deleted = self.stale = 0


def _sync(
    model: type[models.Model],
    scope: dict[str, Any],
    fields: Sequence[str],
    rows: Iterable[dict[str, Any]],
    tally: _Tally,
) -> dict[str, int]:
    """Within `scope` (one era), create missing rows and update changed ones, matched on `code`.

    Returns code → pk for the scope. Rows only compared, never deleted: see the module docstring.
    """
    existing = {
        code: (pk, tuple(values))
        for pk, code, *values in model.objects.filter(**scope).values_list("pk", "code", *fields)
    }
    wanted: set[str] = set()
    to_create: list[models.Model] = []
    to_update: list[models.Model] = []
    for row in rows:
        row = {**scope, **row}
        wanted.add(row["code"])
        found = existing.get(row["code"])
        if found is None:
            to_create.append(model(**row))
        elif found[1] != tuple(row[f] for f in fields):
            to_update.append(model(pk=found[0], **row))
    model.objects.bulk_create(to_create, batch_size=BATCH)
    model.objects.bulk_update(to_update, list(fields), batch_size=BATCH)
    tally.created += len(to_create)
    tally.updated += len(to_update)
    tally.stale += len(existing.keys() - wanted)
    return dict(model.objects.filter(**scope).values_list("code", "pk"))


def _sync_successions(wanted: dict[tuple[int, int], bool], tally: _Tally) -> None:
    existing = {
        (old, new): (pk, default)
        for pk, old, new, default in CommuneSuccession.objects.values_list(
            "pk", "old_id", "new_id", "is_default"
        )
    }
    CommuneSuccession.objects.bulk_create(
        [
            CommuneSuccession(old_id=o, new_id=n, is_default=d)
            for (o, n), d in wanted.items()
            if (o, n) not in existing
        ],
        batch_size=BATCH,
    )
    changed = [
        CommuneSuccession(pk=pk, is_default=wanted[link])
        for link, (pk, default) in existing.items()
        if link in wanted and wanted[link] != default
    ]
    CommuneSuccession.objects.bulk_update(changed, ["is_default"], batch_size=BATCH)
    gone = [pk for link, (pk, _) in existing.items() if link not in wanted]
    for start in range(0, len(gone), BATCH):
        CommuneSuccession.objects.filter(pk__in=gone[start : start + BATCH]).delete()
    tally.created += len(wanted.keys() - existing.keys())
    tally.updated += len(changed)
    tally.deleted += len(gone)


def _province_rows(rows: Iterable[ProvinceRow], current: dict[str, int]) -> list[dict[str, Any]]:
    return [
        {
            "code": p.code,
            "name": p.name,
            "short_name": p.short_name,
            "kind": p.kind,
            "successor_id": current[p.successor_code] if p.successor_code else None,
        }
        for p in rows
    ]


def _commune_rows(
    rows: Iterable[CommuneRow], provinces: dict[str, int], districts: dict[str, int]
) -> list[dict[str, Any]]:
    return [
        {
            "code": c.code,
            "name": c.name,
            "short_name": c.short_name,
            "kind": c.kind,
            "province_id": provinces[c.province_code],
            "district_id": districts[c.district_code] if c.district_code else None,
            "search_name": search_key(c.name),
        }
        for c in rows
    ]


PROVINCE_FIELDS = ("name", "short_name", "kind", "successor_id")
DISTRICT_FIELDS = ("name", "kind", "province_id", "successor_id")
COMMUNE_FIELDS = ("name", "short_name", "kind", "province_id", "district_id", "search_name")
CURRENT = {"era": Era.CURRENT}
LEGACY = {"era": Era.LEGACY}


def load_places(*, progress: Progress | None = None) -> dict[str, int]:
    """Load or refresh every administrative unit and the 2025 mapping; idempotent, one transaction.

    Returns the counts of the data set (what the tables now hold from it) and of the changes made:
    a second run returns created = updated = deleted = 0.
    """
    report = progress or (lambda step: None)
    source = read_source()
    report(STEPS[0])
    tally = _Tally()
    with transaction.atomic():
        # Order follows the foreign keys: a legacy province points at a current one, an island
        # district at a current đặc khu, a legacy commune at its district.
        provinces_now = _sync(
            Province, CURRENT, PROVINCE_FIELDS, _province_rows(source.current_provinces, {}), tally
        )
        report(STEPS[1])
        rows = _province_rows(source.legacy_provinces, provinces_now)
        provinces_old = _sync(Province, LEGACY, PROVINCE_FIELDS, rows, tally)
        report(STEPS[2])
        rows = _commune_rows(source.current_communes, provinces_now, {})
        communes_now = _sync(Commune, CURRENT, COMMUNE_FIELDS, rows, tally)
        report(STEPS[3])
        rows = [
            {
                "code": d.code,
                "name": d.name,
                "kind": d.kind,
                "province_id": provinces_old[d.province_code],
                "successor_id": communes_now[d.successor_code] if d.successor_code else None,
            }
            for d in source.districts
        ]
        districts = _sync(District, {}, DISTRICT_FIELDS, rows, tally)
        report(STEPS[4])
        rows = _commune_rows(source.legacy_communes, provinces_old, districts)
        communes_old = _sync(Commune, LEGACY, COMMUNE_FIELDS, rows, tally)
        report(STEPS[5])
        links = {
            (communes_old[s.old_code], communes_now[s.new_code]): s.is_default for s in source.successions
        }
        _sync_successions(links, tally)
        report(STEPS[6])
    return {
        "provinces_current": len(source.current_provinces),
        "provinces_legacy": len(source.legacy_provinces),
        "districts": len(source.districts),
        "communes_current": len(source.current_communes),
        "communes_legacy": len(source.legacy_communes),
        "successions": len(source.successions),
        "island_districts": sum(1 for d in source.districts if d.successor_code),
        "unmapped_communes": len(source.unmapped_communes),
        "kind_from_name": len(source.kind_from_name),
        "created": tally.created,
        "updated": tally.updated,
        "deleted": tally.deleted,
        "stale": tally.stale,
    }
