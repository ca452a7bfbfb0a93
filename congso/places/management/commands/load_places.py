"""`python manage.py load_places`: load or refresh every administrative unit from the packaged data set."""

from __future__ import annotations

import sys
import time

from django.core.management.base import BaseCommand
from tqdm import tqdm

from congso.places.services import STEPS, load_places


def _n(value: int) -> str:
    return f"{value:,}".replace(",", ".")


class Command(BaseCommand):
    help = (
        "Nạp (hoặc cập nhật) 34 tỉnh, thành phố và 3.321 xã, phường, đặc khu hiện hành cùng các đơn vị "
        "trước 01/07/2025 và bảng sáp nhập, từ gói vietnamadminunits. Chạy lại nhiều lần không tạo trùng."
    )

    def handle(self, *args, verbosity: int = 1, **options) -> None:
        started = time.monotonic()
        with tqdm(total=len(STEPS), unit="bước", file=sys.stderr, disable=verbosity < 1, leave=False) as bar:

            def progress(step: str) -> None:
                bar.set_description(step)
                bar.update(1)

            counts = load_places(progress=progress)
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"Đơn vị hành chính: {_n(counts['provinces_current'])} tỉnh/thành phố và "
            f"{_n(counts['communes_current'])} xã/phường/đặc khu hiện hành; {_n(counts['provinces_legacy'])} tỉnh, "
            f"{_n(counts['districts'])} huyện, {_n(counts['communes_legacy'])} xã trước 01/07/2025; "
            f"{_n(counts['successions'])} liên kết sáp nhập xã, {_n(counts['unmapped_communes'])} xã cũ chưa "
            f"ánh xạ được. Thay đổi: thêm {_n(counts['created'])}, sửa {_n(counts['updated'])}, "
            f"xóa {_n(counts['deleted'])}; {_n(counts['stale'])} bản ghi không còn trong nguồn được giữ lại. "
            f"({elapsed:.1f} giây)"
        )
