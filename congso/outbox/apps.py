from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "congso.outbox"
    label = "outbox"
    verbose_name = "Hộp thư sự kiện (outbox)"
