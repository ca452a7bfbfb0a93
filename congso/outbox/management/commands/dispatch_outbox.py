import time

from django.core.management.base import BaseCommand

from congso.outbox.services import dispatch_pending


class Command(BaseCommand):
    help = "Chuyển các sự kiện outbox đang chờ tới bộ xử lý đã đăng ký (--loop N: chạy thường trực, N giây một lần)."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)
        parser.add_argument(
            "--loop", type=float, default=0, help="chạy như tiến trình nền, nghỉ N giây giữa các lượt"
        )

    def handle(self, *args, batch, loop, **options):
        while True:
            total = 0
            while done := dispatch_pending(batch=batch):
                total += done
            if not loop:
                self.stdout.write(f"Đã xử lý {total} sự kiện.")
                return
            if total:
                self.stdout.write(f"Đã xử lý {total} sự kiện.")
            time.sleep(loop)
