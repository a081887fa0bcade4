"""The public list's filters name and count published records only: a draft's 担当課, 協働の形態
or 関係団体 reads exactly as an id that does not exist (the tester counted up ?partner=)."""

import re

import pytest

from projects.filters import PublicProjectFilter
from projects.models import Project

pytestmark = pytest.mark.django_db


def _page(response, asked: int) -> str:
    """The page with the asked id (echoed back in the form and the links) taken out."""
    text = response.content.decode()
    return re.sub(rf"(?<=[=\"]){asked}(?![0-9])", "<id>", text)


def test_a_draft_only_partner_is_not_named_and_reads_as_an_unknown_one(client, meeting, draft_only):
    partner = draft_only.partners.get()
    hidden = client.get("/", {"partner": partner.pk})
    missing = client.get("/", {"partner": 10**9})
    assert hidden.status_code == missing.status_code == 200
    assert "下書きだけの団体" not in hidden.content.decode()
    assert "narrowed" not in hidden.content.decode()
    assert _page(hidden, partner.pk) == _page(missing, 10**9)


def test_a_published_partner_is_still_named(client, meeting, draft_only):
    partner = meeting.partners.get()
    page = client.get("/", {"partner": partner.pk}).content.decode()
    assert "苫小牧市町内会連合会" in page and "narrowed" in page


def test_the_choices_offer_no_draft_only_department_or_form(client, meeting, draft_only):
    page = client.get("/").content.decode()
    assert "下書きだけの課" not in page and "下書きだけの形態" not in page
    # And with no year at all (the API's FilterSet, the same querysets).
    filterset = PublicProjectFilter({}, queryset=Project.objects.published())
    departments = list(filterset.form.fields["department"].queryset)
    forms = list(filterset.form.fields["form"].queryset)
    partners = list(filterset.form.fields["partner"].queryset)
    assert departments == [meeting.department]
    assert forms == [meeting.form]
    assert [p.name for p in partners] == ["苫小牧市町内会連合会"]


def test_a_draft_only_department_in_the_query_reads_as_an_unknown_one(client, meeting, draft_only):
    hidden = client.get("/", {"department": draft_only.department_id, "year": 2023})
    missing = client.get("/", {"department": 10**9, "year": 2023})
    assert _page(hidden, draft_only.department_id) == _page(missing, 10**9)
    assert "条件に合う協働事業はありません" in hidden.content.decode()
