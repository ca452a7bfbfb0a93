from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "congso.documents"
    label = "documents"
    verbose_name = "Văn bản, biểu mẫu, chữ ký số"
