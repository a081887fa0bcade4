"""`/api/schema/`: the OpenAPI document of the API, served without login."""

import pytest
import yaml

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


def test_it_describes_the_list_and_the_detail(schema):
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {"/api/projects/", "/api/projects/{id}/"}
    assert set(schema["paths"]["/api/projects/"]) == {"get"}


def test_the_query_parameters_are_the_public_lists(schema):
    parameters = {p["name"]: p for p in schema["paths"]["/api/projects/"]["get"]["parameters"]}
    assert {"year", "form", "category", "department", "partner", "q", "page", "page_size"} <= set(
        parameters
    )
    assert parameters["year"]["schema"]["type"] == "integer"
    assert parameters["partner"]["schema"]["type"] == "integer"
    assert set(parameters["category"]["schema"]["enum"]) == {"annual", "new", "biennial", "other"}


def test_the_result_is_described_field_by_field(schema):
    project = schema["components"]["schemas"]["Project"]
    assert {"id", "url", "fiscal_year", "no", "form", "name", "partners", "sessions"} <= set(
        project["properties"]
    )
    page = schema["components"]["schemas"]["PaginatedProjectList"]
    assert {"count", "next", "previous", "results"} <= set(page["properties"])


def test_a_partner_is_described_as_printed_with_its_identity_beside_it(schema):
    partner = schema["components"]["schemas"]["Partner"]
    assert set(partner["properties"]) == {"name", "role", "count", "partner"}
    assert "報告書に載った表記" in partner["properties"]["name"]["description"]
    identity = schema["components"]["schemas"]["PartnerIdentity"]
    assert set(identity["properties"]) == {"id", "name"}
    assert "現在の正式名称" in identity["properties"]["name"]["description"]


def test_every_status_the_api_answers_is_documented_with_its_body(schema):
    list_responses = schema["paths"]["/api/projects/"]["get"]["responses"]
    detail_responses = schema["paths"]["/api/projects/{id}/"]["get"]["responses"]
    assert set(list_responses) == {"200", "400", "404", "414", "503"}
    assert set(detail_responses) == {"200", "404", "414", "503"}
    invalid = list_responses["400"]["content"]["application/json"]["schema"]
    assert invalid["additionalProperties"] == {"type": "array", "items": {"type": "string"}}
    error = detail_responses["404"]["content"]["application/json"]["schema"]["$ref"]
    assert schema["components"]["schemas"][error.rsplit("/", 1)[1]]["required"] == ["detail"]


def test_unknown_counts_are_documented_as_null(schema):
    project = schema["components"]["schemas"]["Project"]["properties"]
    assert project["participants_total"]["nullable"] is True
    assert project["since_year"]["nullable"] is True
