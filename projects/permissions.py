"""Who may do what. Enforced on the server: querysets and permission checks use these."""

from django.db.models import QuerySet

CLERK_GROUP = "担当課職員"
COORDINATOR_GROUP = "協働推進担当"


def is_coordinator(user) -> bool:
    """The coordinating office (協働・男女平等参画室) changes every project."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=COORDINATOR_GROUP).exists()


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
