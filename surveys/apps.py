from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "年次調査"

    def ready(self):
        from surveys import signals

        signals.connect()
