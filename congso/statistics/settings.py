"""Choices the law leaves open, read from Django settings with defaults (ADR 0002).

domain.md §9.2 marks conflicts between the Decision 766/QĐ-TTg formula notes; each is a setting here so
a province can follow what its DVCQG figures show without a code change. Read at call time (not at
import) so tests and administrators can change them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured

# name -> (default, Vietnamese help). Declared once, like config.settings.SETTINGS_DOC.
DEFAULTS: dict[str, tuple[object, str]] = {
    "CONGSO_766_DIGITISED_RULE": (
        "linear",
        "Chỉ số 4.2 (hồ sơ được số hóa): linear = P × R (bảng điểm) hoặc target80 = đạt 80% được đủ điểm",
    ),
    "CONGSO_766_PAKN_SATISFACTION": (
        "combined",
        "Chỉ số 5.3: combined = một chỉ số (PAKN − không hài lòng − khiếu nại lại − quá hạn) hoặc split",
    ),
    "CONGSO_766_PAYMENT_C_CAP": (True, "Nhóm thanh toán: giới hạn min(2; 2,5 × C) cho chỉ số C"),
    "CONGSO_766_SUPPLEMENT_TIME": (
        "subtract",
        "Chỉ số 2.1: subtract = trừ thời gian bổ sung và so với hạn trước khi bổ sung; due_date = so với hạn hiện hành",
    ),
    "CONGSO_766_NO_DUE_MAX_DAYS": (
        None,
        "Hồ sơ không có hạn trả: số ngày tối đa theo luật (để trống = luôn đúng hạn)",
    ),
    "CONGSO_766_2026_FROM": (
        "2026-01-01",
        "Ngày bắt đầu áp dụng bộ chỉ số năm 2026 (nhóm dịch vụ trực tuyến mới)",
    ),
    "CONGSO_DASHBOARD_MIN_VOLUME": (
        30,
        "Trang điều hành: số hồ sơ đã giải quyết tối thiểu trong kỳ để một cơ quan, xã được xếp hạng",
    ),
}


def _get(name: str) -> object:
    return getattr(django_settings, name, DEFAULTS[name][0])


@dataclass(frozen=True)
class Rules766:
    digitised_rule: str
    pakn_satisfaction: str
    payment_c_cap: bool
    supplement_time: str
    no_due_max_days: Decimal | None
    set_2026_from: date

    def as_dict(self) -> dict[str, object]:
        return {
            "digitised_rule": self.digitised_rule,
            "pakn_satisfaction": self.pakn_satisfaction,
            "payment_c_cap": self.payment_c_cap,
            "supplement_time": self.supplement_time,
            "no_due_max_days": None if self.no_due_max_days is None else str(self.no_due_max_days),
            "set_2026_from": self.set_2026_from.isoformat(),
        }


def rules_766() -> Rules766:
    """The current choices, validated: a typo in a setting is a configuration error, not a silent default."""
    digitised = str(_get("CONGSO_766_DIGITISED_RULE"))
    pakn = str(_get("CONGSO_766_PAKN_SATISFACTION"))
    supplement = str(_get("CONGSO_766_SUPPLEMENT_TIME"))
    _check("CONGSO_766_DIGITISED_RULE", digitised, ("linear", "target80"))
    _check("CONGSO_766_PAKN_SATISFACTION", pakn, ("combined", "split"))
    _check("CONGSO_766_SUPPLEMENT_TIME", supplement, ("subtract", "due_date"))
    cap = _get("CONGSO_766_PAYMENT_C_CAP")
    if isinstance(cap, str):
        cap = cap.strip().lower() not in ("0", "false", "no", "")
    max_days = _get("CONGSO_766_NO_DUE_MAX_DAYS")
    try:
        starts = date.fromisoformat(str(_get("CONGSO_766_2026_FROM")))
        max_days = None if max_days in (None, "") else Decimal(str(max_days))
    except (ValueError, ArithmeticError) as exc:
        raise ImproperlyConfigured(f"Cấu hình chỉ số Quyết định 766 không hợp lệ: {exc}") from exc
    return Rules766(digitised, pakn, bool(cap), supplement, max_days, starts)


def _check(name: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ImproperlyConfigured(f"{name}={value!r} không hợp lệ; chỉ nhận: {', '.join(allowed)}.")
