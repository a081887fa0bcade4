from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _sync_groups(sender, apps, using, **kwargs):
    # After every migrate (and after each test database is built), the groups hold exactly the
    # permissions of projects.roles, including those of models added by later migrations.
    from projects.roles import sync_groups

    sync_groups(apps)


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "協働事業"

    def ready(self):
        post_migrate.connect(_sync_groups, dispatch_uid="projects.sync_groups")
