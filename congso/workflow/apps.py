from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "congso.workflow"
    label = "workflow"
    verbose_name = "Quy trình nội bộ"
