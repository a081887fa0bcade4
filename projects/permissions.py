"""Who may do what. Enforced on the server: querysets and permission checks use these."""

from django.db.models import QuerySet

CLERK_GROUP = "担当課職員"
COORDINATOR_GROUP = "協働推進担当"


def is_coordinator(user) -> bool:
    """The coordinating office (協働・男女平等参画室) changes every project."""
    if not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_kyodo_is_coordinator", None)
    if cached is None:
        cached = user.is_superuser or user.groups.filter(name=COORDINATOR_GROUP).exists()
        user._kyodo_is_coordinator = cached
    return cached


def department_ids_of(user) -> set[int]:
    if not user.is_authenticated or not user.is_active:
        return set()
    cached = getattr(user, "_kyodo_department_ids", None)
    if cached is None:
        cached = set(user.departments.values_list("pk", flat=True))
        user._kyodo_department_ids = cached
    return cached


def can_edit_department(user, department_id: int | None) -> bool:
    """A clerk adds, changes and deletes only the projects of their own departments."""
    if is_coordinator(user):
        return True
    return department_id is not None and department_id in department_ids_of(user)


def editable_projects(user, queryset: QuerySet) -> QuerySet:
    if is_coordinator(user):
        return queryset
    return queryset.filter(department_id__in=department_ids_of(user))


def is_clerk(user) -> bool:
    """A member of 担当課職員: changes only the projects of their own departments."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.groups.filter(name=CLERK_GROUP).exists()


def editable_departments(user, queryset: QuerySet) -> QuerySet:
    """The departments whose projects the user may add, change and delete."""
    if is_coordinator(user):
        return queryset
    return queryset.filter(pk__in=department_ids_of(user))


def can_edit_project(user, project) -> bool:
    """Change or delete this project (and its sessions and partner links)."""
    if project is None:
        return is_coordinator(user) or bool(department_ids_of(user))
    return can_edit_department(user, project.department_id)


def split_editable(user, queryset: QuerySet) -> tuple[QuerySet, QuerySet]:
    """(rows the user may change, rows they may not) of a queryset of projects."""
    allowed = editable_projects(user, queryset)
    if allowed is queryset:
        return queryset, queryset.none()
    return allowed, queryset.exclude(department_id__in=department_ids_of(user))


# What each group may do in general (model permissions); the migration 0004_groups creates the
# same. Which projects a clerk may change is decided per object by the functions above.
_ALL = ("view", "add", "change", "delete")
GROUP_PERMISSIONS = {
    CLERK_GROUP: {
        "projects.project": _ALL,
        "projects.session": _ALL,
        "projects.projectpartner": _ALL,
        "projects.department": ("view",),
        "projects.form": ("view",),
        "partners.partner": ("view", "add"),
        "partners.partneralias": ("view", "add"),
    },
    COORDINATOR_GROUP: {
        "projects.project": _ALL,
        "projects.session": _ALL,
        "projects.projectpartner": _ALL,
        "projects.department": _ALL,
        "projects.form": _ALL,
        "partners.partner": _ALL,
        "partners.partneralias": _ALL,
        "auth.user": ("view",),
    },
}


def ensure_groups():
    """Create both groups with their permissions if missing (after a flush, in a fresh test DB)."""
    from django.contrib.auth.models import Group, Permission

    groups = {}
    for name, spec in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for model, actions in spec.items():
            app_label, model_name = model.split(".")
            group.permissions.add(
                *Permission.objects.filter(
                    content_type__app_label=app_label,
                    codename__in=[f"{action}_{model_name}" for action in actions],
                )
            )
        groups[name] = group
    return groups
