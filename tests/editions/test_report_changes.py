"""report_changes: every cell that differs between the latest edition and the register now."""

import json

import pytest
from django.core.management import CommandError

from projects.models import Session
from projects.report.changes import edition_changes
from tests.editions.helpers import run
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def changes_json() -> list:
    return json.loads(run("report_changes", "--fiscal-year", "2023", "--format", "json"))


def test_right_after_publishing_nothing_has_changed(year_2023):
    run("publish_report", "--fiscal-year", "2023")
    assert changes_json() == []
    assert "以降の変更：0件" in run("report_changes", "--fiscal-year", "2023")


def test_an_edit_after_publishing_names_the_changed_cell_exactly(year_2023):
    run("publish_report", "--fiscal-year", "2023")
    Session.objects.filter(project=year_2023[1]).update(participants=60)

    assert changes_json() == [
        {
            "no": 2,
            "form": "共催",
            "column": "実施年月日、参加人数",
            "published": "令和5年9月14日 (58人)",
            "now": "令和5年9月14日 (60人)",
        }
    ]
    text = run("report_changes", "--fiscal-year", "2023")
    assert "以降の変更：1件" in text
    assert "共催 No.2「実施年月日、参加人数」" in text
    assert "公表版：令和5年9月14日 (58人)" in text


def test_changes_are_counted_against_the_latest_edition(year_2023):
    run("publish_report", "--fiscal-year", "2023")
    year_2023[0].effect = "好評だった"
    year_2023[0].save()
    run("publish_report", "--fiscal-year", "2023")
    assert changes_json() == []
    assert edition_changes(2023).edition.number == 2


def test_a_project_added_since_shows_each_of_its_cells_with_nothing_published(
    year_2023, kyosai, kyodo_room
):
    run("publish_report", "--fiscal-year", "2023")
    make_project(form=kyosai, department=kyodo_room, number=3, name="新しい事業")

    changes = changes_json()

    assert {c["no"] for c in changes} == {3}
    assert all(c["published"] == "" for c in changes)
    by_column = {c["column"]: c["now"] for c in changes}
    assert by_column["No."] == "3"
    assert by_column["協働事業の名称 (担当課)"] == "新しい事業 (協働・男女平等参画室)"


def test_a_project_removed_since_shows_each_of_its_cells_with_nothing_now(year_2023):
    run("publish_report", "--fiscal-year", "2023")
    year_2023[1].delete()

    changes = changes_json()

    assert changes and all(c["now"] == "" and c["no"] == 2 for c in changes)
    assert {"column": "年度", "published": "令和5年度"}.items() <= changes[0].items()


def test_a_year_without_an_edition_is_said_so(year_2023):
    with pytest.raises(CommandError, match="公表版はまだありません"):
        run("report_changes", "--fiscal-year", "2023")
