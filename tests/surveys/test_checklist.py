"""The checklist: what an answer still lacks, computed from the records."""

import datetime

import pytest

from projects.models import Category, ProjectPartner, Session
from surveys.checklist import (
    NO_EFFECT,
    NO_PARTICIPANTS,
    NO_PARTNER,
    NO_SESSION,
    NO_SINCE_YEAR,
    OUTSIDE_YEAR,
    project_points,
)
from surveys.selectors import previous_since_years
from tests.factories import make_project

pytestmark = pytest.mark.django_db


def codes(project, **kwargs):
    return [p.code for p in project_points(project, **kwargs)]


@pytest.fixture
def draft(kyosai, room):
    return make_project(form=kyosai, department=room, number=1, name="講座", fiscal_year=2024)


def test_a_fresh_draft_lacks_sessions_partners_and_effect(draft):
    assert codes(draft) == [NO_SESSION, NO_PARTNER, NO_EFFECT]


def test_a_complete_project_has_no_point(draft, partner):
    Session.objects.create(project=draft, start=datetime.date(2024, 6, 1), participants=10)
    ProjectPartner.objects.create(project=draft, partner=partner)
    draft.effect = "好評"
    assert codes(draft) == []


def test_a_session_outside_the_fiscal_year_is_named_in_wareki(draft):
    Session.objects.create(project=draft, start=datetime.date(2025, 4, 2), participants=3)
    points = project_points(draft)
    outside = next(p for p in points if p.code == OUTSIDE_YEAR)
    assert "令和7年4月2日" in outside.text and "令和6年度" in outside.text
    assert outside.key == f"{draft.pk}:{OUTSIDE_YEAR}"


def test_participants_are_missing_per_group_of_dates_that_share_a_count(draft):
    # Two dates sharing one count (group 1) are counted; a date of its own without one is not.
    Session.objects.create(project=draft, order=1, group=1, start=datetime.date(2024, 6, 24))
    Session.objects.create(
        project=draft, order=2, group=1, start=datetime.date(2025, 1, 21), participants=46
    )
    Session.objects.create(project=draft, order=3, start=datetime.date(2024, 9, 1))
    point = next(p for p in project_points(draft) if p.code == NO_PARTICIPANTS)
    assert "令和6年9月1日" in point.text
    assert "6月24日" not in point.text


def test_a_reported_total_counts_as_participants_given(draft):
    Session.objects.create(project=draft, start=datetime.date(2024, 6, 1))
    draft.reported_participants_total = 165
    assert NO_PARTICIPANTS not in codes(draft)


def test_an_annual_project_without_its_start_year_where_last_years_had_one(kyosai, room, draft):
    make_project(form=kyosai, department=room, number=1, name="講座", since_year=1987)
    since = previous_since_years([draft])
    assert since == {draft.pk: 1987}
    point = next(
        p
        for p in project_points(draft, previous_since_year=since[draft.pk])
        if p.code == NO_SINCE_YEAR
    )
    assert "昭和62年" in point.text


def test_last_years_project_is_found_with_its_year_moved_on(kyosai, room):
    make_project(form=kyosai, department=room, number=4, name="令和5年度 市民塾", since_year=2001)
    this = make_project(
        form=kyosai, department=room, number=4, name="令和6年度 市民塾", fiscal_year=2024
    )
    assert previous_since_years([this]) == {this.pk: 2001}


def test_no_start_year_is_asked_when_last_year_had_none_or_the_project_is_new(kyosai, room):
    make_project(form=kyosai, department=room, number=1, name="講座")
    annual = make_project(form=kyosai, department=room, number=1, name="講座", fiscal_year=2024)
    new = make_project(
        form=kyosai,
        department=room,
        number=2,
        name="新規",
        fiscal_year=2024,
        category=Category.NEW,
    )
    assert previous_since_years([annual, new]) == {}
