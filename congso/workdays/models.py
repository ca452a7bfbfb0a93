"""Administrator-editable calendar rows: days off / extra working days and office hours.

The `holidays` package gives the statutory days; these rows add the yearly notices (swaps are announced
every year), province decisions and corrections, and win over the package date by date.

Versioning (domain.md §5.1 "versioned so old due dates recompute unchanged"): rows are never edited in
a way that changes a date and never deleted through the admin; a row is *deactivated* (active=False,
deactivated_at set) and a new row added. `selectors.calendar_for(as_of=moment)` rebuilds the calendar
from the rows that were in force at `moment`: created_at <= moment < deactivated_at.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q

from congso.core import clock
from congso.workdays.choices import DayKind, DaySource, Weekday

province_code_validator = RegexValidator(
    r"^\d{2}$", "Mã tỉnh gồm 2 chữ số (Quyết định 19/2025/QĐ-TTg), hoặc để trống cho toàn quốc."
)


class Versioned(models.Model):
    """created_at / deactivated_at bound the period in which a row was in force."""

    active = models.BooleanField("đang áp dụng", default=True)
    # Not auto_now_add: the data migration dates the preloaded law to before any dossier.
    created_at = models.DateTimeField("áp dụng từ", default=clock.now, editable=False, db_index=True)
    deactivated_at = models.DateTimeField("ngừng áp dụng lúc", null=True, blank=True, editable=False)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        # Bookkeeping, not business flow: switching a row off stamps the moment it stopped applying.
        if not self.active and self.deactivated_at is None:
            self.deactivated_at = clock.now()
            if "update_fields" in kwargs and kwargs["update_fields"] is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "deactivated_at"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        if self.active and self.deactivated_at is not None:
            raise ValidationError(
                "Dòng đã ngừng áp dụng không được bật lại (để giữ lịch sử tính hạn); hãy thêm một dòng mới."
            )


class CalendarDay(Versioned):
    date = models.DateField("ngày")
    kind = models.CharField("loại ngày", max_length=16, choices=DayKind.choices)
    reason = models.CharField(
        "lý do", max_length=200, help_text="Hiển thị cho cán bộ và người dân, ví dụ: Tết Nguyên Đán"
    )
    legal_reference = models.CharField(
        "căn cứ", max_length=200, blank=True, help_text="Ví dụ: Thông báo 9441/TB-BNV"
    )
    province_code = models.CharField(
        "mã tỉnh",
        max_length=2,
        blank=True,
        default="",
        validators=[province_code_validator],
        help_text="Để trống: áp dụng toàn quốc. Dòng của tỉnh thắng dòng toàn quốc cùng ngày.",
    )
    source = models.CharField("nguồn", max_length=16, choices=DaySource.choices, default=DaySource.ADMIN)

    class Meta:
        verbose_name = "ngày nghỉ / ngày làm bù"
        verbose_name_plural = "ngày nghỉ / ngày làm bù"
        ordering = ["date", "province_code"]
        constraints = [
            # One row in force per day and province; deactivated rows stay for history.
            models.UniqueConstraint(
                fields=["date", "province_code"],
                condition=Q(active=True),
                name="workdays_calendarday_one_active",
                violation_error_message="Ngày này đã có một dòng đang áp dụng cho cùng phạm vi; hãy ngừng áp dụng dòng đó trước.",
            ),
        ]
        indexes = [models.Index(fields=["province_code", "date"], name="workdays_day_province_date")]

    def __str__(self) -> str:
        scope = f"tỉnh {self.province_code}" if self.province_code else "toàn quốc"
        return f"{self.date:%d/%m/%Y} {self.get_kind_display().lower()}: {self.reason} ({scope})"


class OfficeHours(Versioned):
    """Office windows of one weekday; a weekday without a row keeps 07:00–11:30 and 13:30–17:00 (Mon–Fri)."""

    province_code = models.CharField(
        "mã tỉnh",
        max_length=2,
        blank=True,
        default="",
        validators=[province_code_validator],
        help_text="Để trống: mặc định toàn quốc. Dòng của tỉnh thắng dòng toàn quốc cùng thứ.",
    )
    weekday = models.PositiveSmallIntegerField("thứ", choices=Weekday.choices)
    morning_start = models.TimeField("sáng từ")
    morning_end = models.TimeField("sáng đến")
    afternoon_start = models.TimeField("chiều từ", null=True, blank=True)
    afternoon_end = models.TimeField("chiều đến", null=True, blank=True)

    class Meta:
        verbose_name = "giờ làm việc"
        verbose_name_plural = "giờ làm việc"
        ordering = ["province_code", "weekday"]
        constraints = [
            models.UniqueConstraint(
                fields=["province_code", "weekday"],
                condition=Q(active=True),
                name="workdays_officehours_one_active",
                violation_error_message="Thứ này đã có giờ làm việc đang áp dụng cho cùng phạm vi.",
            ),
            models.CheckConstraint(
                condition=Q(morning_start__lt=F("morning_end")),
                name="workdays_officehours_morning_order",
                violation_error_message="Giờ bắt đầu buổi sáng phải trước giờ kết thúc.",
            ),
            models.CheckConstraint(
                condition=(Q(afternoon_start__isnull=True) & Q(afternoon_end__isnull=True))
                | (Q(afternoon_start__gte=F("morning_end")) & Q(afternoon_start__lt=F("afternoon_end"))),
                name="workdays_officehours_afternoon_order",
                violation_error_message="Buổi chiều cần đủ giờ bắt đầu và kết thúc, sau buổi sáng.",
            ),
        ]

    def __str__(self) -> str:
        scope = f"tỉnh {self.province_code}" if self.province_code else "mặc định"
        windows = ", ".join(f"{start:%H:%M}–{end:%H:%M}" for start, end in self.windows())
        return f"{self.get_weekday_display()}: {windows} ({scope})"

    def windows(self) -> list[tuple]:
        result = [(self.morning_start, self.morning_end)]
        if self.afternoon_start is not None and self.afternoon_end is not None:
            result.append((self.afternoon_start, self.afternoon_end))
        return result
