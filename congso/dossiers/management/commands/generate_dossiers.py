"""python manage.py generate_dossiers --count N --seed S"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from congso.dossiers.generator import Generator, make_applicants, offerings_for
from congso.identity.models import Applicant


class Command(BaseCommand):
    help = "Sinh hồ sơ mô phỏng thực tế (12 tháng qua) qua đúng các quy tắc xử lý hồ sơ, ghi hàng loạt."

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="số hồ sơ cần sinh")
        parser.add_argument(
            "--seed", type=int, default=1, help="hạt giống ngẫu nhiên (cùng hạt giống, cùng dữ liệu)"
        )
        parser.add_argument("--province", default=None, help="mã tỉnh (mặc định CONGSO_PROVINCE_CODE)")
        parser.add_argument("--applicants", type=int, default=None, help="số người nộp (mặc định count/3)")
        parser.add_argument("--chunk", type=int, default=5000)
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args, count, seed, province, applicants, chunk, quiet, **options):
        if count <= 0:
            raise CommandError("Số hồ sơ phải lớn hơn 0.")
        province = province or settings.CONGSO_PROVINCE_CODE
        offerings = offerings_for(province)
        if not offerings:
            raise CommandError(
                f"Tỉnh {province} chưa có cơ quan nào được giao thủ tục hành chính. "
                "Hãy chạy `python manage.py load_demo` (hoặc khai báo cơ quan và thủ tục) trước."
            )
        wanted = applicants or max(50, count // 3)
        pool = list(Applicant.objects.all()[:wanted])
        if len(pool) < wanted:
            pool += make_applicants(wanted - len(pool), seed=seed)
        started = time.perf_counter()
        generator = Generator(province_code=province, offerings=offerings, applicants=pool, seed=seed)
        with tqdm(total=count, unit="hồ sơ", disable=quiet) as bar:
            made = generator.run(count, chunk=chunk, progress=bar.update)
        elapsed = time.perf_counter() - started
        self.stdout.write(f"Đã sinh {made} hồ sơ trong {elapsed:.1f} giây ({made / elapsed:.0f} hồ sơ/giây).")
