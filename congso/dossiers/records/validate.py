"""One line of a records file → a clean `Record`, or the list of what is wrong with it.

Pure (no database): the shape of the record, its moments, its status history against the lifecycle's
status model, and the consistency of the dossier's own moments with that history. What needs the
database (is the procedure in the catalogue, whose agency is this, whose dossier is this) is the
importer's part. Every problem has a stable English code and a Vietnamese message.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime

from congso.core.errors import Conflict, DomainError
from congso.core.text import format_moment
from congso.dossiers import lifecycle
from congso.dossiers.choices import OPEN, Channel, Status
from congso.dossiers.records import moments
from congso.dossiers.records.record import HistoryRow, Owner, PauseRow, Record
from congso.identity.choices import ApplicantKind, IdKind
from congso.identity.services import clean_identity

REQUIRED = ("MaHoSo", "MaTTHC", "MaDonViTiepNhan", "KenhThucHien", "TrangThaiHoSo", "QuaTrinhXuLy")
# Column sizes of the tables the record lands in (dossiers.models, identity.models).
MAX_LENGTH = {"MaHoSo": 60, "MaTTHC": 30, "MaDonViTiepNhan": 40, "TenDonViTiepNhan": 255}
MAX_SUMMARY = 1000  # TrichYeuHoSo (dossier-record.md)
ENDING = (Status.WITHDRAWN, Status.FINISHED)  # NgayKetThucXuLy: the first of these (domain.md §9.2)
_LONE_SURROGATE = re.compile("[\udc80-\udcff]")
# Choice values as sets once: the enum's `.values` rebuilds its list on every call.
STATUSES, CHANNELS, OWNER_KINDS = (
    frozenset(Status.values),
    frozenset(Channel.values),
    frozenset(ApplicantKind.values),
)


@dataclass(frozen=True)
class Problem:
    code: str
    message: str


class _Collect:
    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, code: str, message: str) -> None:
        self.problems.append(Problem(code, message))


def parse_line(text: str) -> Record | list[Problem]:
    """A record, or every problem found (a broken line yields exactly one)."""
    if _LONE_SURROGATE.search(text):
        return [Problem("invalid_encoding", "Dòng không phải văn bản UTF-8 hợp lệ.")]
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [Problem("invalid_json", f"Dòng không phải JSON hợp lệ (ký tự thứ {exc.pos + 1}: {exc.msg}).")]
    if not isinstance(data, dict):
        return [Problem("invalid_json", "Mỗi dòng phải là một đối tượng JSON {…} mô tả một hồ sơ.")]
    return parse_record(data)


def parse_record(data: dict) -> Record | list[Problem]:
    out = _Collect()
    if _has_nul(data):
        # PostgreSQL text cannot hold NUL; say so instead of failing at the write.
        out.add("invalid_character", "Bản ghi chứa ký tự NUL (\\u0000), không lưu được.")
        return out.problems
    for name in REQUIRED:
        if data.get(name) in (None, "", []):
            out.add("missing_field", f"Thiếu trường bắt buộc {name}.")
    if out.problems:
        return out.problems
    code = _text(data, "MaHoSo", out)
    procedure_code = _text(data, "MaTTHC", out)
    agency_code = _text(data, "MaDonViTiepNhan", out)
    agency_name = _text(data, "TenDonViTiepNhan", out, required=False)
    channel = _integer(data, "KenhThucHien", out)
    if channel is not None and channel not in CHANNELS:
        out.add(
            "invalid_channel",
            f"KenhThucHien phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính), không phải {channel}.",
        )
    status = _status(data.get("TrangThaiHoSo"), "TrangThaiHoSo", out)
    dates = {
        name: _optional_moment(data, name, out)
        for name in (
            "NgayNopHoSo", "NgayTiepNhan", "NgayHenTra", "NgayHenTraMoi", "NgayKetThucXuLy", "NgayTuChoi", "NgayTra",
        )
    }  # fmt: skip
    summary = data.get("TrichYeuHoSo") or ""
    if not isinstance(summary, str):
        out.add("invalid_field", "TrichYeuHoSo phải là chuỗi ký tự.")
        summary = ""
    elif len(summary) > MAX_SUMMARY:
        out.add(
            "summary_too_long", f"TrichYeuHoSo dài {len(summary):,} ký tự, tối đa 1.000.".replace(",", ".")
        )
    owner = _owner(data.get("ChuHoSo"), out)
    history = _history(data.get("QuaTrinhXuLy"), out)
    pauses = _pauses(data.get("DanhSachHoSoBoSung"), out)
    if out.problems:
        return out.problems
    record = Record(
        code=code,
        procedure_code=procedure_code,
        agency_code=agency_code,
        agency_name=agency_name,
        channel=channel,
        status=status,
        history=history,
        submitted_at=dates["NgayNopHoSo"],
        received_at=dates["NgayTiepNhan"],
        due_at=dates["NgayHenTra"],
        new_due_at=dates["NgayHenTraMoi"],
        ended_at=dates["NgayKetThucXuLy"],
        refused_at=dates["NgayTuChoi"],
        returned_at=dates["NgayTra"],
        owner=owner,
        summary=summary,
        pauses=pauses,
    )
    _check_story(record, out)
    return out.problems or record


# --- fields --------------------------------------------------------------------------------------------


def _has_nul(value: object) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(k) or _has_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_nul(v) for v in value)
    return False


def _text(data: dict, name: str, out: _Collect, *, required: bool = True) -> str:
    value = data.get(name)
    if value is None or (value == "" and not required):
        return ""
    if not isinstance(value, str):
        out.add("invalid_field", f"{name} phải là chuỗi ký tự.")
        return ""
    value = value.strip()
    limit = MAX_LENGTH.get(name)
    if limit and len(value) > limit:
        out.add("field_too_long", f"{name} dài {len(value)} ký tự, tối đa {limit}.")
    return value


def _integer(data: dict, name: str, out: _Collect) -> int | None:
    value = data.get(name)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)  # some systems quote their numbers
    if isinstance(value, bool) or not isinstance(value, int):
        out.add("invalid_field", f"{name} phải là số nguyên, không phải “{value}”.")
        return None
    return value


def _status(value: object, where: str, out: _Collect) -> int | None:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value not in STATUSES:
        out.add("invalid_status", f"{where} phải là trạng thái hồ sơ từ 1 đến 10, không phải “{value}”.")
        return None
    return value


def _moment(value: object, where: str, out: _Collect) -> datetime | None:
    try:
        return moments.parse(value)
    except moments.MomentError as exc:
        out.add("invalid_moment", f"{where}: {exc}")
        return None


def _optional_moment(data: dict, name: str, out: _Collect) -> datetime | None:
    value = data.get(name)
    return None if value in (None, "") else _moment(value, name, out)


def _owner(value: object, out: _Collect) -> Owner | None:
    if value in (None, {}):
        return None
    if not isinstance(value, dict):
        out.add("invalid_owner", "ChuHoSo phải là đối tượng {HoTen, SoDinhDanh, LoaiDoiTuong}.")
        return None
    name = " ".join(str(value.get("HoTen") or "").split())
    number = re.sub(r"\s", "", str(value.get("SoDinhDanh") or ""))
    kind = value.get("LoaiDoiTuong") or ApplicantKind.CITIZEN
    if not name or not number:
        out.add("invalid_owner", "ChuHoSo cần có cả HoTen và SoDinhDanh.")
        return None
    if len(name) > 255:
        out.add("invalid_owner", "ChuHoSo.HoTen dài quá 255 ký tự.")
        return None
    if isinstance(kind, bool) or kind not in OWNER_KINDS:
        out.add("invalid_owner", f"ChuHoSo.LoaiDoiTuong phải từ 1 đến 4, không phải “{kind}”.")
        return None
    id_kind = (
        IdKind.PERSONAL_ID
        if number.isdigit() and len(number) == 12
        else IdKind.OLD_ID_CARD
        if number.isdigit() and len(number) == 9
        else IdKind.TAX_CODE
    )
    try:
        cleaned = clean_identity(kind, id_kind, number)
    except DomainError as exc:
        out.add("invalid_owner", f"ChuHoSo.SoDinhDanh “{number}”: {exc.message}")
        return None
    return Owner(name=name, id_number=cleaned, kind=int(kind), id_kind=int(id_kind))


def _optional_text(row: dict, name: str, where: str, out: _Collect, limit: int | None = None) -> str:
    value = row.get(name)
    if value is None:
        return ""
    if not isinstance(value, str):
        out.add("invalid_field", f"{where}.{name} phải là chuỗi ký tự.")
        return ""
    if limit and len(value) > limit:
        out.add("field_too_long", f"{where}.{name} dài {len(value)} ký tự, tối đa {limit}.")
    return value


def _history(value: object, out: _Collect) -> tuple[HistoryRow, ...]:
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        out.add(
            "invalid_history", "QuaTrinhXuLy phải là danh sách các đối tượng {ThoiDiemXuLy, TrangThai, …}."
        )
        return ()
    rows = []
    for n, row in enumerate(value, 1):
        where = f"QuaTrinhXuLy dòng {n}"
        if row.get("ThoiDiemXuLy") in (None, "") or row.get("TrangThai") in (None, ""):
            out.add("missing_field", f"{where}: thiếu ThoiDiemXuLy hoặc TrangThai.")
            continue
        at = _moment(row["ThoiDiemXuLy"], f"{where}, ThoiDiemXuLy", out)
        status = _status(row["TrangThai"], f"{where}, TrangThai", out)
        content = _optional_text(row, "NoiDungXuLy", where, out)
        actor = _optional_text(row, "NguoiXuLy", where, out, 200)
        unit = _optional_text(row, "PhongBanXuLy", where, out, 255)
        if at is not None and status is not None:
            rows.append(HistoryRow(at, status, content, actor, unit))
    return tuple(rows)


def _pauses(value: object, out: _Collect) -> tuple[PauseRow, ...]:
    if value in (None, []):
        return ()
    if not isinstance(value, list) or not all(isinstance(r, dict) for r in value):
        out.add("invalid_pauses", "DanhSachHoSoBoSung phải là danh sách các đối tượng {NgayBoSung, …}.")
        return ()
    rows = []
    for n, row in enumerate(value, 1):
        where = f"DanhSachHoSoBoSung dòng {n}"
        if row.get("NgayBoSung") in (None, ""):
            out.add("missing_field", f"{where}: thiếu NgayBoSung.")
            continue
        requested = _moment(row["NgayBoSung"], f"{where}, NgayBoSung", out)
        resumed, before, after = (
            _optional_moment(row, name, out)
            for name in ("NgayTiepNhanBoSung", "NgayHenTraTruoc", "NgayHenTraMoi")
        )
        content = _optional_text(row, "NoiDungBoSung", where, out)
        if requested is None:
            continue
        if resumed is not None and resumed < requested:
            out.add("moments_out_of_order", f"{where}: NgayTiepNhanBoSung trước NgayBoSung.")
        rows.append(PauseRow(requested, resumed, before, after, content))
    return tuple(rows)


# --- the story: history against the status model, the dossier's moments against the history ------------


def _check_story(record: Record, out: _Collect) -> None:
    history = record.history
    previous: HistoryRow | None = None
    for n, row in enumerate(history, 1):
        if previous is not None and row.at < previous.at:
            out.add(
                "history_out_of_order",
                f"QuaTrinhXuLy dòng {n} ({format_moment(row.at)}) sớm hơn dòng {n - 1} "
                f"({format_moment(previous.at)}): lịch sử phải theo thứ tự thời gian.",
            )
        before = previous.status if previous else None
        if not is_note(before, row.status):
            try:
                lifecycle.check_transition(before, row.status)
            except Conflict as exc:
                out.add("transition_not_allowed", f"QuaTrinhXuLy dòng {n}: {exc.message}")
        previous = row
    last = history[-1].status
    if record.status != last:
        out.add(
            "status_mismatch",
            f"TrangThaiHoSo là {record.status} ({Status(record.status).label}) nhưng dòng cuối của "
            f"QuaTrinhXuLy là {last} ({Status(last).label}).",
        )
    _same_moment(record.received_at, _first(history, (Status.RECEIVED,)), "NgayTiepNhan", "tiếp nhận", out)
    _same_moment(
        record.ended_at, _first(history, ENDING), "NgayKetThucXuLy", "kết thúc xử lý hoặc rút hồ sơ", out
    )
    if record.channel == Channel.ONLINE and record.submitted_at is None:
        out.add("missing_field", "Hồ sơ trực tuyến (KenhThucHien = 2) cần có NgayNopHoSo.")
    for early, late, names in (
        (record.submitted_at, record.received_at, "NgayNopHoSo sau NgayTiepNhan"),
        (record.received_at, record.ended_at, "NgayTiepNhan sau NgayKetThucXuLy"),
        (record.ended_at, record.returned_at, "NgayKetThucXuLy sau NgayTra"),
    ):
        if early is not None and late is not None and late < early:
            out.add("moments_out_of_order", f"Thời điểm không hợp lý: {names}.")


def is_note(before: int | None, after: int) -> bool:
    """A row that repeats an open status which the model has no self-transition for (2→2, 5→5, 6→6):
    not a transition but a note on the dossier, which is how the lifecycle itself records an apology
    letter (status unchanged). 4→4 and 8→8 are real transitions (next step, stop extended)."""
    return before == after and after in OPEN and after not in lifecycle.ALLOWED[before]


def _first(history: tuple[HistoryRow, ...], statuses: tuple[int, ...]) -> datetime | None:
    return next((row.at for row in history if row.status in statuses), None)


def _same_moment(
    given: datetime | None, replayed: datetime | None, name: str, what: str, out: _Collect
) -> None:
    """History rows are the truth (dossier-record.md): the dossier's moment must be the history's, or
    reports that narrow by the column and count by the events would disagree."""
    if given == replayed:
        return
    if replayed is None:
        out.add("moment_mismatch", f"{name} có giá trị nhưng QuaTrinhXuLy không có dòng {what}.")
    elif given is None:
        out.add("missing_field", f"Thiếu {name}: QuaTrinhXuLy có dòng {what} lúc {format_moment(replayed)}.")
    else:
        out.add(
            "moment_mismatch",
            f"{name} ({format_moment(given)}) khác thời điểm {what} trong QuaTrinhXuLy ({format_moment(replayed)}).",
        )
