"""`/api/projects/`: the published register as JSON, with the public list's filters."""

import datetime
import json

import pytest
from django.core.management import call_command

from api.serializers import ProjectSerializer
from partners.models import Partner
from projects.models import ProjectPartner, Session
from projects.report.export import project_record
from projects.selectors import projects_for_report
from tests.factories import make_project

pytestmark = pytest.mark.django_db

URL = "/api/projects/"


def names(response) -> list[str]:
    return [record["name"] for record in response.json()["results"]]


def test_the_list_is_paginated_with_count_next_and_previous(client, meeting, concert, older):
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert list(data) == ["count", "next", "previous", "results"]
    assert data["count"] == 3 and data["next"] is None and data["previous"] is None
    # In report order: the year, the form's 表示順, No.
    assert names(response) == ["昨年度の市民塾", "まちかどミーティング", "しおさいコンサート"]


def test_pages_link_to_each_other(client, kyosai, kyodo_room):
    for number in range(1, 4):
        make_project(form=kyosai, department=kyodo_room, number=number, name=f"事業{number}")
    data = client.get(URL, {"page_size": 2}).json()
    assert (
        data["count"] == 3 and data["next"] == "http://testserver/api/projects/?page=2&page_size=2"
    )
    second = client.get(data["next"]).json()
    assert [r["name"] for r in second["results"]] == ["事業3"]
    assert second["previous"] == "http://testserver/api/projects/?page_size=2"


def test_each_result_is_the_export_record_with_its_id_and_page(client, meeting):
    result = client.get(URL).json()["results"][0]
    project = projects_for_report(fiscal_year=2023).get(pk=meeting.pk)
    assert result == {
        "id": meeting.pk,
        "url": f"http://testserver/projects/{meeting.pk}/",
        **project_record(project),
    }
    # the name as the report printed it (「82町内会」), the body it stands for beside it
    partner = Partner.objects.get(name="苫小牧市町内会連合会")
    assert result["partners"] == [
        {
            "name": "町内会",
            "role": "",
            "count": 82,
            "partner": {"id": partner.pk, "name": "苫小牧市町内会連合会"},
        }
    ]
    assert result["participants_total"] == 305


def test_the_records_equal_the_json_export(client, meeting, concert, capsys):
    call_command("export_report", fiscal_year=2023, format="json")
    exported = json.loads(capsys.readouterr().out)
    results = client.get(URL, {"year": 2023}).json()["results"]
    assert [{k: v for k, v in r.items() if k not in ("id", "url")} for r in results] == exported


def test_one_project_by_id(client, meeting):
    response = client.get(f"{URL}{meeting.pk}/")
    assert response.status_code == 200
    assert response.json()["name"] == "まちかどミーティング"
    assert client.get(f"{URL}999999/").status_code == 404


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": 2022}, ["昨年度の市民塾"]),
        ({"category": "new"}, ["しおさいコンサート"]),
        ({"q": "演奏会"}, ["しおさいコンサート"]),
        ({"q": "交響楽団"}, ["しおさいコンサート"]),
        ({"year": 2023, "q": "該当なし"}, []),
    ],
)
def test_the_public_lists_filters_apply(client, meeting, concert, older, params, expected):
    assert names(client.get(URL, params)) == expected


def test_form_department_and_partner_filters(client, meeting, concert, older, kouen, lifelong):
    assert names(client.get(URL, {"form": kouen.pk})) == ["しおさいコンサート"]
    assert names(client.get(URL, {"department": lifelong.pk, "year": 2023})) == [
        "しおさいコンサート"
    ]
    orchestra = Partner.objects.get(name="札幌交響楽団")
    assert names(client.get(URL, {"partner": orchestra.pk})) == ["しおさいコンサート"]


def test_a_filter_that_cannot_be_read_is_a_clear_400(client, meeting):
    response = client.get(URL, {"form": "x", "year": "abc"})
    assert response.status_code == 400
    assert set(response.json()) == {"form", "year"}
    # An id that names no published form is no error: it lists nothing (tests/api/test_errors.py).
    assert client.get(URL, {"form": "999999"}).json()["count"] == 0


def test_drafts_are_never_served(client, meeting, kyosai, kyodo_room):
    draft = make_project(
        form=kyosai, department=kyodo_room, number=2, name="下書き", published=False
    )
    assert names(client.get(URL)) == ["まちかどミーティング"]
    assert client.get(f"{URL}{draft.pk}/").status_code == 404


def test_it_is_read_only_and_needs_no_login(client, meeting):
    assert client.get(URL).status_code == 200  # an anonymous client
    assert client.post(URL, {"name": "x"}).status_code == 405
    assert client.delete(f"{URL}{meeting.pk}/").status_code == 405
    assert (
        client.put(f"{URL}{meeting.pk}/", "{}", content_type="application/json").status_code == 405
    )


def test_the_schema_documents_the_fields_of_the_record(meeting, rf):
    record = project_record(projects_for_report(fiscal_year=2023).get(pk=meeting.pk))
    declared = set(ProjectSerializer().fields)
    assert declared == {"id", "url", *record}
    partner_fields = set(ProjectSerializer().fields["partners"].child.fields)
    session_fields = set(ProjectSerializer().fields["sessions"].child.fields)
    assert partner_fields == set(record["partners"][0])
    assert session_fields == set(record["sessions"][0])


@pytest.mark.parametrize("count", [1, 200])
def test_a_page_costs_the_same_queries_for_one_and_two_hundred_projects(
    client, kyosai, kyodo_room, django_assert_num_queries, count
):
    partner = Partner.objects.create(name="協賛団体")
    for number in range(1, count + 1):
        project = make_project(
            form=kyosai, department=kyodo_room, number=number, name=f"事業{number}"
        )
        ProjectPartner.objects.create(project=project, partner=partner)
        Session.objects.create(project=project, start=datetime.date(2023, 6, 1), participants=1)
    # The department checked by the filter, the count, the page, its partners, its sessions.
    with django_assert_num_queries(5):
        response = client.get(URL, {"department": kyodo_room.pk, "page_size": 200})
    assert len(response.json()["results"]) == count
