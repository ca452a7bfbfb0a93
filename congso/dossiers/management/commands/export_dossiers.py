"""python manage.py export_dossiers [--agency CODE] [--from yyyy-mm-dd --to yyyy-mm-dd] [--output FILE]

Dossier records (dossier-record.md), one JSON line each, streamed: a province's million dossiers are
written chunk by chunk, never held in memory.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from congso.dossiers.records.exporter import export_records
from congso.identity.models import Agency


def parse_day(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError as exc:
        raise CommandError(f"{option} “{text}” không phải ngày dạng yyyy-mm-dd (ví dụ 2026-01-31).") from exc


class Command(BaseCommand):
    help = "Xuất hồ sơ và lịch sử xử lý ra JSON Lines (mỗi dòng một hồ sơ, định dạng DongBoHoSoMC)."

    def add_arguments(self, parser):
        parser.add_argument("--agency", default=None, help="mã đơn vị tiếp nhận (mặc định: cả tỉnh)")
        parser.add_argument("--from", dest="date_from", default=None, help="từ ngày tiếp nhận yyyy-mm-dd")
        parser.add_argument("--to", dest="date_to", default=None, help="đến ngày tiếp nhận yyyy-mm-dd")
        parser.add_argument("--province", default=None, help="mã tỉnh (mặc định CONGSO_PROVINCE_CODE)")
        parser.add_argument("--output", default=None, help="tệp ghi ra (mặc định: màn hình)")

    def handle(self, *args, agency, date_from, date_to, province, output, **options):
        start, end = parse_day(date_from, "--from"), parse_day(date_to, "--to")
        if start and end and end < start:
            raise CommandError(f"--to ({end:%d/%m/%Y}) phải từ ngày --from ({start:%d/%m/%Y}) trở đi.")
        unit = None
        if agency:
            unit = Agency.objects.filter(code=agency.strip()).first()
            if unit is None:
                raise CommandError(f"Không tìm thấy cơ quan, đơn vị có mã “{agency}”.")
        lines = export_records(
            province_code=None if unit else province or settings.CONGSO_PROVINCE_CODE,
            agency=unit,
            date_from=start,
            date_to=end,
        )
        if output is None:
            written = self._write(lines, self.stdout)  # each line already ends with its newline
        else:
            try:
                with Path(output).open("w", encoding="utf-8", newline="\n") as handle:
                    written = self._write(lines, handle)
            except OSError as exc:
                raise CommandError(f"Không ghi được tệp {output}: {exc.strerror or exc}.") from exc
        self.stderr.write(f"Đã xuất {written} hồ sơ.")

    @staticmethod
    def _write(lines, handle) -> int:
        written = 0
        for line in lines:
            handle.write(line)
            written += 1
        return written
