from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "congso.statistics"
    label = "statistics"
    verbose_name = "Thống kê, báo cáo"

    def ready(self) -> None:
        from congso.statistics import handlers  # noqa: F401 — registers the outbox handlers
