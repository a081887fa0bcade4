from django.apps import AppConfig
from django.db.models.signals import post_migrate

from projects.roles import sync_groups


def _sync_groups(sender, apps=None, **kwargs):
    # After every migrate and flush (and so after each test database is built or emptied), the
    # groups hold exactly the permissions of projects.roles, including those of models added by
    # later migrations. A flush sends no `apps`: the current models are the right ones then.
    if apps is None:
        sync_groups()
    else:
        sync_groups(apps)


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "協働事業"

    def ready(self):
        post_migrate.connect(_sync_groups, dispatch_uid="projects.sync_groups")
        # Imported once the apps are loaded: the receivers use the models.
        from projects import signals

        signals.connect()
