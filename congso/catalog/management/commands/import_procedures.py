"""python manage.py import_procedures ../shared/data/procedures.jsonl — thin wrapper over the service."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from congso.catalog.services import ImportReport, import_procedures

MAX_ERRORS_SHOWN = 50


class Command(BaseCommand):
    help = (
        "Nhập danh mục thủ tục hành chính từ tệp JSON Lines (mỗi dòng một thủ tục); chạy lại không tạo trùng."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Đường dẫn tệp procedures.jsonl")
        parser.add_argument("--batch-size", type=int, default=500, help="Số thủ tục ghi trong một giao dịch")

    def handle(self, *args, path: Path, batch_size: int, **options) -> None:
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        verbosity = options.get("verbosity", 1)

        def progress(report: ImportReport) -> None:
            if verbosity >= 1:
                self.stdout.write(f"  … đã đọc {report.lines} dòng, {report.imported} thủ tục")

        with path.open(encoding="utf-8") as lines:
            report = import_procedures(lines, source_name=path.name, batch_size=batch_size, progress=progress)
        for error in report.errors[:MAX_ERRORS_SHOWN]:
            self.stderr.write(f"[{error.code}] {error.message}")
        if len(report.errors) > MAX_ERRORS_SHOWN:
            self.stderr.write(f"… và {len(report.errors) - MAX_ERRORS_SHOWN} lỗi khác.")
        self.stdout.write(self.style.SUCCESS(report.summary()))
