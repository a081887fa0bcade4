"""Only the coordinating office decides what citizens see (Project.published)."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from projects.models import Project
from tests.admin.helpers import change_url, form_data

pytestmark = pytest.mark.django_db
LIST = reverse("admin:projects_project_changelist")


def _act(client, action, *projects):
    return client.post(
        LIST,
        {"action": action, ACTION_CHECKBOX_NAME: [p.pk for p in projects]},
        follow=True,
    )


def test_the_coordinator_withdraws_and_publishes_projects_with_history(
    client, coordinator, own_project, others_project
):
    client.force_login(coordinator)
    response = _act(client, "withdraw", own_project, others_project)

    assert "2件の協働事業を非公開にしました" in response.text
    assert not Project.objects.filter(published=True).exists()
    latest = own_project.history.latest()
    assert (latest.published, latest.history_user, latest.history_change_reason) == (
        False,
        coordinator,
        "非公開",
    )

    _act(client, "publish", own_project)
    own_project.refresh_from_db()
    assert own_project.published is True
    assert own_project.version == 3  # each change moves the version on


def test_publishing_an_already_public_project_changes_nothing(client, coordinator, own_project):
    client.force_login(coordinator)
    history = own_project.history.count()

    response = _act(client, "publish", own_project)

    assert "0件の協働事業を公開しました" in response.text
    assert own_project.history.count() == history


def test_a_clerk_has_no_publishing_action(client, clerk, own_project):
    client.force_login(clerk)
    actions = client.get(LIST).context["action_form"].fields["action"].choices

    assert "withdraw" not in dict(actions) and "publish" not in dict(actions)
    _act(client, "withdraw", own_project)
    own_project.refresh_from_db()
    assert own_project.published is True


def test_a_clerk_cannot_withdraw_a_project_through_the_change_form(client, clerk, own_project):
    client.force_login(clerk)
    data = form_data(client.get(change_url(own_project)))
    data.pop("published", None)  # an unticked checkbox is simply absent from the POST
    data["name"] = "まちかどミーティング（改）"

    response = client.post(change_url(own_project), data)

    assert response.status_code == 302
    own_project.refresh_from_db()
    assert own_project.name == "まちかどミーティング（改）"
    assert own_project.published is True


def test_the_coordinator_can_withdraw_through_the_change_form(client, coordinator, own_project):
    client.force_login(coordinator)
    data = form_data(client.get(change_url(own_project)))
    data.pop("published")

    client.post(change_url(own_project), data)

    own_project.refresh_from_db()
    assert own_project.published is False
