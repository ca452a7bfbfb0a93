"""Enumerations of the procedure catalogue (TTHC). Values are stable English codes; labels are Vietnamese."""

from __future__ import annotations

from django.db import models


class Level(models.TextChoices):
    # Levels as listed in the national catalogue after the 2025 two-tier reform (no district level).
    MINISTRY = "bo", "Cấp Bộ, trung ương"
    PROVINCE = "tinh", "Cấp tỉnh"
    COMMUNE = "xa", "Cấp xã"
    OTHER = "khac", "Cơ quan khác, ngành dọc"


class TimeUnit(models.TextChoices):
    WORKING_DAY = "working_day", "Ngày làm việc"
    CALENDAR_DAY = "calendar_day", "Ngày (lịch)"
    HOUR = "hour", "Giờ"
    UNKNOWN = "unknown", "Chưa xác định"


class LimitsSource(models.TextChoices):
    PARSED = "parsed", "Đọc từ văn bản nguồn"
    ADMIN = "admin", "Quản trị viên ghi nhận"


class Channel(models.TextChoices):
    # KenhThucHien of the national portal: 1 direct, 2 online, 3 post (domain.md §7).
    ALL = "", "Mọi hình thức nộp"
    DIRECT = "truc_tiep", "Trực tiếp"
    ONLINE = "truc_tuyen", "Trực tuyến"
    POST = "buu_chinh", "Dịch vụ bưu chính"


class FeeKind(models.TextChoices):
    # Phí (P) and lệ phí (LP) are receipted separately (domain.md §8), so the kind matters downstream.
    CHARGE = "phi", "Phí"
    ADMIN_FEE = "le_phi", "Lệ phí"
    UNKNOWN = "unknown", "Chưa xác định"


class MucDo(models.IntegerChoices):
    # Decree 42/2022/NĐ-CP: "toàn trình" replaces mức độ 4, "một phần" replaces mức độ 3;
    # internal MucDo keeps the numbers (domain.md §3).
    NOT_ONLINE = 2, "Mức 2 — chưa trực tuyến (cung cấp thông tin)"
    PARTIAL = 3, "Một phần (mức 3)"
    FULL = 4, "Toàn trình (mức 4)"


class ReviewCode(models.TextChoices):
    """Why a procedure waits for an administrator; the stable code lets reports group the reasons."""

    NONE = "", "Không cần rà soát"
    MISSING = "missing", "Nguồn không ghi thời hạn"
    NOT_SPECIFIED = "not_specified", "Nguồn ghi 'Không quy định'"
    NO_UNIT = "no_unit", "Thời hạn không có đơn vị"
    AMBIGUOUS = "ambiguous", "Nhiều thời hạn cho cùng một kênh"
    MIXED_UNITS = "mixed_units", "Các kênh dùng đơn vị khác nhau"
    IMPLAUSIBLE = "implausible", "Thời hạn không hợp lý"
    MONTHS = "months", "Thời hạn tính bằng tháng (đã quy đổi 30 ngày/tháng)"
    UNPARSED = "unparsed", "Không đọc được thời hạn"
