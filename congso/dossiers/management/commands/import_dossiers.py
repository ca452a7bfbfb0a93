"""python manage.py import_dossiers FILE.jsonl [--province 56]: dossier records (dossier-record.md) in.

Bad lines are reported ("Dòng 12: …") and skipped, the rest imported; the exit code is 0 unless the
file itself cannot be read.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from congso.core.errors import DomainError
from congso.dossiers.records.importer import import_records


def read_lines(path: Path) -> Iterator[str]:
    """Lines as text; bytes that are not UTF-8 survive as lone surrogates for the validator to name
    the line, instead of one bad byte aborting the whole file."""
    with path.open("rb") as handle:
        for raw in handle:
            yield raw.decode("utf-8", errors="surrogateescape").rstrip("\r\n")


def count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))


class Command(BaseCommand):
    help = "Nhập hồ sơ và lịch sử xử lý từ tệp JSON Lines (mỗi dòng một hồ sơ, định dạng DongBoHoSoMC)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="tệp .jsonl, mỗi dòng một hồ sơ")
        parser.add_argument(
            "--province", default=None, help="mã tỉnh nhận hồ sơ (mặc định CONGSO_PROVINCE_CODE)"
        )
        parser.add_argument("--batch-size", type=int, default=2000, help="số hồ sơ ghi trong một giao dịch")
        parser.add_argument("--quiet", action="store_true", help="không hiện thanh tiến độ")

    def handle(self, *args, file, province, batch_size, quiet, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"Không tìm thấy tệp {path}.")
        try:
            total = count_lines(path)
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from exc
        started = time.perf_counter()
        try:
            with tqdm(total=total, unit="dòng", file=sys.stderr, disable=quiet) as bar:
                report = import_records(
                    read_lines(path),
                    source=path.name,
                    province_code=province or settings.CONGSO_PROVINCE_CODE,
                    progress=bar.update,
                    batch_size=batch_size,
                )
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        except OSError as exc:
            raise CommandError(f"Không đọc được tệp {path}: {exc.strerror or exc}.") from exc
        elapsed = time.perf_counter() - started
        for error in report.errors:
            self.stdout.write(f"Dòng {error.line}: {error.message} [{error.code}]")
        written = report.created + report.updated + report.unchanged
        self.stdout.write(
            f"{report.summary()} ({written} hồ sơ trong {elapsed:.1f} giây, "
            f"{written / elapsed if elapsed else 0:.0f} hồ sơ/giây)."
        )
