from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "congso.statistics"
    label = "statistics"
    verbose_name = "Thống kê, báo cáo"
