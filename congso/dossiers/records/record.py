"""The clean, typed value of one dossier record, and its one canonical JSON line.

`validate` builds a Record from a line, `exporter` builds one from a dossier; both print it with
`to_line`, so the importer can tell "unchanged" by comparing values and an export read back and
exported again is byte-identical. Field order is the table of dossier-record.md; empty optional
fields are left out, as in its example.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import datetime

from congso.dossiers.records import moments


@dataclass(frozen=True)
class Owner:
    """ChuHoSo: the applicant, identified by a cleaned identity number."""

    name: str  # HoTen
    id_number: str  # SoDinhDanh, cleaned (12-digit personal id, 9-digit old card or tax code)
    kind: int  # LoaiDoiTuong (identity ApplicantKind)
    id_kind: int  # identity IdKind, inferred from the number's shape


@dataclass(frozen=True)
class HistoryRow:
    """One row of QuaTrinhXuLy."""

    at: datetime  # ThoiDiemXuLy
    status: int  # TrangThai
    content: str = ""  # NoiDungXuLy
    actor_name: str = ""  # NguoiXuLy
    actor_agency: str = ""  # PhongBanXuLy


@dataclass(frozen=True)
class PauseRow:
    """One row of DanhSachHoSoBoSung (the pause ledger)."""

    requested_at: datetime  # NgayBoSung
    resumed_at: datetime | None = None  # NgayTiepNhanBoSung
    due_before: datetime | None = None  # NgayHenTraTruoc
    due_after: datetime | None = None  # NgayHenTraMoi
    content: str = ""  # NoiDungBoSung


@dataclass(frozen=True)
class Record:
    code: str  # MaHoSo
    procedure_code: str  # MaTTHC
    agency_code: str  # MaDonViTiepNhan
    agency_name: str  # TenDonViTiepNhan ("" when not given)
    channel: int  # KenhThucHien
    status: int  # TrangThaiHoSo
    history: tuple[HistoryRow, ...]  # QuaTrinhXuLy, oldest first
    submitted_at: datetime | None = None  # NgayNopHoSo
    received_at: datetime | None = None  # NgayTiepNhan
    due_at: datetime | None = None  # NgayHenTra
    new_due_at: datetime | None = None  # NgayHenTraMoi
    ended_at: datetime | None = None  # NgayKetThucXuLy
    refused_at: datetime | None = None  # NgayTuChoi
    returned_at: datetime | None = None  # NgayTra
    owner: Owner | None = None  # ChuHoSo
    summary: str = ""  # TrichYeuHoSo
    pauses: tuple[PauseRow, ...] = ()  # DanhSachHoSoBoSung

    def comparable(self) -> Record:
        """What makes two records the same dossier state: the agency's display name is the agency's,
        not the dossier's, and the owner is one identity whatever name an old system spelt."""
        owner = replace(self.owner, name="") if self.owner else None
        return replace(self, agency_name="", owner=owner)


def _moment(value: datetime | None) -> str | None:
    return None if value is None else moments.render(value)


def _compact(pairs: list[tuple[str, object]]) -> dict[str, object]:
    return {k: v for k, v in pairs if v is not None and v != "" and v != []}


def to_dict(record: Record) -> dict[str, object]:
    owner = None
    if record.owner is not None:
        owner = {
            "HoTen": record.owner.name,
            "SoDinhDanh": record.owner.id_number,
            "LoaiDoiTuong": record.owner.kind,
        }
    history = [
        _compact(
            [
                ("ThoiDiemXuLy", moments.render(row.at)),
                ("TrangThai", row.status),
                ("NoiDungXuLy", row.content),
                ("NguoiXuLy", row.actor_name),
                ("PhongBanXuLy", row.actor_agency),
            ]
        )
        for row in record.history
    ]
    pauses = [
        _compact(
            [
                ("NgayBoSung", moments.render(p.requested_at)),
                ("NgayTiepNhanBoSung", _moment(p.resumed_at)),
                ("NgayHenTraTruoc", _moment(p.due_before)),
                ("NgayHenTraMoi", _moment(p.due_after)),
                ("NoiDungBoSung", p.content),
            ]
        )
        for p in record.pauses
    ]
    return _compact(
        [
            ("MaHoSo", record.code),
            ("MaTTHC", record.procedure_code),
            ("MaDonViTiepNhan", record.agency_code),
            ("TenDonViTiepNhan", record.agency_name),
            ("KenhThucHien", record.channel),
            ("TrangThaiHoSo", record.status),
            ("NgayNopHoSo", _moment(record.submitted_at)),
            ("NgayTiepNhan", _moment(record.received_at)),
            ("NgayHenTra", _moment(record.due_at)),
            ("NgayHenTraMoi", _moment(record.new_due_at)),
            ("NgayKetThucXuLy", _moment(record.ended_at)),
            ("NgayTuChoi", _moment(record.refused_at)),
            ("NgayTra", _moment(record.returned_at)),
            ("ChuHoSo", owner),
            ("TrichYeuHoSo", record.summary),
            ("QuaTrinhXuLy", history),
            ("DanhSachHoSoBoSung", pauses),
        ]
    )


def to_line(record: Record) -> str:
    """One JSON line (no newline), UTF-8 text as is (no \\u escapes), keys in the table's order."""
    return json.dumps(to_dict(record), ensure_ascii=False)
