"""The two groups of the register and what each may do in general (model permissions).

This table is the one place the groups are defined: the migration that first creates them, the
post-migrate sync (for models added later) and ``ensure_groups`` after a test flush all read it.
Which projects a clerk may change (those of their own departments) is decided per object by
projects/permissions.py, not here.

It imports nothing from the app's models, so migrations can use it with their historical apps.
"""

from django.apps import apps as global_apps

CLERK_GROUP = "担当課職員"
COORDINATOR_GROUP = "協働推進担当"

_ALL = ("view", "add", "change", "delete")

# group -> "app_label.model" -> actions
GROUP_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    CLERK_GROUP: {
        "projects.project": _ALL,
        "projects.session": _ALL,
        "projects.projectpartner": _ALL,
        "projects.department": ("view",),
        "projects.form": ("view",),
        "partners.partner": ("view", "add"),
        "partners.partneralias": ("view", "add"),
        # Published editions and corrections: read by all; a clerk's correction is written
        # by the change form, not through an admin of its own.
        "projects.edition": ("view",),
        "projects.editionfile": ("view",),
        "projects.correction": ("view",),
        # The yearly survey: a clerk sees their departments' answers and submits them; the
        # services check which answers and which steps (surveys.services).
        "surveys.answer": ("view", "change"),
    },
    COORDINATOR_GROUP: {
        "projects.project": _ALL,
        "projects.session": _ALL,
        "projects.projectpartner": _ALL,
        "projects.department": _ALL,
        "projects.form": _ALL,
        "partners.partner": _ALL,
        "partners.partneralias": _ALL,
        # What was published stays as published: no one may change or delete an edition, its
        # files or a correction (publishing is checked by projects.permissions).
        "projects.edition": ("view", "add"),
        "projects.editionfile": ("view", "add"),
        "projects.correction": ("view",),
        # The survey's records are never deleted: these models have no delete permission,
        # and a transition or a reminder, once written, is not changed either.
        "surveys.survey": ("view", "add", "change"),
        "surveys.answer": ("view", "add", "change"),
        "surveys.transition": ("view", "add"),
        "surveys.reminder": ("view", "add"),
        # Clerks' accounts: added, changed and deactivated (never deleted); which accounts
        # is decided by projects.permissions.can_manage_account.
        "auth.user": ("view", "add", "change"),
        # 人事異動: a personnel list applied is kept as it was (no change, no delete).
        "projects.transferlist": ("view", "add"),
        "projects.transfer": ("view",),
        # Lifting a login lockout (django-axes) is the coordinator's job.
        "axes.accessattempt": ("view", "delete"),
        "axes.accesslog": ("view",),
    },
}


def codenames(spec: dict[str, tuple[str, ...]]) -> set[tuple[str, str]]:
    """{(app_label, codename)} of one group's entry in the table."""
    found = set()
    for model, actions in spec.items():
        app_label, model_name = model.split(".")
        found |= {(app_label, f"{action}_{model_name}") for action in actions}
    return found


def sync_groups(apps=global_apps) -> dict:
    """Make each group's permissions exactly those of the table; returns {name: group}.

    Permissions of models that do not exist yet (an early migration, before a later app's
    models) are left for the post-migrate sync that runs after them.
    """
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    groups = {}
    for name, spec in GROUP_PERMISSIONS.items():
        wanted = codenames(spec)
        permissions = [
            permission
            for permission in Permission.objects.filter(
                content_type__app_label__in={app for app, _ in wanted},
                codename__in={codename for _, codename in wanted},
            ).select_related("content_type")
            if (permission.content_type.app_label, permission.codename) in wanted
        ]
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(permissions)
        groups[name] = group
    return groups
