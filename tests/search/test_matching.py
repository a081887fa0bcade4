"""The one keyword search (Project.objects.matching) the admin, the public list and the API use."""

import datetime

import pytest

from partners.models import Partner, PartnerAlias
from projects.models import Project, ProjectPartner, Session
from tests.factories import make_project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["ids", "row by row"])
def way(request, monkeypatch):
    """Every test twice: a word that finds few projects is searched as a list of ids, a common
    one row by row (projects.querysets.SEARCH_PROBE); both must find the same projects."""
    if request.param == "row by row":
        monkeypatch.setattr("projects.querysets.SEARCH_PROBE", 0)
    return request.param


@pytest.fixture
def register(kyosai, lifelong):
    sports = Partner.objects.create(name="公益財団法人苫小牧市スポーツ協会")
    PartnerAlias.objects.create(partner=sports, name="(公財) 苫小牧市スポーツ協会")
    shop = Partner.objects.create(name="株式会社テスト商会")
    projects = {
        "marathon": make_project(form=kyosai, department=lifelong, number=1, name="マラソン大会"),
        "lecture": make_project(
            form=kyosai, department=lifelong, number=2, name="市民講座", purpose="子育ての学び"
        ),
        "fair": make_project(
            form=kyosai, department=lifelong, number=3, name="物産展", effect="港の魅力が伝わった"
        ),
        "plain": make_project(form=kyosai, department=lifelong, number=4, name="清掃活動"),
    }
    ProjectPartner.objects.create(project=projects["marathon"], partner=sports, order=0)
    ProjectPartner.objects.create(project=projects["marathon"], partner=shop, order=1)
    ProjectPartner.objects.create(
        project=projects["fair"], partner=shop, order=0, written_as="テスト商会（物産部）"
    )
    for project in projects.values():
        Session.objects.create(project=project, start=datetime.date(2023, 6, 1), participants=10)
    return projects


def _names(text):
    return sorted(Project.objects.matching(text).values_list("name", flat=True))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("マラソン", ["マラソン大会"]),  # the name
        ("子育て", ["市民講座"]),  # the purpose
        ("港の魅力", ["物産展"]),  # the effect
        ("スポーツ協会", ["マラソン大会"]),  # a partner's name
        ("(公財)", ["マラソン大会"]),  # another spelling of a partner
        ("物産部", ["物産展"]),  # the report's wording of a partner
        ("テスト商会", ["マラソン大会", "物産展"]),
        ("テスト商会 マラソン", ["マラソン大会"]),  # every word must match
        ("存在しない言葉", []),
    ],
)
def test_a_word_is_found_in_every_text_of_a_project(register, text, expected):
    assert _names(text) == expected


def test_a_project_matched_by_two_partners_is_listed_once_with_its_own_total(register):
    found = Project.objects.matching("株式会社 協会").with_participants()

    assert [(p.name, p.participants_total) for p in found] == [("マラソン大会", 10)]


def test_an_empty_search_keeps_every_project(register):
    assert Project.objects.matching("  ").count() == 4
