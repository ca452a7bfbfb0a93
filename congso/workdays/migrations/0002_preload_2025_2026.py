"""Preload the 2025 and 2026 civil-service calendars (domain.md §5.1) as national CalendarDay rows.

A frozen copy of congso.workdays.holidays_vn.NOTICE_DAYS (a test checks they agree), so this migration
means the same thing whenever it runs. Idempotent: a date that already has a national row in force is
left alone (an administrator may have corrected it). The rows are dated from PRELOADED_AT so that
`calendar_for(as_of=...)` sees them for any dossier this system can hold.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import migrations

PRELOADED_AT = datetime.datetime(2020, 1, 1, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

# (date, kind, reason, legal reference, source)
ROWS = [
    ('2025-01-01', 'day_off', 'Tết Dương lịch', 'Bộ luật Lao động 2019, Điều 112', 'statutory'),
    ('2025-01-27', 'day_off', 'Tết Nguyên Đán', 'Thông báo 6150/TB-BLĐTBXH', 'notice'),
    ('2025-01-28', 'day_off', 'Tết Nguyên Đán', 'Thông báo 6150/TB-BLĐTBXH', 'notice'),
    ('2025-01-29', 'day_off', 'Tết Nguyên Đán', 'Thông báo 6150/TB-BLĐTBXH', 'notice'),
    ('2025-01-30', 'day_off', 'Tết Nguyên Đán', 'Thông báo 6150/TB-BLĐTBXH', 'notice'),
    ('2025-01-31', 'day_off', 'Tết Nguyên Đán', 'Thông báo 6150/TB-BLĐTBXH', 'notice'),
    ('2025-04-07', 'day_off', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', 'Bộ luật Lao động 2019, Điều 112', 'statutory'),
    ('2025-04-26', 'working_day', 'Làm bù cho ngày nghỉ 02/05/2025', 'Hoán đổi ngày làm việc dịp 30/4–1/5/2025 (đối chiếu văn bản của Bộ Nội vụ)', 'notice'),
    ('2025-04-30', 'day_off', 'Ngày Chiến thắng (30/4)', 'Bộ luật Lao động 2019, Điều 112', 'statutory'),
    ('2025-05-01', 'day_off', 'Ngày Quốc tế Lao động (1/5)', 'Bộ luật Lao động 2019, Điều 112', 'statutory'),
    ('2025-05-02', 'day_off', 'Nghỉ hoán đổi (làm bù ngày 26/04/2025)', 'Hoán đổi ngày làm việc dịp 30/4–1/5/2025 (đối chiếu văn bản của Bộ Nội vụ)', 'notice'),
    ('2025-09-01', 'day_off', 'Quốc khánh (ngày liền kề)', 'Thông báo 6150/TB-BLĐTBXH', 'notice'),
    ('2025-09-02', 'day_off', 'Quốc khánh', 'Bộ luật Lao động 2019, Điều 112', 'statutory'),
    ('2026-01-01', 'day_off', 'Tết Dương lịch', 'Bộ luật Lao động 2019, Điều 112', 'statutory'),
    ('2026-02-16', 'day_off', 'Tết Nguyên Đán', 'Thông báo 9441/TB-BNV', 'notice'),
    ('2026-02-17', 'day_off', 'Tết Nguyên Đán', 'Thông báo 9441/TB-BNV', 'notice'),
    ('2026-02-18', 'day_off', 'Tết Nguyên Đán', 'Thông báo 9441/TB-BNV', 'notice'),
    ('2026-02-19', 'day_off', 'Tết Nguyên Đán', 'Thông báo 9441/TB-BNV', 'notice'),
    ('2026-02-20', 'day_off', 'Tết Nguyên Đán', 'Thông báo 9441/TB-BNV', 'notice'),
    ('2026-04-27', 'day_off', 'Nghỉ bù Giỗ Tổ Hùng Vương (Chủ nhật 26/04/2026)', 'Bộ luật Lao động 2019, Điều 111 khoản 3; Thông báo 9441/TB-BNV', 'notice'),
    ('2026-04-30', 'day_off', 'Ngày Chiến thắng (30/4)', 'Bộ luật Lao động 2019, Điều 112', 'statutory'),
    ('2026-05-01', 'day_off', 'Ngày Quốc tế Lao động (1/5)', 'Bộ luật Lao động 2019, Điều 112', 'statutory'),
    ('2026-08-22', 'working_day', 'Làm bù cho ngày nghỉ 31/08/2026', 'Thông báo 9441/TB-BNV', 'notice'),
    ('2026-08-31', 'day_off', 'Nghỉ hoán đổi (làm bù ngày 22/08/2026)', 'Thông báo 9441/TB-BNV', 'notice'),
    ('2026-09-01', 'day_off', 'Quốc khánh (ngày liền kề)', 'Thông báo 9441/TB-BNV', 'notice'),
    ('2026-09-02', 'day_off', 'Quốc khánh', 'Bộ luật Lao động 2019, Điều 112', 'statutory'),
    ('2026-11-24', 'day_off', 'Ngày Văn hóa Việt Nam', 'Nghị quyết 28/2026/QH16 (cần đối chiếu)', 'statutory'),
]


def preload(apps, schema_editor):
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    taken = set(
        CalendarDay.objects.filter(province_code="", active=True, date__year__in=[2025, 2026]).values_list(
            "date", flat=True
        )
    )
    new = [
        CalendarDay(
            date=datetime.date.fromisoformat(day),
            kind=kind,
            reason=reason,
            legal_reference=reference,
            province_code="",
            source=source,
            active=True,
            created_at=PRELOADED_AT,
        )
        for day, kind, reason, reference, source in ROWS
        if datetime.date.fromisoformat(day) not in taken
    ]
    CalendarDay.objects.bulk_create(new)


def unload(apps, schema_editor):
    CalendarDay = apps.get_model("workdays", "CalendarDay")
    CalendarDay.objects.filter(
        province_code="",
        created_at=PRELOADED_AT,
        date__in=[datetime.date.fromisoformat(row[0]) for row in ROWS],
    ).delete()


class Migration(migrations.Migration):

    dependencies = [
        ("workdays", "0001_calendar_tables"),
    ]

    operations = [
        migrations.RunPython(preload, unload),
    ]
