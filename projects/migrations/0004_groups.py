"""The two groups of the register: 担当課職員 (clerks) and 協働推進担当 (coordinators).

Their permissions come from projects.roles, the one table of them; the post-migrate sync in
projects.apps keeps the groups equal to it when later migrations add models.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from projects.roles import GROUP_PERMISSIONS, sync_groups


def create_groups(apps, schema_editor):
    # Permissions are normally created after the whole migrate run; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    sync_groups(apps)


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=list(GROUP_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0003_department_members"),
        ("partners", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
