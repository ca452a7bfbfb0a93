"""The shell contract scripts rely on: `statistics form06|index766|explain`, JSON keys and types, rates
with exactly 2 decimals or null, Vietnamese tables, Vietnamese errors without a traceback."""

from __future__ import annotations

import io
import json
import re

import pytest
from django.core.management import ManagementUtility, call_command
from django.core.management.base import CommandError
from django.db import connections

from congso.statistics import form06
from congso.statistics.tests.test_form06 import COMMUNE, JUSTICE, TOTAL

WEEK_ARGS = ["--from", "2026-03-09", "--to", "2026-03-13"]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("statistics", *args, stdout=out)
    return out.getvalue()


def test_form06_json_contract(week):
    text = run("form06", *WEEK_ARGS, "--json")
    data = json.loads(text)
    assert {"from", "to", "formula_version", "rows", "total"} <= set(data)
    assert (data["from"], data["to"], data["formula_version"]) == (
        "2026-03-09",
        "2026-03-13",
        "01/2020/TT-VPCP",
    )
    rows = {row["agency"]: row for row in data["rows"]}
    assert list(rows) == ["000.00.00.H56", "000.00.16.H56", "000.01.31.H56"]
    for row in data["rows"]:
        assert isinstance(row["name"], str)
        for column in form06.COLUMNS:
            assert type(row[column]) is int
        assert row["received_total"] == row["resolved_total"] + row["pending_total"]
    for column in form06.COLUMNS:
        assert data["total"][column] == sum(row[column] for row in data["rows"]) == TOTAL[column]
        assert rows["000.00.16.H56"][column] == JUSTICE[column]
        assert rows["000.01.31.H56"][column] == COMMUNE[column]
    assert rows["000.00.16.H56"]["on_time_rate"] == 83.33
    assert data["total"]["on_time_rate"] == 85.71
    assert rows["000.00.00.H56"]["on_time_rate"] is None  # nothing resolved
    # Rates are printed with exactly two decimals (80.00, not 80.0), or null.
    printed = re.findall(r'"(on_time_rate(?:_incl_pending)?)": ([^,\n]+)', text)
    assert printed and all(re.fullmatch(r"null|\d{1,3}\.\d{2}", value) for _, value in printed)
    assert '"on_time_rate_incl_pending": 80.00' in text


def test_form06_json_for_one_agency(week):
    data = json.loads(run("form06", *WEEK_ARGS, "--agency", "000.01.31.H56", "--json"))
    assert [row["agency"] for row in data["rows"]] == ["000.01.31.H56"]
    assert {k: data["total"][k] for k in form06.COLUMNS} == {k: COMMUNE[k] for k in form06.COLUMNS}
    assert data["total"]["on_time_rate"] == 100.0


def test_form06_table_in_vietnamese(week):
    text = run("form06", *WEEK_ARGS)
    assert "BIỂU SỐ 06/VPCP/KSTT" in text and "09/03/2026" in text
    assert "83,33%" in text and "85,71%" in text
    assert "UBND tỉnh Khánh Hòa" not in text  # a unit with no dossier is summarised, not listed
    assert "1 đơn vị không có hồ sơ" in text
    by_field = run("form06", *WEEK_ARGS, "--by", "field")
    assert "Cấp xã — Hộ tịch" in by_field


def test_index766_json_contract(week):
    data = json.loads(run("index766", *WEEK_ARGS, "--json"))
    assert {"from", "to", "period", "unit", "formula_version", "indicators", "groups", "total"} <= set(data)
    assert data["unit"]["kind"] == "province" and data["formula_version"] == "2026"
    rows = {row["code"]: row for row in data["indicators"]}
    for row in rows.values():
        assert {"points", "numerator", "denominator", "ratio", "score", "rule", "status", "reason"} <= set(
            row
        )
    assert (rows["2.1"]["numerator"], rows["2.1"]["denominator"], rows["2.1"]["score"]) == (9, 13, 13.85)
    assert rows["2.1"]["ratio"] == 0.6923 and rows["2.1"]["percent"] == 69.23
    assert rows["1.4"]["score"] is None and rows["1.4"]["status"] == "na" and rows["1.4"]["reason"]
    assert data["total"] == {"points": 100, "score": 13.85, "available_points": 20}
    assert sum(g["points"] for g in data["groups"]) == 100


def test_index766_by_quarter_for_a_commune_as_text(week):
    text = run("index766", "--month", "2026-03", "--agency", "000.01.31.H56")
    assert "Tháng 03/2026" in text and "UBND cấp xã — UBND phường Nha Trang" in text
    assert "100,00%" in text and "N/A" in text and "Chỉ tính cho cấp tỉnh" in text


def test_explain_lists_the_codes_of_a_cell(week):
    data = json.loads(run("explain", *WEEK_ARGS, "--column", "resolved_late", "--json"))
    assert data == {"column": "resolved_late", "count": 1, "codes": [week.dossiers["K"].code]}
    text = run("explain", *WEEK_ARGS, "--column", "received_carried_over", "--limit", "2")
    assert "received_carried_over: 7 hồ sơ" in text and "… và 5 hồ sơ khác" in text


@pytest.mark.parametrize(
    "args,message",
    [
        (["form06", "--from", "2026-03-31", "--to", "2026-03-01"], "phải trước hoặc bằng ngày kết thúc"),
        (["form06", "--from", "2026-02-30", "--to", "2026-03-01"], "không phải ngày hợp lệ"),
        (["form06", "--from", "hôm qua", "--to", "2026-03-01"], "không phải ngày hợp lệ"),
        (["form06", "--to", "2026-03-01"], "Thiếu --from"),
        (["form06", *WEEK_ARGS, "--agency", "000.99.99.H56"], "Không tìm thấy cơ quan"),
        (["form06", *WEEK_ARGS, "--by", "ward"], "--by chỉ nhận"),
        (["index766", "--quarter", "2026-5"], "--quarter “2026-5” không hợp lệ"),
        (["index766", "--year", "2026", *WEEK_ARGS], "Chỉ chọn một cách nêu kỳ"),
        (["index766", "--from", "2022-07-01", "--to", "2022-07-31"], "01/08/2022"),
        (["explain", *WEEK_ARGS, "--column", "on_time_rate"], "không có danh sách hồ sơ"),
    ],
)
def test_bad_input_is_a_vietnamese_command_error(week, args, message):
    with pytest.raises(CommandError, match=re.escape(message)):
        run(*args)


def test_the_shell_prints_no_traceback(week, capsys, monkeypatch):
    """What `manage.py statistics …` does with bad input: one Vietnamese line on stderr, exit status 1."""
    # run_from_argv closes every connection when it ends; keep the test's open (its transaction holds the week).
    monkeypatch.setattr(connections, "close_all", lambda: None)
    argv = ["manage.py", "statistics", "form06", "--from", "31/02/2026", "--to", "2026-03-01", "--json"]
    with pytest.raises(SystemExit) as done:
        ManagementUtility(argv).execute()
    assert done.value.code == 1
    err = capsys.readouterr().err
    assert "không phải ngày hợp lệ" in err and "Traceback" not in err


def test_a_broken_identity_stops_the_command(week, monkeypatch):
    from congso.statistics import queries

    broken = [((week.justice.id,), form06.Counts(received_online=1))]  # received 1, resolved 0, pending 0
    monkeypatch.setattr(queries, "form06_aggregate", lambda *a, **k: broken)
    with pytest.raises(CommandError, match="sai đẳng thức"):
        run("form06", *WEEK_ARGS, "--json")
