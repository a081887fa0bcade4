"""A past year's history reads with the names of that year, after a later rename."""

import pytest

from projects.history import field_changes
from projects.models import Department
from projects.services.names import department_rename
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def test_a_change_of_department_reads_with_the_names_of_the_projects_year(kyosai, lifelong):
    project = make_project(form=kyosai, department=lifelong, number=1, name="市民塾")
    youth = Department.objects.create(name="青少年課")
    project.department = youth
    project.save()
    department_rename(department=youth, name="こども青少年課", from_year=2024, user=None)

    record = project.history.order_by("-history_date").first()

    assert field_changes(record) == ["担当課：「生涯学習課」→「青少年課」"]
