"""The project list: Japanese columns, 和暦, filters, search, a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from partners.models import Partner, PartnerAlias
from projects.models import Category, Department, Form, Project, ProjectPartner, Session

pytestmark = pytest.mark.django_db

LIST = "/admin/projects/project/"


def _many_projects(count: int) -> None:
    forms = list(Form.objects.all())
    departments = [Department.objects.get_or_create(name=f"課{i}")[0] for i in range(5)]
    partner, _ = Partner.objects.get_or_create(name="苫小牧商工会議所")
    categories = list(Category.values)
    projects = Project.objects.bulk_create(
        Project(
            fiscal_year=2022 + i % 2,
            form=forms[i % len(forms)],
            number=i + 1,
            name=f"協働事業{i + 1}",
            department=departments[i % 5],
            category=categories[i % len(categories)],
        )
        for i in range(count)
    )
    Session.objects.bulk_create(
        Session(
            project=p,
            order=k,
            start=datetime.date(p.fiscal_year, 6, 1 + k),
            participants=10 * (k + 1),
        )
        for p in projects
        for k in range(3)
    )
    ProjectPartner.objects.bulk_create(ProjectPartner(project=p, partner=partner) for p in projects)


def _queries_for_list(client, url=LIST) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), response


@pytest.mark.parametrize("who", ["clerk", "coordinator"])
@pytest.mark.parametrize("url", [LIST, LIST + "?q=協働事業", LIST + "?session_from=2022-05-01"])
def test_the_list_runs_the_same_number_of_queries_for_1_and_200_projects(
    client, request, django_assert_num_queries, url, who
):
    client.force_login(request.getfixturevalue(who))
    _many_projects(1)
    one, _ = _queries_for_list(client, url)
    Project.objects.all().delete()
    _many_projects(200)
    with django_assert_num_queries(one):
        response = client.get(url + ("&" if "?" in url else "?") + "all=")
    assert response.status_code == 200
    assert response.context["cl"].result_count == 200
    # The plain list (one page of 50), too.
    with django_assert_num_queries(one):
        client.get(url)


def test_the_list_shows_the_year_in_wareki_the_first_date_and_the_total(client, clerk, own_project):
    client.force_login(clerk)
    response = client.get(LIST)
    row = response.context["cl"].result_list[0]
    assert row.participants_total == 330
    assert "令和5年度" in response.text
    assert "令和5年8月22日" in response.text
    assert "約330人" in response.text


def test_the_list_is_sorted_by_year_form_and_number(client, coordinator, kyodo_room, kosai_forms):
    client.force_login(coordinator)
    kyosai, kouen = kosai_forms
    for year, form, number in [
        (2023, kouen, 1),
        (2022, kyosai, 2),
        (2023, kyosai, 2),
        (2023, kyosai, 1),
    ]:
        Project.objects.create(
            fiscal_year=year,
            form=form,
            number=number,
            name=f"{year}{form}{number}",
            department=kyodo_room,
            category=Category.ANNUAL,
        )
    names = [p.name for p in client.get(LIST).context["cl"].result_list]
    assert names == ["2022共催2", "2023共催1", "2023共催2", "2023後援1"]


@pytest.fixture
def kosai_forms(kyosai, kouen):
    return kyosai, kouen


def test_it_filters_by_category(client, clerk, own_project, others_project):
    client.force_login(clerk)
    response = client.get(LIST + "?category__exact=new")
    assert [p.pk for p in response.context["cl"].result_list] == [others_project.pk]
    assert "単年度(新規)実施" in response.text


def test_it_filters_by_fiscal_year_shown_in_wareki(client, clerk, own_project, kyodo_room, kyosai):
    Project.objects.create(
        fiscal_year=2019,
        form=kyosai,
        number=1,
        name="令和元年度の事業",
        department=kyodo_room,
        category=Category.ANNUAL,
    )
    client.force_login(clerk)
    response = client.get(LIST)
    assert "令和元年度" in response.text
    response = client.get(LIST + "?fiscal_year=2019")
    assert [p.name for p in response.context["cl"].result_list] == ["令和元年度の事業"]


def test_it_filters_by_department_and_form(client, clerk, own_project, others_project, lifelong):
    client.force_login(clerk)
    response = client.get(LIST + f"?department__id__exact={lifelong.pk}")
    assert [p.pk for p in response.context["cl"].result_list] == [others_project.pk]
    response = client.get(LIST + f"?form__id__exact={own_project.form_id}")
    assert response.context["cl"].result_count == 2


def test_it_filters_by_a_range_of_session_dates(client, clerk, own_project, others_project):
    client.force_login(clerk)
    response = client.get(LIST + "?session_from=2023-08-01&session_to=2023-08-31")
    assert [p.pk for p in response.context["cl"].result_list] == [own_project.pk]
    # The total is still the whole project's, not only the sessions in the range.
    assert response.context["cl"].result_list[0].participants_total == 330
    response = client.get(LIST + "?session_to=2023-06-01")
    assert [p.pk for p in response.context["cl"].result_list] == [others_project.pk]
    # A date that cannot be read is ignored rather than an error page.
    assert client.get(LIST + "?session_from=2023-99-99").status_code == 200


@pytest.mark.parametrize("term", ["ミーティング", "対話", "スポーツ協会", "(公財)苫小牧市"])
def test_it_searches_names_purpose_and_partner_names_and_aliases(
    client, clerk, own_project, others_project, term
):
    client.force_login(clerk)
    response = client.get(LIST, {"q": term})
    assert [p.pk for p in response.context["cl"].result_list] == [own_project.pk]


def test_a_search_through_several_aliases_lists_a_project_once(
    client, clerk, own_project, sports_association
):
    PartnerAlias.objects.create(partner=sports_association, name="(公財) 苫小牧市スポーツ協会")
    client.force_login(clerk)
    response = client.get(LIST, {"q": "苫小牧市"})
    assert [p.pk for p in response.context["cl"].result_list] == [own_project.pk]
