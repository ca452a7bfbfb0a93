from django.core.management.base import BaseCommand

from congso.outbox.services import dispatch_pending


class Command(BaseCommand):
    help = "Chuyển các sự kiện outbox đang chờ tới bộ xử lý đã đăng ký."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, batch, **options):
        total = 0
        while True:
            done = dispatch_pending(batch=batch)
            total += done
            if done == 0:
                break
        self.stdout.write(f"Đã xử lý {total} sự kiện.")
