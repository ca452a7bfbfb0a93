from django.apps import AppConfig


class NotifyConfig(AppConfig):
    """Installing this app registers the SMS/Zalo outbox handler (`handlers`)."""

    name = "congso.integration.notify"
    label = "notify"
    verbose_name = "Tin nhắn SMS, Zalo"

    def ready(self) -> None:
        from congso.integration.notify import handlers  # noqa: F401 — registers the outbox handler
