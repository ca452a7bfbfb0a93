"""python manage.py generate_processes: a default internal process for every procedure that has none."""

from django.core.management.base import BaseCommand

from congso.dossiers.services import generate_default_processes


class Command(BaseCommand):
    help = "Sinh quy trình nội bộ mặc định (tiếp nhận → chuyên viên → lãnh đạo phòng → lãnh đạo → trả kết quả) cho các thủ tục chưa có."

    def handle(self, *args, **options):
        created = generate_default_processes()
        self.stdout.write(f"Đã sinh {created} quy trình nội bộ mặc định.")
