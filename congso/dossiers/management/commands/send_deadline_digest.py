"""python manage.py send_deadline_digest: each officer's morning e-mail of dossiers due soon or overdue.

Run it once a working day (cron or the task worker); officers without an e-mail address are listed.
"""

from __future__ import annotations

from django.core.mail import send_mail
from django.core.management.base import BaseCommand

from congso.core.text import format_moment
from congso.dossiers.alerts import digest_for
from congso.identity.models import User


class Command(BaseCommand):
    help = "Gửi thư tổng hợp hằng ngày cho từng cán bộ: hồ sơ đến hạn trong 1 ngày làm việc và hồ sơ quá hạn."

    def handle(self, *args, **options):
        sent = skipped = 0
        for user in User.objects.filter(officer__isnull=False, is_active=True).order_by("username"):
            digest = digest_for(user)
            if digest.empty:
                continue
            if not user.email:
                skipped += 1
                self.stdout.write(
                    f"{user.username}: không có địa chỉ thư, bỏ qua ({len(digest.overdue)} quá hạn)."
                )
                continue
            lines = ["Hồ sơ quá hạn:"] + [
                f"  {d.code} — hạn {format_moment(d.due_at)}" for d in digest.overdue
            ]
            lines += ["", "Hồ sơ đến hạn trong 1 ngày làm việc:"]
            lines += [f"  {d.code} — hạn {format_moment(d.due_at)}" for d in digest.due_soon]
            subject = (
                f"[congso] {len(digest.overdue)} hồ sơ quá hạn, {len(digest.due_soon)} hồ sơ sắp đến hạn"
            )
            send_mail(subject, "\n".join(lines), None, [user.email])
            sent += 1
        self.stdout.write(f"Đã gửi {sent} thư; {skipped} cán bộ chưa có địa chỉ thư.")
