from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "congso.workdays"
    label = "workdays"
    verbose_name = "Lịch làm việc"
