"""関係団体: the admin's search and listing, and merging duplicates without losing anything."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.urls import reverse

from partners.models import Partner, PartnerAlias
from projects.models import ProjectPartner
from projects.services.partners import MERGE_REASON, partner_merge

pytestmark = pytest.mark.django_db

LIST = reverse("admin:partners_partner_changelist")


@pytest.fixture
def duplicates(own_project, others_project, sports_association):
    """The same body entered twice: 「(公財)スポーツ協会」 as its own partner."""
    duplicate = Partner.objects.create(name="苫小牧市スポーツ協会", note="旧表記で登録")
    PartnerAlias.objects.create(partner=duplicate, name="スポーツ協会")
    # a link to a project the target is not in: moves as it is
    ProjectPartner.objects.create(
        project=others_project, partner=duplicate, written_as="(公財) 苫小牧市スポーツ協会"
    )
    # a link colliding with the target's link (same project, same role): combined
    ProjectPartner.objects.create(
        project=own_project, partner=duplicate, count=3, written_as="スポーツ協会ほか"
    )
    return sports_association, duplicate


def test_partner_merge_moves_links_and_keeps_every_spelling(
    coordinator, duplicates, own_project, others_project
):
    target, duplicate = duplicates
    partner_merge(target=target, others=[duplicate], user=coordinator)

    assert not Partner.objects.filter(pk=duplicate.pk).exists()
    assert set(target.aliases.values_list("name", flat=True)) == {
        "(公財)苫小牧市スポーツ協会",
        "苫小牧市スポーツ協会",
        "スポーツ協会",
    }
    links = ProjectPartner.objects.filter(partner=target).order_by("project__number")
    assert [(link.project_id, link.count) for link in links] == [
        (own_project.pk, 3),
        (others_project.pk, None),
    ]
    # the collided link took the count it lacked; its other spelling is kept (as the written_as)
    own_link = links[0]
    assert own_link.written_as == "スポーツ協会ほか"
    target.refresh_from_db()
    assert "旧表記で登録" in target.note


def test_partner_merge_keeps_conflicting_counts_in_the_note(coordinator, duplicates, own_project):
    target, duplicate = duplicates
    ProjectPartner.objects.filter(project=own_project, partner=target).update(count=5)
    partner_merge(target=target, others=[duplicate], user=coordinator)
    target.refresh_from_db()
    assert ProjectPartner.objects.get(project=own_project, partner=target).count == 5
    assert "数は3（統合先は5）" in target.note


def test_partner_merge_is_recorded_in_history_and_the_admin_log(coordinator, duplicates):
    target, duplicate = duplicates
    partner_merge(target=target, others=[duplicate], user=coordinator)

    deleted = Partner.history.filter(id=duplicate.pk, history_type="-").get()
    assert deleted.history_user == coordinator
    assert deleted.history_change_reason == MERGE_REASON
    moved = ProjectPartner.history.filter(partner_id=target.pk, history_type="~").first()
    assert moved.history_user == coordinator
    assert LogEntry.objects.filter(object_id=str(duplicate.pk), action_flag=DELETION).exists()
    entry = LogEntry.objects.get(object_id=str(target.pk), action_flag=CHANGE)
    assert "苫小牧市スポーツ協会" in entry.change_message
    assert entry.user == coordinator


def test_partner_merge_is_all_or_nothing(coordinator, duplicates, monkeypatch):
    target, duplicate = duplicates

    def broken(*args, **kwargs):
        raise RuntimeError("log failure")

    monkeypatch.setattr(LogEntry.objects, "log_actions", broken)
    with pytest.raises(RuntimeError):
        partner_merge(target=target, others=[duplicate], user=coordinator)
    assert Partner.objects.filter(pk=duplicate.pk).exists()
    assert ProjectPartner.objects.filter(partner=duplicate).count() == 2


def test_the_merge_action_asks_which_partner_survives_then_merges(client, coordinator, duplicates):
    target, duplicate = duplicates
    client.force_login(coordinator)
    selected = {"action": "merge_partners", ACTION_CHECKBOX_NAME: [target.pk, duplicate.pk]}
    page = client.post(LIST, selected)
    assert page.status_code == 200
    assert "残す関係団体" in page.text
    assert 'name="target"' in page.text
    assert Partner.objects.filter(pk=duplicate.pk).exists()

    response = client.post(LIST, {**selected, "post": "yes", "target": duplicate.pk}, follow=True)
    assert "に統合しました" in response.text
    assert not Partner.objects.filter(pk=target.pk).exists()
    survivor = Partner.objects.get(pk=duplicate.pk)
    assert PartnerAlias.objects.filter(
        partner=survivor, name="公益財団法人苫小牧市スポーツ協会"
    ).exists()
    assert survivor.project_links.count() == 2


def test_the_merge_action_needs_two_partners(client, coordinator, sports_association):
    client.force_login(coordinator)
    response = client.post(
        LIST,
        {"action": "merge_partners", ACTION_CHECKBOX_NAME: [sports_association.pk]},
        follow=True,
    )
    assert "2件以上" in response.text


def test_a_clerk_cannot_merge_partners(client, clerk, duplicates):
    target, duplicate = duplicates
    client.force_login(clerk)
    response = client.get(LIST)
    assert "選択した関係団体を統合" not in response.text
    client.post(
        LIST,
        {
            "action": "merge_partners",
            ACTION_CHECKBOX_NAME: [target.pk, duplicate.pk],
            "post": "yes",
            "target": target.pk,
        },
    )
    assert Partner.objects.filter(pk=duplicate.pk).exists()


def test_the_partner_page_lists_its_projects_by_year(
    client, clerk, own_project, sports_association
):
    client.force_login(clerk)
    response = client.get(reverse("admin:partners_partner_change", args=[sports_association.pk]))
    assert "令和5年度 共催 No.1 まちかどミーティング" in response.text
    assert "（協働・男女平等参画室）" in response.text


@pytest.mark.parametrize("term", ["スポーツ協会", "(公財)"])
def test_partners_are_found_by_name_or_alias(client, clerk, sports_association, term):
    client.force_login(clerk)
    response = client.get(LIST, {"q": term})
    assert list(response.context["cl"].result_list) == [sports_association]


def test_partners_are_filtered_by_kind_and_legal_form(client, clerk, sports_association):
    Partner.objects.create(name="苫小牧商工会議所")
    client.force_login(clerk)
    response = client.get(LIST, {"kind__exact": "public_interest"})
    assert list(response.context["cl"].result_list) == [sports_association]
    response = client.get(LIST, {"legal_form": "公益財団法人"})
    assert list(response.context["cl"].result_list) == [sports_association]
    assert "公益法人" in response.text and "法人格" in response.text


def test_the_department_page_lists_its_projects_per_year(
    client, coordinator, own_project, kyodo_room
):
    client.force_login(coordinator)
    response = client.get(reverse("admin:projects_department_change", args=[kyodo_room.pk]))
    assert "令和5年度（1件）" in response.text
    assert "共催 No.1 まちかどミーティング" in response.text
    assert "所属職員" in response.text
