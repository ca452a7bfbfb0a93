"""Enumerations of the working-day calendar. Values are stable English codes; labels are Vietnamese."""

from __future__ import annotations

from django.db import models


class DayKind(models.TextChoices):
    DAY_OFF = "day_off", "Ngày nghỉ"
    # A weekend day worked in exchange for a weekday off (hoán đổi ngày làm việc), or a holiday
    # cancelled by an override: it counts towards deadlines like any Monday.
    WORKING_DAY = "working_day", "Ngày làm việc"


class DaySource(models.TextChoices):
    # Labour Code 2019 art. 112 (holidays) and art. 111(3) (make-up day for a holiday on a rest day).
    STATUTORY = "statutory", "Theo Bộ luật Lao động"
    # The yearly notice of the Ministry (BLĐTBXH until 2025, Bộ Nội vụ since) fixing the civil
    # service's Tết, swaps and adjacent National Day.
    NOTICE = "notice", "Theo thông báo hằng năm"
    ADMIN = "admin", "Quản trị viên bổ sung"


class Weekday(models.IntegerChoices):
    # date.weekday(): Monday is 0.
    MONDAY = 0, "Thứ Hai"
    TUESDAY = 1, "Thứ Ba"
    WEDNESDAY = 2, "Thứ Tư"
    THURSDAY = 3, "Thứ Năm"
    FRIDAY = 4, "Thứ Sáu"
    SATURDAY = 5, "Thứ Bảy"
    SUNDAY = 6, "Chủ nhật"


class PauseMode(models.TextChoices):
    # domain.md §5.2 point 7; the setting CONGSO_PAUSE_MODE picks one.
    RESTART = "restart", "Tính lại toàn bộ thời hạn"
    PAUSE = "pause", "Cộng thêm thời gian tạm dừng"
