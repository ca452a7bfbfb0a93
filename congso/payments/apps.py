from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "congso.payments"
    label = "payments"
    verbose_name = "Phí, lệ phí và thanh toán"
