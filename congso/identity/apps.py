from django.apps import AppConfig


class IdentityConfig(AppConfig):
    name = "congso.identity"
    label = "identity"
    verbose_name = "Cơ quan, cán bộ, người nộp hồ sơ"
