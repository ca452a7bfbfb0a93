"""The import service: records → dossiers with their history, in batches, each record all or nothing.

A batch is validated in Python first (one query per table for the lookups), then written in one
transaction with the bulk path of the generator (`core.bulk.bulk_insert`: COPY on PostgreSQL). A batch
whose write fails is retried record by record, so one bad record never takes others down with it and
no dossier is ever half-imported. The same MaHoSo again updates the dossier in place — its events and
pauses replaced — or counts as unchanged when the record says nothing new; a dossier born in congso is
never overwritten by an import.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import DatabaseError, transaction

from congso.catalog.models import Procedure
from congso.core import clock
from congso.core.bulk import bulk_insert
from congso.core.errors import DomainError, InvalidInput, PermissionDenied
from congso.dossiers.choices import Source
from congso.dossiers.models import CodeCounter, Dossier, DossierEvent, Pause
from congso.dossiers.records import build, exporter, validate
from congso.dossiers.records.record import Owner, Record
from congso.identity import permissions
from congso.identity import services as identity
from congso.identity.choices import ApplicantKind, IdKind, Role
from congso.identity.models import Agency, Applicant, User
from congso.outbox.services import Message, publish_many
from congso.places.models import Province

TOPIC = "dossiers.imported"
UNKNOWN_OWNER = "Chưa rõ chủ hồ sơ (dữ liệu nhập)"
# QCVN 102:2016 agency codes end with a province part, H + two digits (000.00.16.H56).
_PROVINCE_PART = re.compile(r"\.(H\d{2})(?:$|[-.])")
_UPDATED_FIELDS = [
    f.name
    for f in Dossier._meta.concrete_fields
    if f.name not in ("id", "created_at", "result", "province_code", "code")
]


@dataclass(frozen=True)
class LineError:
    line: int  # 1-based line of the file
    code: str  # stable English code
    message: str  # Vietnamese


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[LineError] = field(default_factory=list)

    @property
    def rejected(self) -> int:
        """Lines not imported (a line may have several errors)."""
        return len({e.line for e in self.errors})

    def summary(self) -> str:
        return (
            f"Đã nhập {self.created} hồ sơ mới, cập nhật {self.updated}, không đổi {self.unchanged}; "
            f"{self.rejected} dòng bị từ chối."
        )


@dataclass
class _Refs:
    """What a record points at, resolved: written into the dossier by build.fill_dossier."""

    agency: Agency | None
    version: Any
    applicant: Applicant | None = None


@dataclass
class _Item:
    line: int
    record: Record
    refs: _Refs | None = None
    existing_id: int | None = None  # the dossier this record updates
    existing: Dossier | None = None
    new_agency: bool = False


def import_records(
    lines: Iterable[str],
    *,
    source: str,
    province_code: str,
    progress: Callable[[int], None] | None = None,
    batch_size: int = 2000,
    actor: User | None = None,
) -> ImportReport:
    """Import JSON-lines dossier records (dossier-record.md) into a province. `source` names the file
    (kept on each dossier as "file:line"); `progress(n)` hears how many lines were just consumed.
    `actor=None` is the system (a command run on the server); a user must be a province administrator."""
    province = Province.objects.filter(era="current", code=province_code).first()
    if province is None:
        raise InvalidInput("unknown_province", f"Không có tỉnh mã “{province_code}” để nhập hồ sơ vào.")
    _authorise(actor, province)
    return _Importer(province, source, max(1, batch_size), progress).run(lines)


def _authorise(actor: User | None, province: Province) -> None:
    """A migration rewrites a province's history: the province's administrators only."""
    if actor is None or actor.is_superuser:
        return
    if not any(
        g.role == Role.PROVINCE_ADMIN and g.agency.province_id == province.id
        for g in permissions.grants_of(actor)
    ):
        raise PermissionDenied(
            "forbidden", f"Chỉ quản trị cấp tỉnh được nhập hồ sơ từ hệ thống cũ vào {province.name}."
        )


class _Importer:
    def __init__(self, province: Province, source: str, batch_size: int, progress):
        self.province = province
        self.source = source
        self.batch_size = batch_size
        self.progress = progress
        self.report = ImportReport()
        self.foreign_parts = _foreign_parts(province)
        self.pending_lines = 0

    def run(self, lines: Iterable[str]) -> ImportReport:
        batch: list[_Item] = []
        codes: set[str] = set()
        for number, text in enumerate(lines, 1):
            self.pending_lines += 1
            if number == 1:
                text = text.lstrip("\ufeff")  # a byte-order mark some editors write
            if not text.strip():
                continue
            parsed = validate.parse_line(text)
            if isinstance(parsed, list):
                self.report.errors += [LineError(number, p.code, p.message) for p in parsed]
                continue
            if parsed.code in codes:
                self._flush(batch)  # the same dossier twice: the later line updates the earlier
                batch, codes = [], set()
            batch.append(_Item(number, parsed))
            codes.add(parsed.code)
            if len(batch) >= self.batch_size:
                self._flush(batch)
                batch, codes = [], set()
        self._flush(batch)
        return self.report

    def _tick(self) -> None:
        if self.progress and self.pending_lines:
            self.progress(self.pending_lines)
        self.pending_lines = 0

    # -- one batch ------------------------------------------------------------------------------------

    def _flush(self, batch: list[_Item]) -> None:
        if batch:
            ready = self._resolve(batch)
            if ready:
                self._write_or_split(ready)
        self._tick()

    def _reject(self, item: _Item, code: str, message: str) -> None:
        self.report.errors.append(LineError(item.line, code, message))

    def _resolve(self, batch: list[_Item]) -> list[_Item]:
        """Check what needs the database, one query per table; returns the items to write."""
        codes = {i.record.code for i in batch}
        procedures = {
            p.code: p
            for p in Procedure.objects.select_related("current_version").filter(
                code__in={i.record.procedure_code for i in batch}
            )
        }
        agencies = {
            a.code: a
            for a in Agency.objects.select_related("province").filter(
                code__in={i.record.agency_code for i in batch}
            )
        }
        here = exporter.records_by_code(
            Dossier.objects.filter(province_code=self.province.code, code__in=codes)
        )
        elsewhere = dict(
            Dossier.objects.filter(code__in=codes)
            .exclude(province_code=self.province.code)
            .values_list("code", "province_code")
        )
        ready = []
        for item in batch:
            record = item.record
            if record.code in elsewhere:
                self._reject(
                    item,
                    "dossier_other_province",
                    f"Hồ sơ {record.code} đã thuộc tỉnh mã {elsewhere[record.code]}, không nhập vào tỉnh này.",
                )
                continue
            other = self._foreign(record.code)
            if other:
                self._reject(
                    item,
                    "dossier_other_province",
                    f"Mã hồ sơ {record.code} mang mã đơn vị của tỉnh khác (tỉnh mã {other}), không nhập vào tỉnh này.",
                )
                continue
            procedure = procedures.get(record.procedure_code)
            if procedure is None:
                self._reject(
                    item,
                    "unknown_procedure",
                    f"Mã thủ tục {record.procedure_code} không có trong danh mục thủ tục hành chính.",
                )
                continue
            if procedure.current_version is None:
                self._reject(
                    item,
                    "procedure_without_version",
                    f"Thủ tục {record.procedure_code} chưa có nội dung (phiên bản) trong danh mục.",
                )
                continue
            agency = agencies.get(record.agency_code)
            if not self._agency_ok(item, agency):
                continue
            item.refs = _Refs(agency, procedure.current_version)
            item.new_agency = agency is None
            if record.code in here:
                existing_id, existing_source, existing = here[record.code]
                if existing.comparable() == record.comparable():
                    self.report.unchanged += 1
                    continue
                if existing_source != Source.IMPORT:
                    self._reject(
                        item,
                        "live_dossier",
                        f"Hồ sơ {record.code} được tiếp nhận trên congso; dữ liệu nhập không ghi đè lịch sử của nó.",
                    )
                    continue
                item.existing_id = existing_id
            ready.append(item)
        return ready

    def _foreign(self, code: str) -> str:
        """The other province whose agencies carry this code's province part, or ""."""
        match = _PROVINCE_PART.search(code.split("-", 1)[0] + "-")
        return self.foreign_parts.get(match[1], "") if match else ""

    def _agency_ok(self, item: _Item, agency: Agency | None) -> bool:
        record = item.record
        if agency is not None:
            if agency.province.code != self.province.code:
                self._reject(
                    item,
                    "agency_other_province",
                    f"Đơn vị tiếp nhận {record.agency_code} ({agency.name}) thuộc tỉnh khác.",
                )
                return False
            return True
        if not record.agency_name:
            self._reject(
                item,
                "agency_name_required",
                f"Đơn vị tiếp nhận {record.agency_code} chưa có trong hệ thống: cần TenDonViTiepNhan để tạo mới.",
            )
            return False
        other = self._foreign(record.agency_code)
        if other:
            self._reject(
                item,
                "agency_other_province",
                f"Mã đơn vị {record.agency_code} mang mã của tỉnh khác (tỉnh mã {other}), không tạo được trong tỉnh này.",
            )
            return False
        return True

    def _write_or_split(self, items: list[_Item]) -> None:
        try:
            with transaction.atomic():
                created, updated = self._write(items)
        except (DatabaseError, DomainError) as exc:
            if len(items) > 1:
                for item in items:  # find the culprit; every other record still goes in, alone
                    item.existing_id, item.existing = None, None
                    ready = self._resolve([item])
                    if ready:
                        self._write_or_split(ready)
                return
            message = exc.message if isinstance(exc, DomainError) else f"{type(exc).__name__}: {exc}"
            self._reject(items[0], "write_failed", f"Không ghi được hồ sơ {items[0].record.code}: {message}")
            return
        self.report.created += created
        self.report.updated += updated

    # -- the write ------------------------------------------------------------------------------------

    def _write(self, items: list[_Item]) -> tuple[int, int]:
        now = clock.now()
        self._create_agencies(items)
        self._attach_applicants(items)
        old = [i.existing_id for i in items if i.existing_id is not None]
        if old:
            rows = Dossier.objects.in_bulk(old)
            for item in items:
                if item.existing_id is not None:
                    item.existing = rows[item.existing_id]
            # Replace the history of re-imported dossiers (only imported ones reach here).
            # Queryset deletes bypass DossierEvent.delete(), which guards live histories.
            DossierEvent.objects.filter(dossier_id__in=old).delete()
            Pause.objects.filter(dossier_id__in=old).delete()
        fresh, changed, written, pauses = [], [], [], []
        for item in items:
            dossier = item.existing or Dossier()
            build.fill_dossier(
                dossier,
                item.record,
                province_code=self.province.code,
                refs=item.refs,
                imported_from=f"{self.source}:{item.line}",
            )
            dossier.updated_at = now
            (changed if item.existing else fresh).append(dossier)
            written.append((dossier, build.events_for(dossier, item.record)))
            pauses += build.pauses_for(dossier, item.record)
        bulk_insert(Dossier, fresh)
        if changed:
            Dossier.objects.bulk_update(changed, _UPDATED_FIELDS, batch_size=500)
        bulk_insert(DossierEvent, [e for _, events in written for e in events])
        bulk_insert(Pause, pauses)
        publish_many([(_message(dossier, events[0].at), now) for dossier, events in written])
        _advance_counters([i.record for i in items])
        return len(fresh), len(changed)

    def _create_agencies(self, items: list[_Item]) -> None:
        made: dict[str, Agency] = {}
        for item in items:
            if not item.new_agency:
                continue
            code = item.record.agency_code
            if code not in made:
                made[code] = identity.ensure_imported_agency(
                    code=code, name=item.record.agency_name, province=self.province
                )
            item.refs.agency = made[code]

    def _attach_applicants(self, items: list[_Item]) -> None:
        """Applicants by identity number, looked up and created in bulk (one query each way)."""
        owners: dict[tuple[int, str], Owner] = {
            (i.record.owner.id_kind, i.record.owner.id_number): i.record.owner
            for i in items
            if i.record.owner
        }
        known = {
            (a.id_kind, a.id_number): a
            for a in Applicant.objects.filter(id_number__in={n for _, n in owners})
            if (a.id_kind, a.id_number) in owners
        }
        missing = [
            Applicant(kind=o.kind, id_kind=o.id_kind, id_number=o.id_number, full_name=o.name)
            for key, o in owners.items()
            if key not in known
        ]
        for applicant in Applicant.objects.bulk_create(missing):
            known[(applicant.id_kind, applicant.id_number)] = applicant
        unknown = None
        for item in items:
            owner = item.record.owner
            if owner is not None:
                item.refs.applicant = known[(owner.id_kind, owner.id_number)]
                continue
            if unknown is None:
                # One shared "owner unknown" applicant, without a number, so the export leaves ChuHoSo out.
                unknown, _ = Applicant.objects.get_or_create(
                    id_kind=IdKind.PERSONAL_ID,
                    id_number="",
                    defaults={"kind": ApplicantKind.OTHER, "full_name": UNKNOWN_OWNER},
                )
            item.refs.applicant = unknown


