"""Who may do what. Enforced on the server: querysets and permission checks use these.

A clerk changes the projects of their own departments, except those of a fiscal year their
department has already answered in the yearly survey (提出済, 確認済, 該当なし) or whose survey is
closed: those wait for the coordinator to send the answer back. The coordinator changes all.
Every check is cached on the user object for the request, so a list costs the same few
queries whatever its length.
"""

from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from projects import year_status
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


def locked_years_of(user) -> set[tuple[int, int]]:
    """{(department id, fiscal year)} of the user's departments that are read-only to them.

    A year is locked once the department has answered its survey or the survey is closed: the
    survey app tells (projects.year_status).
    """
    if not user.is_authenticated or not user.is_active:
        return set()
    cached = getattr(user, "_kyodo_locked_years", None)
    if cached is None:
        cached = year_status.locked_pairs(department_ids_of(user))
        user._kyodo_locked_years = cached
    return cached


def can_edit_department(user, department_id: int | None, fiscal_year: int | None = None) -> bool:
    """A clerk adds, changes and deletes only the projects of their own departments, and, when
    ``fiscal_year`` is given, only in a year their department has not answered yet."""
    if is_coordinator(user):
        return True
    if department_id is None or department_id not in department_ids_of(user):
        return False
    return fiscal_year is None or (department_id, fiscal_year) not in locked_years_of(user)


def editable_projects(user, queryset: QuerySet) -> QuerySet:
    if is_coordinator(user):
        return queryset
    allowed = queryset.filter(department_id__in=department_ids_of(user))
    locked = locked_years_of(user)
    if locked:
        allowed = allowed.exclude(
            reduce(or_, (Q(department_id=d, fiscal_year=y) for d, y in sorted(locked)))
        )
    return allowed


def editable_departments(user, queryset: QuerySet) -> QuerySet:
    """The departments whose projects the user may add, change and delete."""
    if is_coordinator(user):
        return queryset
    return queryset.filter(pk__in=department_ids_of(user))


def can_edit_project(user, project) -> bool:
    """Change or delete this project (and its sessions and partner links)."""
    if project is None:
        return is_coordinator(user) or bool(department_ids_of(user))
    return can_edit_department(user, project.department_id, project.fiscal_year)


def split_editable(user, queryset: QuerySet) -> tuple[QuerySet, QuerySet]:
    """(rows the user may change, rows they may not) of a queryset of projects."""
    allowed = editable_projects(user, queryset)
    if allowed is queryset:
        return queryset, queryset.none()
    return allowed, queryset.exclude(pk__in=allowed.values("pk"))


def ensure_groups() -> dict:
    """Both groups with exactly the permissions of projects.roles (after a flush in tests)."""
    return sync_groups()


def can_publish_edition(user) -> bool:
    """Publishing an edition (公表版) of a year's report is the coordinating office's act."""
    return is_coordinator(user)


def is_coordinator_account(account) -> bool:
    """The account holds the coordinator's role (a superuser or a member of 協働推進担当)."""
    return account.is_superuser or account.groups.filter(name=COORDINATOR_GROUP).exists()


def can_manage_account(user, account) -> bool:
    """Add, change, reset or deactivate `account` (None: accounts in general).

    A superuser manages every account. The coordinator manages the clerks' accounts only:
    never a superuser's, never another coordinator's, and not their own (their own groups
    could otherwise be changed); only a superuser gives the coordinator's role.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not is_coordinator(user):
        return False
    if account is None:
        return True
    return account.pk != user.pk and not is_coordinator_account(account)
