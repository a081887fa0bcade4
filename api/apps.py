from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The read-only JSON API of the published register (Django REST framework)."""

    name = "api"
    verbose_name = "API"
