"""The shell commands: import_dossiers FILE (progress, summary, "Dòng n: …", exit 0 with bad lines,
CommandError when the file cannot be read) and export_dossiers (filters, output file, clear errors)."""

from __future__ import annotations

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from congso.dossiers.models import Dossier

EXAMPLE = (Path(__file__).parent / "data" / "records_example.jsonl").read_text(encoding="utf-8").strip()


def call(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def counter_record(code_suffix: str, received: str) -> str:
    """A dossier received at the counter and not yet processed."""
    record = json.loads(EXAMPLE)
    return json.dumps(
        {
            "MaHoSo": record["MaHoSo"].replace("-0001", code_suffix),
            "MaTTHC": record["MaTTHC"],
            "MaDonViTiepNhan": record["MaDonViTiepNhan"],
            "KenhThucHien": 1,
            "TrangThaiHoSo": 2,
            "NgayTiepNhan": received,
            "QuaTrinhXuLy": [{"ThoiDiemXuLy": received, "TrangThai": 2}],
        }
    )


def test_import_reports_bad_lines_and_imports_the_rest(world, tmp_path):
    path = tmp_path / "ninh-thuan.jsonl"
    path.write_bytes((EXAMPLE + "\n" + '{"MaHoSo": 1}\n').encode() + b'{"MaHoSo": "\xff"}\n' + b"\n")
    out, _ = call("import_dossiers", str(path), "--province", "56")
    assert "Dòng 2: Thiếu trường bắt buộc MaTTHC. [missing_field]" in out
    assert "Dòng 3: Dòng không phải văn bản UTF-8 hợp lệ. [invalid_encoding]" in out
    assert "Đã nhập 1 hồ sơ mới, cập nhật 0, không đổi 0; 2 dòng bị từ chối." in out
    assert Dossier.objects.get().imported_from == "ninh-thuan.jsonl:1"
    out, _ = call("import_dossiers", str(path), "--quiet")
    assert "Đã nhập 0 hồ sơ mới, cập nhật 0, không đổi 1; 2 dòng bị từ chối." in out


def test_import_of_a_missing_file_or_an_unknown_province_is_a_command_error(world, tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        call("import_dossiers", str(tmp_path / "khong-co.jsonl"))
    path = tmp_path / "a.jsonl"
    path.write_text(EXAMPLE, encoding="utf-8")
    with pytest.raises(CommandError, match="Không có tỉnh mã “99”"):
        call("import_dossiers", str(path), "--province", "99", "--quiet")


def test_export_writes_a_file_filtered_by_agency_and_receipt_dates(world, tmp_path):
    source = tmp_path / "in.jsonl"
    source.write_text(EXAMPLE + "\n" + counter_record("-0002", "20260120080000") + "\n", encoding="utf-8")
    call("import_dossiers", str(source), "--quiet")
    target = tmp_path / "out.jsonl"
    _, err = call(
        "export_dossiers",
        "--agency",
        "000.00.16.H56",
        "--from",
        "2026-01-01",
        "--to",
        "2026-01-10",
        "--output",
        str(target),
    )
    assert "Đã xuất 1 hồ sơ." in err
    (only,) = target.read_text(encoding="utf-8").splitlines()
    assert json.loads(only)["MaHoSo"] == "000.00.16.H56-260105-0001"
    out, _ = call("export_dossiers")  # the whole province to the screen
    assert [json.loads(t)["MaHoSo"][-4:] for t in out.splitlines()] == ["0001", "0002"]
    out, _ = call("export_dossiers", "--from", "2026-01-15")
    assert [json.loads(t)["MaHoSo"][-4:] for t in out.splitlines()] == ["0002"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--agency", "000.00.77.H56"], "Không tìm thấy cơ quan, đơn vị có mã “000.00.77.H56”"),
        (["--from", "31/01/2026"], "không phải ngày dạng yyyy-mm-dd"),
        (["--from", "2026-02-01", "--to", "2026-01-01"], "phải từ ngày --from"),
    ],
)
def test_export_explains_bad_options(world, args, message):
    with pytest.raises(CommandError, match=message):
        call("export_dossiers", *args)
