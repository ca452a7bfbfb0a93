"""congso settings: wiring only, every value read from the environment with a default.

The embedded default (SQLite in ./var, console e-mail, fake adapters) needs no variable at all.
Each setting is declared once in SETTINGS_DOC so `python manage.py check` and the README agree.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CONGSO_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

# name -> (default, help). The README's configuration table is generated from this.
SETTINGS_DOC: dict[str, tuple[str, str]] = {
    "DATABASE_URL": (
        f"sqlite:///{VAR_DIR / 'congso.sqlite3'}",
        "Cơ sở dữ liệu: sqlite:///… hoặc postgres://user@host:5432/db",
    ),
    "CONGSO_SECRET_KEY": ("dev-only-insecure-key", "Khóa bí mật Django; bắt buộc đặt khi chạy thật"),
    "CONGSO_DEBUG": ("1", "1 khi phát triển, 0 khi chạy thật"),
    "CONGSO_ALLOWED_HOSTS": ("127.0.0.1,localhost", "Tên miền được phục vụ, phân cách bằng dấu phẩy"),
    "CONGSO_PROVINCE_CODE": ("56", "Mã tỉnh đang vận hành (Quyết định 19/2025/QĐ-TTg), mặc định Khánh Hòa"),
    "CONGSO_TEST_DB_NAME": ("test_congso", "Tên CSDL kiểm thử trên PostgreSQL"),
    "CONGSO_NOTIFIER": (
        "congso.integration.notify.fake.FakeNotifier",
        "Lớp gửi SMS/Zalo (mặc định: bản giả lập ghi nhật ký)",
    ),
    "CONGSO_PAYMENT_SECRET": ("demo-secret", "Khóa bí mật ký thông điệp với nền tảng thanh toán quốc gia"),
    "CONGSO_PUBLIC_URL": (
        "http://127.0.0.1:8000",
        "Địa chỉ công khai của cổng, in trong mã QR của phiếu tiếp nhận",
    ),
    "CONGSO_PAUSE_MODE": (
        "restart",
        "Cách tính hạn sau khi bổ sung hồ sơ: restart (tính lại từ đầu) hoặc pause (cộng thời gian tạm dừng)",
    ),
    "CONGSO_DAY_HOURS": ("8", "Số giờ làm việc quy đổi cho một ngày khi cộng hạn theo giờ (8 hoặc 7.5)"),
}


def env(name: str) -> str:
    return os.environ.get(name, SETTINGS_DOC[name][0])


SECRET_KEY = env("CONGSO_SECRET_KEY")
DEBUG = env("CONGSO_DEBUG") == "1"
ALLOWED_HOSTS = [h.strip() for h in env("CONGSO_ALLOWED_HOSTS").split(",") if h.strip()]
if DEBUG:
    ALLOWED_HOSTS += ["testserver"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "congso.core",
    "congso.workdays",
    "congso.outbox",
    "congso.places",
    "congso.identity",
    "congso.catalog",
    "congso.workflow",
    "congso.documents",
    "congso.dossiers",
    "congso.payments",
    "congso.feedback",
    "congso.integration.notify",
    "congso.statistics",
    "congso.portal",
    "congso.backoffice",
    "congso.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "congso.core.middleware.RejectNulMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": dj_database_url.parse(env("DATABASE_URL"), conn_max_age=60)}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo server read while the generator writes; IMMEDIATE avoids
    # "database is locked" upgrades inside write transactions (the dossier-code counter).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("CONGSO_TEST_DB_NAME") or None}
if DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"]["NAME"] = env("CONGSO_TEST_DB_NAME")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "identity.User"
LOGIN_URL = "/dang-nhap/"
LOGIN_REDIRECT_URL = "/mot-cua/"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]

# Vietnamese first; Asia/Ho_Chi_Minh is UTC+7 all year (no DST), every stored moment is aware.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_ROOT = VAR_DIR / "files"  # outside the web root: served only through views that check access

# Django 6.1 MAILERS (replaces EMAIL_BACKEND): the console in the embedded default.
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}

CONGSO_PROVINCE_CODE = env("CONGSO_PROVINCE_CODE")
CONGSO_PUBLIC_URL = env("CONGSO_PUBLIC_URL").rstrip("/")
CONGSO_PAYMENT_SECRET = env("CONGSO_PAYMENT_SECRET")
CONGSO_PAUSE_MODE = env("CONGSO_PAUSE_MODE")
CONGSO_DAY_HOURS = float(env("CONGSO_DAY_HOURS"))
# Circular 01/2018/TT-VPCP art. 19: {agency code}-{yyMMdd}-{4-digit daily sequence}. Circular 03/2025
# redefines the code (format not published to us), so the pattern is a setting.
CONGSO_DOSSIER_CODE_FORMAT = os.environ.get("CONGSO_DOSSIER_CODE_FORMAT", "{agency}-{date:%y%m%d}-{seq:04d}")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Decision 766 choices the law leaves open (ADR 0002; defaults and help in congso/statistics/settings.py).
# Only those set in the environment are defined here, so the module's defaults apply otherwise.
for _name in (
    "CONGSO_766_DIGITISED_RULE",
    "CONGSO_766_PAKN_SATISFACTION",
    "CONGSO_766_SUPPLEMENT_TIME",
    "CONGSO_766_2026_FROM",
):
    if os.environ.get(_name):
        globals()[_name] = os.environ[_name]
if os.environ.get("CONGSO_766_PAYMENT_C_CAP"):
    CONGSO_766_PAYMENT_C_CAP = os.environ["CONGSO_766_PAYMENT_C_CAP"] not in ("0", "false", "False")
if os.environ.get("CONGSO_766_NO_DUE_MAX_DAYS"):
    CONGSO_766_NO_DUE_MAX_DAYS = os.environ["CONGSO_766_NO_DUE_MAX_DAYS"]
# Operations dashboard: fewest resolved dossiers in the period for a unit to be ranked (statistics settings).
if os.environ.get("CONGSO_DASHBOARD_MIN_VOLUME"):
    CONGSO_DASHBOARD_MIN_VOLUME = os.environ["CONGSO_DASHBOARD_MIN_VOLUME"]  # checked where it is read
