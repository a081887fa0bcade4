"""`manage.py link_series`: the existing register linked year to year, idempotently."""

from io import StringIO

import pytest
from django.core.management import call_command

from projects.models import Project

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("link_series", *args, stdout=out)
    return out.getvalue()


def test_it_links_and_says_what(juku):
    output = run()
    assert "令和5年度 令和5年度 市民塾 ← 令和4年度 令和4年度 市民塾" in output
    assert "1件を前年度の協働事業と関連付けました。" in output
    assert Project.objects.get(pk=juku[2023].pk).previous_id == juku[2022].pk


def test_a_second_run_links_nothing(juku):
    run()
    assert "0件を" in run()


def test_a_dry_run_saves_nothing(juku):
    assert "1件を前年度の協働事業と関連付けられます。" in run("--dry-run")
    assert not Project.objects.filter(previous__isnull=False).exists()


def test_it_can_be_limited_to_one_year(juku):
    assert "0件を" in run("--fiscal-year", "2022")
    assert "1件を" in run("--fiscal-year", "2023")
