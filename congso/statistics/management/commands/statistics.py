"""`manage.py statistics`: Form 06, the Decision 766 index and the dossiers behind a figure.

    statistics form06 --from 2026-01-01 --to 2026-03-31 [--agency CODE] [--by agency|field] [--json]
                      [--view rolled_up|as_was] [--xlsx FILE] [--pdf FILE]
    statistics index766 --from 2026-01-01 --to 2026-03-31 [--agency CODE] [--json]
    statistics index766 --quarter 2026-1 | --month 2026-01 | --year 2026 [--agency CODE] [--json]
    statistics explain --from … --to … --column resolved_late [--agency CODE] [--json]

With --json one JSON object is printed (the contract scripts read); without it a Vietnamese table.
--view rolled_up (default) counts a merged agency's figures under its successor, --view as_was shows each
agency as it was (statistics/rollup.py). --xlsx / --pdf also write Biểu số 06 in the official layout.
Bad input gives a Vietnamese message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from congso.core.errors import DomainError, InvalidInput
from congso.core.text import format_number
from congso.statistics import form06, render, rollup, selectors
from congso.statistics.exports.pdf import form06_pdf
from congso.statistics.exports.xlsx import form06_xlsx
from congso.statistics.periods import Period, parse_day


class Command(BaseCommand):
    help = "Thống kê: Biểu số 06/VPCP/KSTT, Bộ chỉ số Quyết định 766/QĐ-TTg, danh sách hồ sơ của một số liệu."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", title="báo cáo", required=True)
        form = actions.add_parser("form06", help="Biểu số 06 (Thông tư 01/2020/TT-VPCP)")
        index = actions.add_parser("index766", help="Bộ chỉ số Quyết định 766/QĐ-TTg")
        explain = actions.add_parser("explain", help="Danh sách hồ sơ tạo nên một ô của Biểu số 06")
        for sub in (form, index, explain):
            sub.add_argument("--from", dest="date_from", help="Từ ngày (YYYY-MM-DD), tính từ 00:00")
            sub.add_argument("--to", dest="date_to", help="Đến ngày (YYYY-MM-DD), tính đến 23:59:59")
            sub.add_argument("--agency", help="Mã cơ quan, đơn vị (mặc định: toàn tỉnh)")
            sub.add_argument("--json", action="store_true", help="In một đối tượng JSON")
        form.add_argument(
            "--by", default="agency", help="agency (theo cơ quan, 06a) hoặc field (lĩnh vực, cấp)"
        )
        form.add_argument("--all", action="store_true", help="Hiện cả đơn vị không có hồ sơ")
        form.add_argument(
            "--view",
            default=rollup.ROLLED_UP,
            help="rolled_up (cộng đơn vị đã sáp nhập vào đơn vị tiếp nhận, mặc định) hoặc as_was (như trước sáp nhập)",
        )
        form.add_argument("--xlsx", metavar="FILE", help="Ghi Biểu số 06 ra tệp Excel (.xlsx)")
        form.add_argument("--pdf", metavar="FILE", help="Ghi Biểu số 06 ra tệp PDF (A4 ngang)")
        index.add_argument("--month", help="Tháng, ví dụ 2026-01")
        index.add_argument("--quarter", help="Quý, ví dụ 2026-1")
        index.add_argument("--year", help="Năm, ví dụ 2026")
        explain.add_argument("--column", help="Cột của Biểu số 06, ví dụ resolved_late")
        explain.add_argument("--limit", help="Số mã hồ sơ in ra tối đa (mặc định 200)")

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        try:
            getattr(self, f"_{options['action']}")(options)
        except DomainError as error:
            raise CommandError(error.message) from error
        except form06.IdentityError as error:  # a bug, never a figure to print: say so and exit non-zero
            raise CommandError(str(error)) from error

    # -- reports ---------------------------------------------------------------------------------------

    def _form06(self, options: dict) -> None:
        by = {"agency": "agency", "field": "field_level", "field_level": "field_level"}.get(options["by"])
        if by is None:
            raise CommandError("--by chỉ nhận agency (theo cơ quan) hoặc field (theo lĩnh vực và cấp).")
        report = selectors.form06_report(
            period=_period(options), agency=_agency(options), group_by=by, view=options["view"]
        )
        written = [
            _write(path, build(report))
            for path, build in ((options.get("xlsx"), form06_xlsx), (options.get("pdf"), form06_pdf))
            if path
        ]
        if options["json"]:
            self.stdout.write(render.form06_json(report))
        elif written:
            for path, size in written:
                self.stdout.write(f"Đã ghi {path} ({format_number(size)} byte).")
        else:
            self.stdout.write(render.form06_text(report, show_empty=options["all"]))

    def _index766(self, options: dict) -> None:
        report = selectors.index766_report(period=_index_period(options), agency=_agency(options))
        self.stdout.write(render.index766_json(report) if options["json"] else render.index766_text(report))

    def _explain(self, options: dict) -> None:
        column = (options.get("column") or "").strip()
        period, agency = _period(options), _agency(options)
        limit = _positive(options.get("limit") or "200", "--limit")
        dossiers = selectors.form06_cell(period=period, column=column, agency=agency)
        codes = list(dossiers.values_list("code", flat=True)[:limit])
        count = dossiers.count()
        if options["json"]:
            self.stdout.write(
                json.dumps({"column": column, "count": count, "codes": codes}, ensure_ascii=False, indent=2)
            )
            return
        self.stdout.write(f"{column}: {count} hồ sơ (từ {period.first:%d/%m/%Y} đến {period.last:%d/%m/%Y})")
        for code in codes:
            self.stdout.write(f"  {code}")
        if count > len(codes):
            self.stdout.write(f"  … và {count - len(codes)} hồ sơ khác (tăng --limit để xem thêm).")


def _write(path: str, data: bytes) -> tuple[str, int]:
    try:
        Path(path).write_bytes(data)
    except OSError as error:
        raise CommandError(f"Không ghi được tệp {path}: {error.strerror or error}.") from error
    return path, len(data)


def _period(options: dict) -> Period:
    return Period(parse_day(options.get("date_from"), "--from"), parse_day(options.get("date_to"), "--to"))


def _index_period(options: dict) -> Period:
    given = [n for n in ("month", "quarter", "year") if options.get(n)]
    if len(given) > 1 or (given and (options.get("date_from") or options.get("date_to"))):
        raise CommandError("Chỉ chọn một cách nêu kỳ: --from/--to, --month, --quarter hoặc --year.")
    if not given:
        return _period(options)
    value = options[given[0]].strip()
    patterns = {"month": r"(\d{4})-(\d{1,2})", "quarter": r"(\d{4})-[Qq]?([1-4])", "year": r"(\d{4})"}
    match = re.fullmatch(patterns[given[0]], value)
    if not match or (given[0] == "month" and not 1 <= int(match[2]) <= 12):
        examples = {"month": "2026-01", "quarter": "2026-1", "year": "2026"}
        raise CommandError(f"--{given[0]} “{value}” không hợp lệ; ví dụ: {examples[given[0]]}.")
    if given[0] == "month":
        return Period.month(int(match[1]), int(match[2]))
    if given[0] == "quarter":
        return Period.quarter(int(match[1]), int(match[2]))
    return Period.year(int(match[1]))


def _agency(options: dict):  # type: ignore[no-untyped-def]
    code = options.get("agency")
    if code is None:
        return None
    if not code.strip():
        raise InvalidInput("agency_required", "--agency cần một mã cơ quan, ví dụ 000.00.16.H56.")
    return selectors.find_agency(code)


def _positive(text: str, option: str) -> int:
    if not text.strip().isdigit() or int(text) <= 0:
        raise CommandError(f"{option} phải là số nguyên dương.")
    return int(text)
