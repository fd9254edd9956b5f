from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Holds no models: an app so that its template library (``{% load formatting %}``) is found."""

    name = "common"
    verbose_name = "common"
