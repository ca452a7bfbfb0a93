"""`manage.py workdays`: compute a due date, list a year's special days, check a moment.

    workdays due --received 2026-02-13T09:00 --days 5 [--province 56]
    workdays due --received 2026-02-13T09:00 --hours 8
    workdays due --received 2026-02-13T09:00 --calendar-days 15 [--skip-holidays]
    workdays days --year 2026 [--province 56]
    workdays check --at 2026-09-01T10:00 [--province 56]

`due` prints the due moment in ISO 8601 with its offset on the first line (scripts read that line),
then the explanation in Vietnamese. Bad input gives a Vietnamese message and a non-zero exit.
"""

from __future__ import annotations

import math
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError, CommandParser

from congso.core.clock import local, parse_local
from congso.core.errors import DomainError
from congso.core.text import format_date
from congso.workdays.deadline import WEEKDAY_NAMES
from congso.workdays.selectors import calendar_for


class Command(BaseCommand):
    help = "Lịch làm việc: tính hạn giải quyết, liệt kê ngày nghỉ/ngày làm bù, kiểm tra giờ làm việc."

    def add_arguments(self, parser: CommandParser) -> None:
        actions = parser.add_subparsers(dest="action", title="việc cần làm", required=True)

        due = actions.add_parser("due", help="Tính hạn từ thời điểm tiếp nhận")
        due.add_argument("--received", help="Thời điểm tiếp nhận, ví dụ 2026-02-13T09:00 (giờ Việt Nam)")
        due.add_argument("--days", help="Số ngày làm việc (có thể lẻ, ví dụ 0.5)")
        due.add_argument("--hours", help="Số giờ làm việc")
        due.add_argument("--calendar-days", dest="calendar_days", help="Số ngày theo lịch")
        due.add_argument(
            "--skip-holidays",
            dest="skip_holidays",
            action="store_true",
            help="Với --calendar-days: không tính ngày lễ, Tết nằm trong thời hạn",
        )
        due.add_argument("--province", help="Mã tỉnh (mặc định: tỉnh đang vận hành; '' = toàn quốc)")

        days = actions.add_parser("days", help="Liệt kê ngày nghỉ trong tuần và ngày làm bù của một năm")
        days.add_argument("--year", help="Năm, ví dụ 2026")
        days.add_argument("--province", help="Mã tỉnh")

        check = actions.add_parser("check", help="Kiểm tra một thời điểm có trong giờ làm việc không")
        check.add_argument("--at", help="Thời điểm, ví dụ 2026-09-01T10:00")
        check.add_argument("--province", help="Mã tỉnh")

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        try:
            getattr(self, f"_{options['action']}")(options)
        except DomainError as error:
            raise CommandError(error.message) from error

    def _due(self, options: dict) -> None:
        received = _moment(options.get("received"), "--received")
        given = [name for name in ("days", "hours", "calendar_days") if options.get(name) is not None]
        if len(given) != 1:
            raise CommandError("Cần đúng một trong các tham số --days, --hours hoặc --calendar-days.")
        name = given[0]
        amount = _number(options[name], f"--{name.replace('_', '-')}")
        calendar = calendar_for(options.get("province"))
        if name == "days":
            deadline = calendar.add_working_days(received, amount)
        elif name == "hours":
            deadline = calendar.add_working_hours(received, amount)
        else:
            if not amount.is_integer():
                raise CommandError("--calendar-days phải là số nguyên không âm.")
            deadline = calendar.add_calendar_days(
                received, int(amount), skip_holidays=options.get("skip_holidays", False)
            )
        self.stdout.write(local(deadline.due).isoformat())
        for line in deadline.explain():
            self.stdout.write(line)

    def _days(self, options: dict) -> None:
        text = options.get("year")
        if text is None or not str(text).strip().isdigit():
            raise CommandError(f"Năm không hợp lệ: {text!r}. Ví dụ: --year 2026.")
        year = int(text)
        calendar = calendar_for(options.get("province"))
        special = calendar.special_days(year)
        self.stdout.write(f"Năm {year}: {len(special)} ngày khác lịch tuần thông thường")
        for day in special:
            if day.working:
                status = "làm việc"
            elif day.day.weekday() < 5:
                status = "nghỉ"
            else:
                status = "nghỉ (trùng ngày nghỉ hằng tuần)"
            self.stdout.write(
                f"{day.day.isoformat()}  {WEEKDAY_NAMES[day.day.weekday()]:<9} {status}: {day.reason}"
            )

    def _check(self, options: dict) -> None:
        moment = local(_moment(options.get("at"), "--at"))
        calendar = calendar_for(options.get("province"))
        when = f"{moment:%H:%M} {format_date(moment)} ({WEEKDAY_NAMES[moment.weekday()]})"
        if calendar.is_working_time(moment):
            self.stdout.write(f"Có: {when} là giờ làm việc.")
            return
        why = calendar.why_not_working(moment)
        if why is None:
            why = "ngoài khung giờ làm việc"
        self.stdout.write(f"Không: {when} không phải giờ làm việc: {why}.")
        self.stdout.write(f"Bắt đầu tính từ: {local(calendar.snap(moment)).isoformat()}")


def _moment(text: str | None, option: str) -> datetime:
    if text is None or not str(text).strip():
        raise CommandError(f"Thiếu {option}, ví dụ {option} 2026-02-13T09:00.")
    try:
        return parse_local(str(text))
    except ValueError as error:
        raise CommandError(
            f"Không đọc được thời điểm {option} {text!r}: dùng dạng 2026-02-13T09:00 (giờ Việt Nam)."
        ) from error


def _number(text: str, option: str) -> float:
    try:
        value = float(str(text).replace(",", "."))
    except ValueError:
        raise CommandError(f"{option} phải là một số, nhận được {text!r}.") from None
    if math.isnan(value) or math.isinf(value) or value < 0:
        raise CommandError(f"{option} phải là số không âm, nhận được {text!r}.")
    return value