def _foreign_parts(province: Province) -> dict[str, str]:
    """Province parts of agency codes (H56) that belong to another province: used by its agencies and by
    none of ours. Ours also include our province's code and those of the pre-merger provinces it absorbed
    (H58: Ninh Thuận into Khánh Hòa, Resolution 202/2025/QH15). A part nobody uses is not judged: a
    deployment's codes may carry a placeholder part (the demo's H34)."""
    ours = {f"H{province.code}"} | {
        f"H{code}"
        for code in Province.objects.filter(era="legacy", successor=province).values_list("code", flat=True)
    }
    others: dict[str, str] = {}
    for code, owner in Agency.objects.values_list("code", "province__code"):
        match = _PROVINCE_PART.search(code + "-")
        if match is None:
            continue
        if owner == province.code:
            ours.add(match[1])
        else:
            others.setdefault(match[1], owner)
    return {part: owner for part, owner in others.items() if part not in ours}


def _message(dossier: Dossier, first_at: datetime) -> Message:
    """ONE event per imported dossier: read models (statistics snapshots) mark the months it touches."""
    received = clock.local(dossier.received_at).isoformat() if dossier.received_at else None
    return Message(
        topic=TOPIC,
        aggregate_type="dossier",
        aggregate_id=dossier.code,
        province_code=dossier.province_code,
        payload={
            "dossier_id": dossier.id,
            "code": dossier.code,
            "agency_id": dossier.agency_id,
            "received_at": received,
            "first_at": clock.local(first_at).isoformat(),
        },
    )


