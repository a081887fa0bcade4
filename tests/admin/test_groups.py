"""The groups in the database are exactly the table in projects.roles."""

import pytest
from django.contrib.auth.models import Group

from projects.permissions import ensure_groups
from projects.roles import GROUP_PERMISSIONS, codenames

pytestmark = pytest.mark.django_db


def _in_database(name: str) -> set[tuple[str, str]]:
    group = Group.objects.get(name=name)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


@pytest.mark.parametrize("name", list(GROUP_PERMISSIONS))
def test_each_group_after_migrate_holds_exactly_the_permissions_of_the_table(name):
    assert _in_database(name) == codenames(GROUP_PERMISSIONS[name])


def test_every_permission_named_in_the_table_exists():
    # A misspelt model or action in the table would otherwise silently grant nothing.
    for name, spec in GROUP_PERMISSIONS.items():
        assert len(_in_database(name)) == len(codenames(spec)), name


def test_ensure_groups_removes_a_permission_granted_by_hand():
    from django.contrib.auth.models import Permission

    clerks = Group.objects.get(name="担当課職員")
    clerks.permissions.add(Permission.objects.get(codename="delete_form"))
    ensure_groups()
    assert ("projects", "delete_form") not in _in_database("担当課職員")
