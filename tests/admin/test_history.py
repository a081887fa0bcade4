"""Stored values as a clerk reads them and the change history's lines (projects/history.py)."""

import datetime
import re

import pytest
from django.utils import timezone

from projects.history import (
    CONFLICT_FOOTER,
    CONFLICT_HEADER,
    changes_since,
    display_value,
    field_changes,
    fiscal_year_text,
    related_history,
    typed_date,
    wareki_or_blank,
)
from projects.models import Category, Project, Session
from tests.factories import add_partner, make_project, make_session, make_user

# --- values ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2023-08-22", datetime.date(2023, 8, 22)),
        ("2023/8/22", datetime.date(2023, 8, 22)),
        (" 2023-08-22 ", datetime.date(2023, 8, 22)),
    ],
)
def test_a_typed_date_is_read_with_dashes_or_slashes(text, date):
    assert typed_date(text) == date


@pytest.mark.parametrize("text", ["", None, "令和5年8月22日", "2023-13-01", "2023-02-30"])
def test_a_typed_date_that_cannot_be_read_is_none_not_an_error(text):
    assert typed_date(text) is None


def test_a_date_or_a_typed_one_is_shown_in_wareki():
    assert wareki_or_blank(datetime.date(2023, 8, 22)) == "令和5年8月22日"
    assert wareki_or_blank("2019/5/1") == "令和元年5月1日"


@pytest.mark.parametrize("value", [None, "", "いつか", 2023])
def test_what_is_not_a_date_is_shown_blank(value):
    assert wareki_or_blank(value) == ""


def test_a_date_before_the_eras_is_shown_in_western_form():
    assert wareki_or_blank(datetime.date(1850, 1, 1)) == "1850年1月1日"


@pytest.mark.parametrize(
    ("year", "text"), [(2023, "令和5年度"), (2019, "令和元年度"), (1860, "1860年度"), (None, "-")]
)
def test_a_fiscal_year_is_named_in_wareki_or_else_by_its_western_year(year, text):
    assert fiscal_year_text(year) == text


def _field(model, name):
    return model._meta.get_field(name)


def test_a_choice_is_shown_by_its_label_and_an_unknown_one_as_stored():
    category = _field(Project, "category")

    assert display_value(category, Category.NEW) == "単年度(新規)実施"
    assert display_value(category, "retired") == "retired"


def test_a_flag_is_shown_as_hai_or_iie_and_a_date_in_wareki():
    assert display_value(_field(Project, "published"), True) == "はい"
    assert display_value(_field(Project, "published"), False) == "いいえ"
    assert display_value(_field(Session, "start"), datetime.date(2023, 8, 22)) == "令和5年8月22日"


def test_a_date_before_the_eras_is_shown_in_western_form_and_a_number_as_stored():
    before = datetime.date(1850, 1, 1)

    assert display_value(_field(Session, "start"), before) == "1850年1月1日"
    assert display_value(_field(Project, "fiscal_year"), 2023) == 2023


# --- history --------------------------------------------------------------------------------


def _saved_by(instance, user, **changes):
    for name, value in changes.items():
        setattr(instance, name, value)
    instance._history_user = user  # what simple-history's middleware sets in a request
    instance.save()
    return instance


@pytest.fixture
def tanaka(db):
    return make_user(username="tanaka", last_name="田中")


def test_a_change_is_told_field_by_field_in_the_words_of_the_form(tanaka):
    project = make_project(name="市民講座", purpose="学びの場。")
    _saved_by(project, tanaka, name="市民講座2023", category=Category.NEW, published=False)

    assert sorted(field_changes(project.history.first())) == sorted(
        [
            "協働事業の名称：「市民講座」→「市民講座2023」",
            "実施区分：「例年実施」→「単年度(新規)実施」",
            "公開：「はい」→「いいえ」",
        ]
    )


def test_a_blank_is_named_a_long_text_cut_and_a_date_shown_in_wareki(tanaka):
    project = make_project(purpose="")
    _saved_by(project, tanaka, purpose="あ" * 50)
    session = make_session(project=project, start=datetime.date(2023, 8, 22))
    _saved_by(session, tanaka, start=datetime.date(2023, 9, 1))

    assert field_changes(project.history.first()) == [
        f"協働事業の目的、内容等：「（空欄）」→「{'あ' * 39}…」"
    ]
    assert field_changes(session.history.first()) == [
        "開始日：「令和5年8月22日」→「令和5年9月1日」"
    ]


def test_the_first_record_of_a_project_has_no_changes_to_tell(db):
    project = make_project()

    assert field_changes(project.history.get()) == []


def test_the_related_history_tells_sessions_and_partners_newest_first(tanaka):
    project = make_project()
    session = make_session(project=project, start=datetime.date(2023, 8, 22), participants=30)
    _saved_by(session, tanaka, participants=40)
    add_partner(project=project, name="苫小牧市町内会連合会", written_as="町内会")

    entries = related_history(project.pk)

    assert [(e["what"], e["action"], e["user"]) for e in entries] == [
        ("関係団体 町内会", "追加", ""),
        ("実施 令和5年8月22日", "変更", "田中"),
        ("実施 令和5年8月22日", "追加", ""),
    ]
    assert entries[1]["changes"] == ["参加人数：「30」→「40」"]
    assert entries[0]["changes"] == entries[2]["changes"] == []  # an addition lists none
    assert [e["what"] for e in related_history(project.pk, limit=1)] == ["関係団体 町内会"]


def test_the_related_history_of_another_project_or_of_no_number_is_empty(db):
    project = make_project()
    make_session(project=project, start=datetime.date(2023, 8, 22))
    other = make_project(name="別の事業")

    assert related_history(other.pk) == []
    assert related_history("abc") == related_history(None) == []


def test_what_others_saved_since_the_form_was_opened_is_told_line_by_line(tanaka):
    project = make_project(name="市民講座")
    session = make_session(project=project, start=datetime.date(2023, 8, 22), participants=30)
    opened = timezone.now()
    _saved_by(Project.objects.get(pk=project.pk), tanaka, name="市民講座2023")
    _saved_by(session, tanaka, participants=40)
    add_partner(project=project, name="苫小牧市町内会連合会", written_as="町内会")

    lines = changes_since(project.pk, opened)

    assert lines[0] == CONFLICT_HEADER and lines[-1] == CONFLICT_FOOTER
    assert re.fullmatch(r"令和\d+年\d+月\d+日 \d\d:\d\d 田中さんが変更：", lines[1]), lines[1]
    assert lines[2] == "・協働事業の名称：「市民講座」→「市民講座2023」"
    assert lines[3].startswith(
        "・実施「令和5年8月22日」を変更（参加人数：「30」→「40」）（田中さん、"
    )
    assert lines[4].startswith("・関係団体「町内会」を追加（（不明な利用者）さん、")
    assert len(lines) == 6  # the session made before the form was opened is not told


def test_without_the_forms_time_only_the_latest_save_is_told(tanaka):
    project = make_project(name="市民講座")
    _saved_by(project, tanaka, name="市民講座2023")
    _saved_by(project, tanaka, effect="好評。")

    lines = changes_since(project.pk, None)

    assert lines[2:-1] == ["・取組の効果、市民からの反響等：「（空欄）」→「好評。」"]


def test_nothing_saved_since_is_said_so_rather_than_left_blank(db):
    project = make_project()

    lines = changes_since(project.pk, timezone.now())

    assert lines == [CONFLICT_HEADER, "・（変更内容の記録が見つかりません）", CONFLICT_FOOTER]
