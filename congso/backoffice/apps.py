from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "congso.backoffice"
    label = "backoffice"
    verbose_name = "Một cửa — cán bộ xử lý"