def _advance_counters(records: list[Record]) -> None:
    """Raise the per-unit, per-day code counters past imported codes, so a dossier received live later
    that day never gets an imported dossier's code (Circular 01/2018/TT-VPCP art. 19 numbering)."""
    highest: dict[tuple[str, object], int] = {}
    for record in records:
        match = re.fullmatch(
            rf"{re.escape(record.agency_code)}-(\d{{2}})(\d{{2}})(\d{{2}})-(\d+)", record.code
        )
        if match is None:
            continue
        try:
            day = datetime(2000 + int(match[1]), int(match[2]), int(match[3])).date()
        except ValueError:
            continue
        key = (record.agency_code, day)
        highest[key] = max(highest.get(key, 0), int(match[4]))
    if not highest:
        return
    rows = {
        (c.agency_code, c.day): c
        for c in CodeCounter.objects.filter(
            agency_code__in={a for a, _ in highest}, day__in={d for _, d in highest}
        )
    }
    fresh = [CodeCounter(agency_code=a, day=d, last=n) for (a, d), n in highest.items() if (a, d) not in rows]
    changed = []
    for key, n in highest.items():
        row = rows.get(key)
        if row is not None and row.last < n:
            row.last = n
            changed.append(row)
    CodeCounter.objects.bulk_create(fresh)
    CodeCounter.objects.bulk_update(changed, ["last"])
