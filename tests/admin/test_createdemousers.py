"""`manage.py createdemousers`: two demo accounts, idempotent, never by accident in production."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from projects.models import Department
from projects.permissions import is_coordinator

pytestmark = pytest.mark.django_db


def _login_request():
    # Logins go through django-axes, which needs the request (to count failures per address).
    return RequestFactory().post("/admin/login/")


def _run(*args) -> str:
    out = StringIO()
    call_command("createdemousers", *args, stdout=out)
    return out.getvalue()


def test_it_creates_a_coordinator_and_a_clerk_with_a_printed_password(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)
    output = _run()
    password = output.split("パスワード:")[1].split()[0]
    assert "/admin/" in output
    coordinator = authenticate(_login_request(), username="demo-coordinator", password=password)
    clerk = authenticate(_login_request(), username="demo-clerk", password=password)
    assert coordinator is not None and clerk is not None
    assert is_coordinator(coordinator) and coordinator.is_staff
    assert not is_coordinator(clerk)
    # The clerk's department is not the coordinator's own office: "another department" shows.
    assert list(clerk.departments.values_list("name", flat=True)) == ["生涯学習課"]
    assert list(coordinator.departments.values_list("name", flat=True)) == ["協働・男女平等参画室"]


def test_it_is_idempotent_and_takes_the_password_from_the_environment(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("DEMO_PASSWORD", "demo-password-123")
    _run()
    output = _run()
    assert "demo-password-123" in output
    User = get_user_model()
    assert User.objects.filter(username__startswith="demo-").count() == 2
    assert Department.objects.filter(name="協働・男女平等参画室").count() == 1
    assert (
        authenticate(_login_request(), username="demo-clerk", password="demo-password-123")
        is not None
    )
    assert User.objects.get(username="demo-clerk").groups.count() == 1


def test_it_refuses_to_run_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        _run()
    assert not get_user_model().objects.filter(username__startswith="demo-").exists()


def test_it_runs_with_force_when_debug_is_off(settings):
    settings.DEBUG = False
    assert "demo-coordinator" in _run("--force")


def test_the_admin_address_takes_the_port_from_port(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("PORT", "8123")
    assert "http://127.0.0.1:8123/admin/" in _run()


def test_a_demo_clerk_of_the_coordinators_office_moves_to_another_department(settings):
    settings.DEBUG = True
    _run()
    clerk = get_user_model().objects.get(username="demo-clerk")
    clerk.departments.set([Department.objects.get(name="協働・男女平等参画室")])
    _run()
    assert list(clerk.departments.values_list("name", flat=True)) == ["生涯学習課"]
