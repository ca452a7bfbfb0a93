"""`manage.py snapshots rebuild|refresh|status`: what an operator reads, and Vietnamese errors."""

from __future__ import annotations

import io
import re

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError

from congso.core.clock import vn
from congso.statistics import queries
from congso.statistics.models import MonthFigures, SnapshotMonth, SnapshotStale
from congso.statistics.periods import Period
from congso.statistics.snapshots import read, stale
from congso.statistics.tests import test_snapshots
from congso.statistics.tests.test_snapshots import NOW

history = test_snapshots.history  # the module-scoped generated year, rebuilt for this module


def run(*args: str) -> str:
    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("snapshots", *args, "--province", "56", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_rebuild_builds_every_closed_month_from_the_first_receipt(history):
    text = run("rebuild")
    # The generated year starts in July 2025; June 2026 is running: July 2025 – May 2026.
    assert "Đã lập số liệu 11 tháng (07/2025–05/2026) của tỉnh 56" in text
    rows = MonthFigures.objects.filter(province_code="56").count()
    assert f"{rows} dòng số liệu" in text.replace(".", "")
    assert SnapshotMonth.objects.filter(province_code="56").count() == 11
    with time_machine.travel(NOW, tick=False):  # and the rows are the live figures
        year = Period(vn(2025, 7, 1).date(), vn(2026, 5, 31).date())
        group = ("agency_id",)
        assert dict(read.form06_aggregate(queries.Scope("56"), year, group=group)) == dict(
            queries.form06_aggregate(queries.Scope("56"), year, group=group)
        )


def test_rebuild_from_a_month_and_status(history):
    assert "Đã lập số liệu 3 tháng (03/2026–05/2026)" in run("rebuild", "--from", "2026-03", "--quiet")
    text = run("status")
    assert "Tháng đã lập: 3 (03/2026–05/2026)" in text
    assert re.search(r"Lần lập gần nhất: 16:00 30/06/2026", text)
    assert "Tháng cần lập lại: không có" in text
    with time_machine.travel(NOW, tick=False):
        stale.mark(province_code="56", agency_id=history.justice.id, since=vn(2026, 4, 2, 9, 0))
    text = run("status")
    assert "Tháng cần lập lại: 2 (04/2026, 05/2026), 1 cơ quan" in text
    assert "Đã lập lại 2 tháng (04/2026–05/2026) cho 1 cơ quan của tỉnh 56" in run("refresh")
    assert not SnapshotStale.objects.exists()
    assert "không có tháng nào cần lập lại" in run("refresh")


def test_status_before_any_build(history):
    assert "Chưa lập tháng nào (python manage.py snapshots rebuild)" in run("status")


@pytest.mark.parametrize(
    "args, message",
    [
        (("rebuild", "--from", "2026-13"), "--from “2026-13” không phải tháng hợp lệ"),
        (("rebuild", "--to", "2026-06"), "Tháng 06/2026 chưa kết thúc"),
        (
            ("rebuild", "--from", "2026-05", "--to", "2026-03"),
            "Tháng bắt đầu 05/2026 sau tháng kết thúc 03/2026",
        ),
    ],
)
def test_bad_input_is_a_vietnamese_message(history, args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        run(*args)


def test_a_province_without_dossiers(history):
    out = io.StringIO()
    with time_machine.travel(NOW, tick=False):
        call_command("snapshots", "rebuild", "--province", "01", stdout=out, stderr=io.StringIO())
    assert "Tỉnh 01 chưa có hồ sơ nào được tiếp nhận" in out.getvalue()
