"""import_records: the example of dossier-record.md, every rejection rule with its line and message,
idempotency, the update path, and no half-imported dossier."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.db import IntegrityError

from congso.core.clock import vn
from congso.core.errors import InvalidInput, PermissionDenied
from congso.dossiers import services
from congso.dossiers.choices import Action, Channel, Outcome, PauseKind, Source, Status
from congso.dossiers.codes import next_code
from congso.dossiers.models import CodeCounter, Dossier, DossierEvent, Pause
from congso.dossiers.records import build
from congso.dossiers.records.exporter import export_records
from congso.dossiers.records.importer import TOPIC, UNKNOWN_OWNER, import_records
from congso.identity.models import Agency
from congso.outbox.models import OutboxEvent

EXAMPLE_FILE = Path(__file__).parent / "data" / "records_example.jsonl"
EXAMPLE = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
CODE = EXAMPLE["MaHoSo"]


def line(**changes) -> str:
    """The example record with some fields changed (None removes a field)."""
    record = {**EXAMPLE, **changes}
    return json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False)


def numbered(code: str, n: int) -> str:
    return code.replace("-0001", f"-{n:04d}")


def run(lines, **kw):
    return import_records(lines, source="lich-su.jsonl", province_code="56", **kw)


def test_the_example_of_the_spec_imports_with_its_history(world):
    report = run(EXAMPLE_FILE.read_text(encoding="utf-8").splitlines())
    assert (report.created, report.updated, report.unchanged, report.errors) == (1, 0, 0, [])
    d = Dossier.objects.select_related("applicant").get(code=CODE)
    assert (d.province_code, d.agency, d.receiving_agency) == ("56", world.justice, world.justice)
    assert (d.channel, d.status, d.source) == (Channel.ONLINE, Status.RETURNED, Source.IMPORT)
    assert d.procedure_version == world.procedure.current_version
    # Moments kept as given, NgayHenTra included (never recomputed).
    assert d.submitted_at == vn(2026, 1, 4, 20, 15)
    assert d.received_at == vn(2026, 1, 5, 8, 0)
    assert d.due_at == vn(2026, 1, 12, 8, 0)
    assert d.ended_at == vn(2026, 1, 9, 10, 0)
    assert d.returned_at == vn(2026, 1, 10, 9, 0)
    assert (d.outcome, d.on_time_766) == (Outcome.EARLY, True)  # 09/01 before 12/01
    assert d.imported_from == "lich-su.jsonl:1"
    assert d.applicant.full_name == UNKNOWN_OWNER  # no ChuHoSo in the example
    assert d.version == 6
    events = list(
        d.events.order_by("seq").values_list("seq", "action", "from_status", "to_status", "at", "reason")
    )
    assert events == [
        (1, Action.SUBMIT, None, 1, vn(2026, 1, 4, 20, 15), "Nộp hồ sơ trực tuyến"),
        (2, Action.RECEIVE, 1, 2, vn(2026, 1, 5, 8, 0), "Tiếp nhận hồ sơ"),
        (3, Action.ASSIGN, 2, 4, vn(2026, 1, 5, 14, 0), "Chuyển chuyên viên xử lý"),
        (4, Action.FINISH, 4, 9, vn(2026, 1, 9, 10, 0), "Kết thúc xử lý hồ sơ"),
        (5, Action.RETURN_RESULT, 9, 10, vn(2026, 1, 10, 9, 0), "Trả kết quả"),
    ]
    (message,) = OutboxEvent.objects.filter(topic=TOPIC)
    assert message.payload == {
        "dossier_id": d.id,
        "code": CODE,
        "agency_id": world.justice.id,
        "received_at": "2026-01-05T08:00:00+07:00",
        "first_at": "2026-01-04T20:15:00+07:00",
    }


def test_owner_actors_and_supplements_are_kept(world):
    record = line(
        TrangThaiHoSo=4,
        NgayKetThucXuLy=None,
        NgayTra=None,
        ChuHoSo={"HoTen": "Phạm  Thị   Hoa", "SoDinhDanh": "058 190 001 234", "LoaiDoiTuong": 1},
        QuaTrinhXuLy=[
            {"ThoiDiemXuLy": "20260104201500", "TrangThai": 1},
            {
                "ThoiDiemXuLy": "20260105080000",
                "TrangThai": 2,
                "NguoiXuLy": "Lê Văn Tâm",
                "PhongBanXuLy": "Một cửa",
            },
            {"ThoiDiemXuLy": "20260106080000", "TrangThai": 5, "NoiDungXuLy": "Yêu cầu bổ sung"},
            {"ThoiDiemXuLy": "20260107080000", "TrangThai": 4, "NoiDungXuLy": "Đã bổ sung"},
        ],
        DanhSachHoSoBoSung=[
            {
                "NgayBoSung": "20260106080000",
                "NgayTiepNhanBoSung": "20260107080000",
                "NoiDungBoSung": "Tờ khai",
            }
        ],
    )
    assert run([record]).errors == []
    d = Dossier.objects.select_related("applicant").get(code=CODE)
    assert (d.applicant.full_name, d.applicant.id_number) == ("Phạm Thị Hoa", "058190001234")
    assert d.supplement_requests == 1 and d.outcome == "" and d.on_time_766 is None
    second = d.events.get(seq=2)
    assert (second.actor_name, second.actor_agency) == ("Lê Văn Tâm", "Một cửa")
    assert list(d.events.values_list("action", flat=True).order_by("seq"))[2:] == [
        Action.REQUEST_SUPPLEMENT,
        Action.RECEIVE_SUPPLEMENT,
    ]
    (pause,) = Pause.objects.filter(dossier=d)
    assert (pause.kind, pause.requested_at, pause.resumed_at, pause.content) == (
        PauseKind.SUPPLEMENT,
        vn(2026, 1, 6, 8, 0),
        vn(2026, 1, 7, 8, 0),
        "Tờ khai",
    )


BAD_LINES = [
    # (the line, the code, a piece of its Vietnamese message)
    ('{"MaHoSo": "000.00.16.H56-260105-0002", ', "invalid_json", "không phải JSON hợp lệ"),
    (line(MaHoSo=numbered(CODE, 3), MaTTHC=None), "missing_field", "Thiếu trường bắt buộc MaTTHC"),
    (line(MaHoSo=numbered(CODE, 4), MaTTHC="9.999999"), "unknown_procedure", "không có trong danh mục"),
    (line(MaHoSo=numbered(CODE, 5), KenhThucHien=4), "invalid_channel", "KenhThucHien phải là 1"),
    (line(MaHoSo=numbered(CODE, 6), TrangThaiHoSo=9), "status_mismatch", "dòng cuối của QuaTrinhXuLy là 10"),
    (line(MaHoSo=numbered(CODE, 7), NgayHenTra="2026-01-12"), "invalid_moment", "NgayHenTra"),
    (
        line(
            MaHoSo=numbered(CODE, 8),
            QuaTrinhXuLy=[
                *EXAMPLE["QuaTrinhXuLy"][:2],
                {**EXAMPLE["QuaTrinhXuLy"][2], "ThoiDiemXuLy": "20260104000000"},
                *EXAMPLE["QuaTrinhXuLy"][3:],
            ],
        ),
        "history_out_of_order",
        "dòng 3",
    ),
    (
        line(
            MaHoSo=numbered(CODE, 9), QuaTrinhXuLy=[*EXAMPLE["QuaTrinhXuLy"][:2], EXAMPLE["QuaTrinhXuLy"][4]]
        ),
        "transition_not_allowed",
        "Không thể chuyển hồ sơ từ trạng thái “Được tiếp nhận” sang “Đã trả kết quả”",
    ),
    (line(MaHoSo="000.00.16.H52-260105-0001"), "dossier_other_province", "tỉnh khác"),
    (
        line(MaHoSo=numbered(CODE, 11), MaDonViTiepNhan="000.00.16.H52"),
        "agency_other_province",
        "thuộc tỉnh khác",
    ),
    (
        line(MaHoSo=numbered(CODE, 12), MaDonViTiepNhan="000.00.99.H56", TenDonViTiepNhan=None),
        "agency_name_required",
        "cần TenDonViTiepNhan",
    ),
    (line(MaHoSo=numbered(CODE, 13), NgayTiepNhan="20260105090000"), "moment_mismatch", "NgayTiepNhan"),
    (
        line(MaHoSo=numbered(CODE, 14), ChuHoSo={"HoTen": "A", "SoDinhDanh": "123", "LoaiDoiTuong": 1}),
        "invalid_owner",
        "ChuHoSo.SoDinhDanh",
    ),
    (line(MaHoSo=numbered(CODE, 15), NgayNopHoSo=None), "missing_field", "cần có NgayNopHoSo"),
]


def test_each_rule_rejects_its_line_with_a_vietnamese_message_and_the_rest_goes_in(world):
    lines = [EXAMPLE_FILE.read_text(encoding="utf-8").strip()] + [bad for bad, _, _ in BAD_LINES]
    lines.append(line(MaHoSo=numbered(CODE, 99)))  # a good line after the bad ones
    report = run(lines)
    assert report.created == 2 and report.rejected == len(BAD_LINES)
    found: dict[int, list[tuple[str, str]]] = {}
    for error in report.errors:
        found.setdefault(error.line, []).append((error.code, error.message))
    for n, (_, code, message) in enumerate(BAD_LINES, start=2):
        assert any(c == code and message in m for c, m in found[n]), (n, found[n])
    assert set(Dossier.objects.values_list("code", flat=True)) == {CODE, numbered(CODE, 99)}
    assert not Agency.objects.filter(code="000.00.99.H56").exists()


def test_a_dossier_code_already_used_in_another_province_is_refused(world, applicant):
    gia_lai = Dossier.objects.create(
        province_code="52",
        code=CODE,
        agency=world.other_province_agency,
        receiving_agency=world.other_province_agency,
        procedure_version=world.procedure.current_version,
        procedure_code="1.001622",
        applicant=applicant,
        channel=1,
        source=Source.COUNTER,
        status=Status.RECEIVED,
    )
    (error,) = run([line()]).errors
    assert (error.line, error.code) == (1, "dossier_other_province")
    assert "đã thuộc tỉnh mã 52" in error.message
    assert list(Dossier.objects.all()) == [gia_lai]


def test_an_unknown_agency_is_created_from_its_name_and_marked_imported(world):
    report = run([line(MaDonViTiepNhan="000.00.30.H56", TenDonViTiepNhan="Ban Quản lý dự án cũ")])
    assert report.errors == []
    agency = Agency.objects.get(code="000.00.30.H56")
    assert (agency.name, agency.imported, agency.province, agency.parent) == (
        "Ban Quản lý dự án cũ",
        True,
        world.province,
        None,
    )
    assert Dossier.objects.get().agency == agency


def test_importing_twice_changes_nothing(world):
    lines = [line(MaHoSo=numbered(CODE, n)) for n in range(1, 6)]
    first = run(lines, batch_size=2)
    second = run(lines, batch_size=2)
    assert (first.created, first.unchanged) == (5, 0)
    assert (second.created, second.updated, second.unchanged, second.errors) == (0, 0, 5, [])
    assert Dossier.objects.count() == 5 and DossierEvent.objects.count() == 25
    assert OutboxEvent.objects.filter(topic=TOPIC).count() == 5  # nothing new to announce the second time


def test_the_same_dossier_again_updates_it_in_place(world):
    run([line(TrangThaiHoSo=4, NgayKetThucXuLy=None, NgayTra=None, QuaTrinhXuLy=EXAMPLE["QuaTrinhXuLy"][:3])])
    before = Dossier.objects.get()
    assert (before.status, before.events.count()) == (Status.PROCESSING, 3)
    report = import_records([line()], source="dot-2.jsonl", province_code="56")
    assert (report.created, report.updated, report.unchanged) == (0, 1, 0)
    after = Dossier.objects.get()
    assert after.id == before.id
    assert (after.status, after.ended_at, after.outcome) == (
        Status.RETURNED,
        vn(2026, 1, 9, 10, 0),
        Outcome.EARLY,
    )
    assert list(after.events.order_by("seq").values_list("seq", "to_status")) == [
        (1, 1),
        (2, 2),
        (3, 4),
        (4, 9),
        (5, 10),
    ]
    assert after.imported_from == "dot-2.jsonl:1"
    assert OutboxEvent.objects.filter(topic=TOPIC, payload__dossier_id=after.id).count() == 2


def test_one_file_with_the_same_dossier_twice_keeps_the_later_line(world):
    report = run(
        [
            line(
                TrangThaiHoSo=4, NgayKetThucXuLy=None, NgayTra=None, QuaTrinhXuLy=EXAMPLE["QuaTrinhXuLy"][:3]
            ),
            line(),
        ]
    )
    assert (report.created, report.updated) == (1, 1)
    assert Dossier.objects.get().status == Status.RETURNED


def test_a_dossier_received_in_congso_is_never_overwritten(world, applicant):
    live = services.receive_at_counter(
        actor=None,
        agency=world.justice,
        procedure_code="1.001622",
        applicant=applicant,
        channel=Channel.COUNTER,
    )
    exported = list(export_records())
    assert run(exported).unchanged == 1  # its own record: nothing to do
    changed = json.loads(exported[0]) | {"TrichYeuHoSo": "Sửa từ tệp"}
    (error,) = run([json.dumps(changed, ensure_ascii=False)]).errors
    assert error.code == "live_dossier"
    live.refresh_from_db()
    assert live.summary != "Sửa từ tệp" and live.source == Source.COUNTER


def test_a_record_that_fails_to_write_takes_no_other_record_down(world, monkeypatch):
    broken = numbered(CODE, 2)
    real = build.pauses_for

    def failing(dossier, record):
        if record.code == broken:
            raise IntegrityError("hỏng giả lập")
        return real(dossier, record)

    monkeypatch.setattr(build, "pauses_for", failing)
    report = run([line(MaHoSo=numbered(CODE, n)) for n in (1, 2, 3)])
    assert report.created == 2
    (error,) = report.errors
    assert (error.line, error.code) == (2, "write_failed")
    assert not Dossier.objects.filter(code=broken).exists()
    assert DossierEvent.objects.count() == 10  # two whole histories, nothing of the broken one


def test_live_intake_continues_after_the_imported_codes(world):
    run([line(MaHoSo=numbered(CODE, 7))])
    assert CodeCounter.objects.get(agency_code="000.00.16.H56").last == 7
    assert next_code("000.00.16.H56", vn(2026, 1, 5, 10, 0)) == numbered(CODE, 8)


def test_progress_hears_every_line_and_an_unknown_province_is_refused(world):
    heard = []
    run(["", line(), "{"], progress=heard.append, batch_size=1)
    assert sum(heard) == 3
    with pytest.raises(InvalidInput) as caught:
        import_records([line()], source="x", province_code="99")
    assert caught.value.code == "unknown_province"


def test_only_a_province_administrator_may_import(world):
    officer = world.officers["agency_admin"].user
    with pytest.raises(PermissionDenied) as caught:
        run([line()], actor=officer)
    assert "Chỉ quản trị cấp tỉnh" in caught.value.message and not Dossier.objects.exists()
    assert run([line()], actor=world.officers["province_admin"].user).created == 1
