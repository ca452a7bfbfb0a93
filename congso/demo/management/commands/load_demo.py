"""python manage.py load_demo [--procedures PATH] [--dossiers N]: the demo province, idempotently."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from congso.demo import history, loader
from congso.demo.province import DEMO_PASSWORD


class Command(BaseCommand):
    help = "Nạp dữ liệu trình diễn: tỉnh Khánh Hòa (gồm Ninh Thuận cũ), cơ quan, cán bộ, thủ tục, hồ sơ."

    def add_arguments(self, parser):
        default = Path(settings.BASE_DIR).parent / "shared" / "data" / "procedures.jsonl"
        parser.add_argument("--procedures", type=Path, default=default)
        parser.add_argument("--dossiers", type=int, default=3000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, procedures: Path, dossiers: int, seed: int, **options):
        say = self.stdout.write
        try:
            province = loader.ensure_places(say)
            loader.ensure_catalogue(procedures, say)
        except FileNotFoundError as exc:
            raise CommandError(str(exc)) from exc
        agencies = loader.ensure_agencies(province)
        say(f"Cơ quan, đơn vị: {len(agencies)}")
        offered = loader.ensure_offerings(agencies)
        say(f"Thủ tục giao cho cơ quan: thêm {offered}")
        logins = loader.ensure_officers(agencies, say)
        with tqdm(total=dossiers, unit="hồ sơ") as bar:
            made = loader.ensure_dossiers(dossiers, seed, say, progress=bar.update)
        say(f"Hồ sơ mô phỏng: thêm {made}")
        # Former Ninh Thuận's 2024 dossiers, migrated through the import service (dossier-record.md).
        imported = history.ensure_history(province, agencies)
        say(f"Lịch sử Ninh Thuận 2024 ({history.SOURCE}): {imported.summary()}")
        # Monthly statistics snapshots, so the first dashboard view does not replay the year (ADR 0004).
        call_command("snapshots", "rebuild", "--quiet", stdout=self.stdout)
        say("")
        say(f"Tài khoản trình diễn (mật khẩu chung: {DEMO_PASSWORD}):")
        for login, role, agency in logins:
            say(f"  {login:<22} {role:<40} {agency}")
        say("")
        say("Trang chủ: http://127.0.0.1:8000/   Quản trị: http://127.0.0.1:8000/admin/")
