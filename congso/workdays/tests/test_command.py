"""manage.py workdays: first line ISO 8601, then the explanation; Vietnamese errors, non-zero exit."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def run(*args: str) -> list[str]:
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue().splitlines()


def test_due_prints_iso_first_then_the_explanation():
    lines = run("due", "--received", "2026-02-13T09:00", "--days", "5", "--province", "56")
    assert lines[0] == "2026-02-27T09:00:00+07:00"
    assert lines[1] == "Tiếp nhận: 09:00 13/02/2026 (Thứ Sáu)."
    assert "Không tính 16/02/2026 (Thứ Hai): Tết Nguyên Đán." in lines
    assert lines[-1] == "Hạn: 09:00 27/02/2026 (Thứ Sáu)."


def test_due_in_hours_and_calendar_days():
    assert run("due", "--received", "2026-03-06T16:00", "--hours", "2")[0] == "2026-03-09T08:00:00+07:00"
    assert (
        run("due", "--received", "20260302100000", "--calendar-days", "5")[0] == "2026-03-09T17:00:00+07:00"
    )
    skipping = run("due", "--received", "2026-02-10T10:00", "--calendar-days", "10", "--skip-holidays")
    assert skipping[0] == "2026-02-25T10:00:00+07:00"
    # A moment with another offset is read as that moment and answered on Vietnamese time.
    assert (
        run("due", "--received", "2026-03-02T03:00:00+00:00", "--days", "3")[0] == "2026-03-05T10:00:00+07:00"
    )


def test_days_lists_the_special_days_of_the_year():
    lines = run("days", "--year", "2026")
    assert lines[0].startswith("Năm 2026")
    assert any(line.startswith("2026-08-22") and "làm việc" in line for line in lines)
    assert any(line.startswith("2026-08-31") and "nghỉ" in line for line in lines)
    assert any(line.startswith("2026-11-24") and "Ngày Văn hóa Việt Nam" in line for line in lines)
    assert not any(line.startswith("2026-03-07") for line in lines)  # an ordinary Saturday


def test_check_says_whether_a_moment_is_working_time():
    holiday = run("check", "--at", "2026-09-01T10:00")
    assert holiday[0].startswith("Không:")
    assert "Quốc khánh" in holiday[0]
    assert holiday[1].endswith("2026-09-03T07:00:00+07:00")
    assert run("check", "--at", "2026-08-22T08:00")[0].startswith("Có:")
    assert "ngoài khung giờ" in run("check", "--at", "2026-03-02T12:00")[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["due", "--received", "13/02/2026", "--days", "5"], "Không đọc được thời điểm"),
        (["due", "--received", "2026-02-13T09:00", "--days", "-1"], "không âm"),
        (["due", "--received", "2026-02-13T09:00", "--days", "năm"], "phải là một số"),
        (["due", "--received", "2026-02-13T09:00"], "Cần đúng một"),
        (["due", "--days", "5"], "Thiếu --received"),
        (["due", "--received", "2026-02-13T09:00", "--calendar-days", "1.5"], "số nguyên"),
        (["due", "--received", "2150-01-01T09:00", "--days", "1"], "chỉ hỗ trợ"),
        (["days", "--year", "hai nghìn"], "Năm không hợp lệ"),
        (["check", "--at", "hôm nay"], "Không đọc được thời điểm"),
    ],
)
def test_bad_input_is_a_vietnamese_command_error(args, message):
    with pytest.raises(CommandError, match=message):
        run(*args)


def test_bad_input_from_the_shell_exits_non_zero_without_traceback():
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "manage.py", "workdays", "due", "--received", "ngày mai", "--days", "5"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "Không đọc được thời điểm" in result.stderr
    assert "Traceback" not in result.stderr
