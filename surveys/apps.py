from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = "年次調査"

    def ready(self):
        # Imported once the apps are loaded: these modules use the models.
        from projects import year_status
        from surveys import selectors, signals

        signals.connect()
        year_status.register(
            locked_pairs=selectors.locked_pairs, collecting_label=selectors.collecting_label
        )
