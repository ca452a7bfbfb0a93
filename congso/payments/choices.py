"""Words of the payment domain (domain.md §8)."""

from __future__ import annotations

from django.db import models


class FeeKind(models.TextChoices):
    # Phí and lệ phí are receipted separately (domain.md §8); values match catalog.FeeKind.
    CHARGE = "phi", "Phí"
    ADMIN_FEE = "le_phi", "Lệ phí"
    UNKNOWN = "unknown", "Phí, lệ phí chưa phân loại"


class FeeState(models.TextChoices):
    UNPAID = "unpaid", "Chưa thanh toán"
    AWAITING = "awaiting", "Đang chờ kết quả thanh toán"
    PAID = "paid", "Đã thanh toán"
    CANCELLED = "cancelled", "Đã hủy"
    REFUNDED = "refunded", "Đã hoàn trả"


# States in which the citizen may (still) pay: a failed or cancelled attempt returns the obligation here.
PAYABLE = frozenset({FeeState.UNPAID, FeeState.AWAITING})


class When(models.TextChoices):
    BEFORE = "before", "Trước khi tiếp nhận"
    AFTER = "after", "Sau khi tiếp nhận (nghĩa vụ tài chính)"


class Gateway(models.TextChoices):
    DVCQG = "dvcqg", "Nền tảng thanh toán Cổng Dịch vụ công quốc gia"
    VIETQR = "vietqr", "Chuyển khoản VietQR"
    CASH = "cash", "Nộp tại quầy"


class AttemptState(models.TextChoices):
    PENDING = "pending", "Đang chờ"
    SUCCESS = "success", "Thành công"
    FAILED = "failed", "Thất bại"
    CANCELLED = "cancelled", "Người nộp đã hủy"


class TxKind(models.TextChoices):
    # The append-only trail of one attempt (domain.md §8: created/success/failed), plus the rows that
    # record a callback which changed nothing and why.
    CREATED = "created", "Khởi tạo"
    SUCCESS = "success", "Thành công"
    FAILED = "failed", "Thất bại"
    CANCELLED = "cancelled", "Hủy"
    DUPLICATE = "duplicate", "Trùng lặp (bỏ qua)"
    LATE = "late", "Đến muộn (bỏ qua)"
    TAMPERED = "tampered", "Sai chữ ký hoặc số tiền (từ chối)"


class TxSource(models.TextChoices):
    INIT = "init", "Khởi tạo"
    CALLBACK = "callback", "Thông báo từ cổng thanh toán (CONFIRM)"
    QUERY = "query", "Đối soát (QUERY)"
    STATEMENT = "statement", "Sao kê ngân hàng / cán bộ ghi nhận"
    SYSTEM = "system", "Hệ thống"


class Outcome(models.TextChoices):
    """What a settlement did, for the caller (a callback reply, a reconciler count)."""

    PAID = "paid", "Đã ghi nhận thanh toán"
    FAILED = "failed", "Đã ghi nhận thất bại"
    CANCELLED = "cancelled", "Đã ghi nhận hủy"
    DUPLICATE = "duplicate", "Trùng lặp"
    LATE = "late", "Đến muộn"
    TAMPERED = "tampered", "Bị từ chối"
    UNKNOWN = "unknown", "Không tìm thấy giao dịch"
