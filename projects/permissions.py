"""Who may do what. Enforced on the server: querysets and permission checks use these."""

from django.db.models import QuerySet

from projects.roles import CLERK_GROUP, COORDINATOR_GROUP, sync_groups

__all__ = ["CLERK_GROUP", "COORDINATOR_GROUP"]


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


def ensure_groups() -> dict:
    """Both groups with exactly the permissions of projects.roles (after a flush in tests)."""
    return sync_groups()
