"""A malformed id in any admin URL is answered, never a 500 (the tester's answers/abc)."""

import pytest
from django.contrib import admin
from django.urls import reverse

from surveys.models import Answer
from tests.factories import make_user

pytestmark = pytest.mark.django_db

MALFORMED = ["abc", "1.5", "-", "99999999999999999999999", "%E3%81%82"]


@pytest.fixture
def superuser(db):
    return make_user(username="root", is_superuser=True)


def _admin_urls():
    for model in admin.site._registry:
        meta = model._meta
        yield f"/admin/{meta.app_label}/{meta.model_name}/"


@pytest.mark.parametrize("bad", MALFORMED)
def test_no_object_page_of_any_admin_fails_on_a_malformed_id(client, superuser, bad):
    client.force_login(superuser)
    failures = []
    for base in _admin_urls():
        for tail in ("change/", "history/", "delete/", "history/abc/", "history/1/"):
            url = f"{base}{bad}/{tail}"
            status = client.get(url).status_code
            # Django's own admin answers an object it cannot find with a redirect to the
            # index and a message; kyodo's own pages with a 404.
            if status not in (302, 403, 404):
                failures.append((url, status))
    assert failures == []


@pytest.mark.parametrize("bad", ["abc", "1.5", "99999999999999999999999"])
def test_an_answers_page_with_a_malformed_id_is_a_404(client, coordinator, bad):
    client.force_login(coordinator)
    assert client.get(f"/admin/surveys/answer/{bad}/change/").status_code == 404
    assert client.get(f"/admin/surveys/answer/{bad}/history/").status_code == 404


def test_an_unknown_answer_is_a_404_and_a_known_one_opens(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/admin/surveys/answer/999999/change/").status_code == 404
    assert not Answer.objects.exists()
    assert client.get(reverse("admin:surveys_answer_changelist")).status_code == 200
