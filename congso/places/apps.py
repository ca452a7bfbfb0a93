from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "congso.places"
    label = "places"
    verbose_name = "Đơn vị hành chính"
