"""Bulk writes of the catalogue import (private to catalog: services.import_procedures is the entry point).

One batch = a handful of queries whatever its size: fields, existing procedures, new procedures, versions,
components, fees, and the current-version pointers. That keeps the full catalogue (3,697 procedures,
~16,000 components) well under a minute on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Max

from congso.catalog.choices import LimitsSource, ReviewCode
from congso.catalog.models import FeeLine, Field, Procedure, ProcedureVersion, RequiredDocument
from congso.catalog.records import PreparedRecord
from congso.core.text import vn_fold

CHILD_BATCH = 1000
_LIMIT_COLUMNS = ("days_direct", "days_online", "days_post", "time_unit", "same_day")


@dataclass
class BatchOutcome:
    created: int = 0
    new_versions: int = 0
    unchanged: int = 0
    flagged: int = 0
    limits: Counter = field(default_factory=Counter)


def limit_key(unit: str, same_day: bool, usable: bool) -> str:
    """Bucket for the report: which unit a procedure's limit uses, or why it has none."""
    if not usable:
        return "none"
    return "same_day" if same_day else unit


def _field_ids(batch: list[PreparedRecord]) -> dict[str, int]:
    names = {r.field_name for r in batch if r.field_name}
    ids = dict(Field.objects.filter(name__in=names).values_list("name", "id"))
    missing = names - ids.keys()
    if missing:
        Field.objects.bulk_create([Field(name=n, name_folded=vn_fold(n)) for n in sorted(missing)])
        ids.update(Field.objects.filter(name__in=missing).values_list("name", "id"))
    return ids


def _existing(codes: list[str]) -> dict[str, dict[str, Any]]:
    rows = Procedure.objects.filter(code__in=codes).values(
        "id",
        "code",
        "needs_review",
        "current_version_id",
        "current_version__content_hash",
        "current_version__limits_source",
        "current_version__limits_note",
        "current_version__processing_time_text",
        *(f"current_version__{c}" for c in _LIMIT_COLUMNS),
    )
    return {row["code"]: row for row in rows}


def _carry_admin_limits(values: dict[str, Any], previous: dict[str, Any]) -> dict[str, Any]:
    """A new version whose time text did not change keeps the limits an administrator recorded."""
    if previous.get("current_version__limits_source") != LimitsSource.ADMIN:
        return values
    if previous["current_version__processing_time_text"] != values["processing_time_text"]:
        return values
    carried = {c: previous[f"current_version__{c}"] for c in _LIMIT_COLUMNS}
    return {
        **values,
        **carried,
        "limits_source": LimitsSource.ADMIN,
        "review_code": ReviewCode.NONE,
        "limits_note": previous["current_version__limits_note"],
    }


def store_batch(batch: list[PreparedRecord], *, source_name: str, moment: datetime) -> BatchOutcome:
    """Write one batch; the caller owns the transaction."""
    outcome = BatchOutcome()
    field_ids = _field_ids(batch)
    existing = _existing([r.code for r in batch])

    to_write: list[tuple[PreparedRecord, dict[str, Any]]] = []  # (record, version values)
    new_codes: list[str] = []
    for record in batch:
        row = existing.get(record.code)
        if row and row["current_version__content_hash"] == record.content_hash:
            outcome.unchanged += 1
            outcome.flagged += int(row["needs_review"])
            usable = any(row[f"current_version__{c}"] is not None for c in _LIMIT_COLUMNS[:3])
            outcome.limits[
                limit_key(row["current_version__time_unit"], row["current_version__same_day"], usable)
            ] += 1
            continue
        values = _carry_admin_limits(record.values, row) if row else record.values
        to_write.append((record, values))
        if row is None:
            new_codes.append(record.code)
    if not to_write:
        return outcome

    if new_codes:
        Procedure.objects.bulk_create([Procedure(code=c) for c in new_codes])
        for row in Procedure.objects.filter(code__in=new_codes).values("id", "code"):
            existing[row["code"]] = {"id": row["id"], "current_version_id": None}
    changed_ids = [existing[r.code]["id"] for r, _ in to_write if existing[r.code]["current_version_id"]]
    last_number = dict(
        ProcedureVersion.objects.filter(procedure_id__in=changed_ids)
        .values("procedure_id")
        .annotate(last=Max("number"))
        .values_list("procedure_id", "last")
    )

    versions = []
    for record, values in to_write:
        procedure_id = existing[record.code]["id"]
        versions.append(
            ProcedureVersion(
                procedure_id=procedure_id,
                number=last_number.get(procedure_id, 0) + 1,
                field_id=field_ids.get(record.field_name),
                source_name=source_name,
                imported_at=moment,
                **values,
            )
        )
    ProcedureVersion.objects.bulk_create(versions)
    # PostgreSQL and SQLite ≥ 3.35 return the new ids; refetch only where a backend does not.
    if any(v.pk is None for v in versions):
        ids = {
            (p, n): pk
            for pk, p, n in ProcedureVersion.objects.filter(
                procedure_id__in=[v.procedure_id for v in versions]
            ).values_list("id", "procedure_id", "number")
        }
        for v in versions:
            v.pk = ids[(v.procedure_id, v.number)]

    documents, fees, procedures = [], [], []
    for (record, _values), version in zip(to_write, versions, strict=True):
        documents += [
            RequiredDocument(version_id=version.pk, order=i, name=d.name, group=d.group, copies=d.copies)
            for i, d in enumerate(record.documents, start=1)
        ]
        fees += [
            FeeLine(
                version_id=version.pk,
                order=i,
                channel=f.channel,
                kind=f.kind,
                description=f.description,
                amount_vnd=f.amount_vnd,
                exempt=f.exempt,
            )
            for i, f in enumerate(record.fees, start=1)
        ]
        flagged = bool(version.review_code)
        procedures.append(
            Procedure(
                id=version.procedure_id,
                current_version_id=version.pk,
                needs_review=flagged,
                review_code=version.review_code,
                review_reason=version.limits_note if flagged else "",
                updated_at=moment,
            )
        )
        outcome.flagged += int(flagged)
        usable = any(getattr(version, c) is not None for c in _LIMIT_COLUMNS[:3])
        outcome.limits[limit_key(version.time_unit, version.same_day, usable)] += 1
        if existing[record.code].get("current_version_id"):
            outcome.new_versions += 1
        else:
            outcome.created += 1
    RequiredDocument.objects.bulk_create(documents, batch_size=CHILD_BATCH)
    FeeLine.objects.bulk_create(fees, batch_size=CHILD_BATCH)
    Procedure.objects.bulk_update(
        procedures,
        ["current_version", "needs_review", "review_code", "review_reason", "updated_at"],
        batch_size=CHILD_BATCH,
    )
    return outcome
