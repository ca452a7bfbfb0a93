from django.apps import AppConfig


class WorkdaysConfig(AppConfig):
    name = "congso.workdays"
    label = "workdays"
    verbose_name = "Lịch làm việc"

    def ready(self) -> None:
        # Cache invalidation of selectors.calendar_for when calendar rows change.
        from congso.workdays import receivers  # noqa: F401
