"""`make run` loads the seed, the demo accounts and the demo survey; after a rename of the demo
clerk's department and of the seed's form, the same steps run again and change nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from projects.models import Department, Form, Project
from projects.services.names import department_rename, form_rename

pytestmark = pytest.mark.django_db


def _make_run_steps(settings) -> str:
    settings.DEBUG = True
    out = StringIO()
    for command in ("loadseed", "createdemousers", "createdemosurvey"):
        call_command(command, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_make_runs_steps_run_again_after_renames(settings, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-12345")
    _make_run_steps(settings)
    room = Department.objects.get(name="生涯学習課")
    department_rename(department=room, name="生涯学習推進課", from_year=2024, user=None)
    form_rename(form=Form.objects.get(name="共催"), name="共催事業", from_year=2024, user=None)
    counts = (Department.objects.count(), Form.objects.count(), Project.objects.count())

    out = _make_run_steps(settings)

    assert "新規 0件、更新 0件、変更なし 23件" in out
    assert "担当課職員:   demo-clerk（生涯学習推進課）" in out
    assert (Department.objects.count(), Form.objects.count(), Project.objects.count()) == counts
