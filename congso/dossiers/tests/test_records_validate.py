"""The pure part of dossier records: moments, the checks of one line, the action behind each history
row, and the canonical line (field order, empty fields left out). No database."""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path

import pytest

from congso.core.clock import vn
from congso.dossiers.choices import Action, PauseKind
from congso.dossiers.records import moments
from congso.dossiers.records.build import action_for, pause_kinds
from congso.dossiers.records.record import Record, to_line
from congso.dossiers.records.validate import parse_line

EXAMPLE = (Path(__file__).parent / "data" / "records_example.jsonl").read_text(encoding="utf-8").strip()
TABLE_ORDER = [
    "MaHoSo", "MaTTHC", "MaDonViTiepNhan", "TenDonViTiepNhan", "KenhThucHien", "TrangThaiHoSo", "NgayNopHoSo",
    "NgayTiepNhan", "NgayHenTra", "NgayHenTraMoi", "NgayKetThucXuLy", "NgayTuChoi", "NgayTra", "ChuHoSo",
    "TrichYeuHoSo", "QuaTrinhXuLy", "DanhSachHoSoBoSung",
]  # fmt: skip


def codes(text: str) -> list[str]:
    result = parse_line(text)
    assert isinstance(result, list), result
    return [p.code for p in result]


def changed(**fields) -> str:
    return json.dumps(json.loads(EXAMPLE) | fields, ensure_ascii=False)


def test_moments_are_vietnamese_wall_clock_and_round_trip():
    assert moments.parse("20260105080000") == vn(2026, 1, 5, 8, 0)
    assert moments.parse(20260105080000) == vn(2026, 1, 5, 8, 0)
    assert moments.render(vn(2026, 1, 5, 8, 0).astimezone(UTC)) == "20260105080000"
    assert moments.render(moments.parse("20241231235959")) == "20241231235959"
    for bad, says in [
        ("2026010508000", "14 chữ số"),
        ("20261305080000", "không phải ngày giờ có thật"),
        (None, "không phải thời điểm"),
    ]:
        with pytest.raises(moments.MomentError, match=says):
            moments.parse(bad)


def test_the_example_is_clean_and_prints_in_the_table_order():
    record = parse_line(EXAMPLE)
    assert isinstance(record, Record)
    assert (record.code, record.channel, record.status, len(record.history)) == (
        "000.00.16.H56-260105-0001",
        2,
        10,
        5,
    )
    printed = json.loads(to_line(record))
    assert list(printed) == [k for k in TABLE_ORDER if k in printed]
    assert printed == json.loads(EXAMPLE)  # nothing lost, nothing added
    assert "\\u" not in to_line(record)  # Vietnamese written as is


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("[1, 2]", "invalid_json"),
        ('{"MaHoSo": "a\\u0000b"}', "invalid_character"),
        ('{"MaHoSo": "\udcff"}', "invalid_encoding"),
        (changed(KenhThucHien="hai"), "invalid_field"),
        (changed(TrangThaiHoSo=11), "invalid_status"),
        (changed(TrichYeuHoSo="x" * 1001), "summary_too_long"),
        (changed(MaHoSo="x" * 61), "field_too_long"),
        (
            changed(
                DanhSachHoSoBoSung=[{"NgayBoSung": "20260106080000", "NgayTiepNhanBoSung": "20260105080000"}]
            ),
            "moments_out_of_order",
        ),
        (changed(NgayTra="20260108090000"), "moments_out_of_order"),
        (changed(NgayKetThucXuLy=None), "missing_field"),
    ],
)
def test_a_bad_record_is_named_by_its_code(text, code):
    assert code in codes(text)


def test_a_repeated_open_status_is_a_note_but_a_repeated_final_one_is_not():
    rows = json.loads(EXAMPLE)["QuaTrinhXuLy"]
    note = {"ThoiDiemXuLy": "20260105090000", "TrangThai": 2, "NoiDungXuLy": "Xin lỗi và hẹn lại"}
    assert isinstance(parse_line(changed(QuaTrinhXuLy=[*rows[:2], note, *rows[2:]])), Record)
    again = {"ThoiDiemXuLy": "20260110100000", "TrangThai": 10}
    assert codes(changed(QuaTrinhXuLy=[*rows, again])) == ["transition_not_allowed"]


@pytest.mark.parametrize(
    ("before", "after", "action"),
    [
        (None, 1, Action.SUBMIT),
        (None, 2, Action.RECEIVE),
        (1, 2, Action.RECEIVE),
        (1, 3, Action.REFUSE),
        (5, 3, Action.EXPIRE_SUPPLEMENT),
        (2, 4, Action.ASSIGN),
        (4, 4, Action.FORWARD),
        (4, 5, Action.REQUEST_SUPPLEMENT),
        (5, 2, Action.RECEIVE_SUPPLEMENT),
        (4, 6, Action.REQUEST_PAYMENT),
        (6, 4, Action.RECORD_PAYMENT),
        (4, 8, Action.STOP),
        (8, 4, Action.RESUME),
        (5, 7, Action.WITHDRAW),
        (7, 9, Action.FINISH),
        (9, 10, Action.RETURN_RESULT),
        (2, 2, Action.IMPORT),  # a note
    ],
)
def test_each_status_pair_gets_the_lifecycle_action(before, after, action):
    assert action_for(before, after) == action


def test_a_pause_takes_its_kind_from_the_history_row_at_its_request():
    rows = json.loads(EXAMPLE)["QuaTrinhXuLy"][:3]
    fee = {"ThoiDiemXuLy": "20260106080000", "TrangThai": 6}
    back = {"ThoiDiemXuLy": "20260107080000", "TrangThai": 4}
    record = parse_line(
        changed(
            TrangThaiHoSo=4,
            NgayKetThucXuLy=None,
            NgayTra=None,
            QuaTrinhXuLy=[*rows, fee, back],
            DanhSachHoSoBoSung=[{"NgayBoSung": "20260106080000"}, {"NgayBoSung": "20260105150000"}],
        )
    )
    assert pause_kinds(record) == [PauseKind.FINANCIAL, PauseKind.SUPPLEMENT]
