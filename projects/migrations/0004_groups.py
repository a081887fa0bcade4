"""The two groups of the register: 担当課職員 (clerks) and 協働推進担当 (coordinators).

Model permissions only say what a group may do in general; which projects a clerk may change
(those of their own departments) is decided per object by projects/permissions.py.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CLERK_GROUP = "担当課職員"
COORDINATOR_GROUP = "協働推進担当"

# (app_label, model, actions)
CLERK_PERMISSIONS = [
    ("projects", "project", ["view", "add", "change", "delete"]),
    ("projects", "session", ["view", "add", "change", "delete"]),
    ("projects", "projectpartner", ["view", "add", "change", "delete"]),
    ("projects", "department", ["view"]),
    ("projects", "form", ["view"]),
    ("partners", "partner", ["view", "add"]),
    ("partners", "partneralias", ["view", "add"]),
]
ALL = ["view", "add", "change", "delete"]
COORDINATOR_PERMISSIONS = [
    ("projects", "project", ALL),
    ("projects", "session", ALL),
    ("projects", "projectpartner", ALL),
    ("projects", "department", ALL),
    ("projects", "form", ALL),
    ("partners", "partner", ALL),
    ("partners", "partneralias", ALL),
    ("auth", "user", ["view"]),
]


def _permissions(apps, spec):
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    found = []
    for app_label, model, actions in spec:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        for action in actions:
            codename = f"{action}_{model}"
            permission = Permission.objects.filter(
                content_type=content_type, codename=codename
            ).first()
            if permission is None:
                permission = Permission.objects.create(
                    content_type=content_type, codename=codename, name=f"Can {action} {model}"
                )
            found.append(permission)
    return found


def create_groups(apps, schema_editor):
    # Permissions are normally created after the whole migrate run; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    for name, spec in (
        (CLERK_GROUP, CLERK_PERMISSIONS),
        (COORDINATOR_GROUP, COORDINATOR_PERMISSIONS),
    ):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*_permissions(apps, spec))


def remove_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[CLERK_GROUP, COORDINATOR_GROUP]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0003_department_members"),
        ("partners", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
