"""python manage.py init_pki [--leaders] — the demo CA, and optionally every leader's certificate.

Idempotent: what exists is kept (a second run creates nothing). Leaders' certificates are otherwise
issued on demand, the first time a leader signs.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from congso.documents.signing import pki
from congso.identity.choices import Role
from congso.identity.models import Officer


class Command(BaseCommand):
    help = "Tạo CA thử nghiệm (và chứng thư số của lãnh đạo) dưới VAR_DIR/pki; chạy lại không tạo thêm."

    def add_arguments(self, parser):
        parser.add_argument(
            "--leaders",
            action="store_true",
            help="Cấp luôn chứng thư số cho mọi cán bộ có vai trò lãnh đạo cơ quan",
        )

    def handle(self, *args, leaders: bool = False, **options):
        root = pki.ensure_root()
        state = "Đã tạo" if root.created else "Đã có"
        self.stdout.write(f"{state} CA thử nghiệm: {pki.ROOT_NAME}")
        self.stdout.write(f"  {root.cert_path}")
        created = int(root.created)
        if leaders:
            officers = (
                Officer.objects.filter(grants__role=Role.LEADER)
                .select_related("user", "agency")
                .distinct()
                .order_by("agency__code", "user__username")
            )
            issued = 0
            for officer in officers:
                pair = pki.ensure_signer(
                    full_name=officer.user.full_name or officer.user.username,
                    agency_name=officer.agency.name,
                    user_id=officer.user_id,
                )
                issued += int(pair.created)
            created += issued
            self.stdout.write(f"Chứng thư số lãnh đạo: cấp mới {issued}, tổng {officers.count()}.")
        self.stdout.write(f"Tạo mới: {created}.")
