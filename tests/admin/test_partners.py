"""関係団体: the admin's search and listing, and merging duplicates without losing anything."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.urls import reverse

from partners.models import Partner, PartnerAlias
from projects.models import ProjectPartner
from projects.services.partners import MERGE_REASON, PartnerMergeRefused, partner_merge

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
    # a link to a project the target is on too (same role, another spelling)
    ProjectPartner.objects.create(
        project=own_project, partner=duplicate, count=3, written_as="スポーツ協会ほか"
    )
    return sports_association, duplicate


def _links(project):
    return list(
        ProjectPartner.objects.filter(project=project)
        .order_by("order", "pk")
        .values_list("partner_id", "count", "written_as")
    )


def test_a_merge_of_partners_sharing_a_project_is_refused_naming_it(
    coordinator, duplicates, own_project
):
    target, duplicate = duplicates
    before = _links(own_project)
    with pytest.raises(PartnerMergeRefused, match=r"令和5年度 共催 No\.1 まちかどミーティング"):
        partner_merge(target=target, others=[duplicate], user=coordinator)
    assert Partner.objects.filter(pk=duplicate.pk).exists()
    assert _links(own_project) == before


def test_a_confirmed_merge_keeps_both_links_of_a_shared_project_with_their_spellings(
    coordinator, duplicates, own_project, others_project
):
    target, duplicate = duplicates
    partner_merge(target=target, others=[duplicate], user=coordinator, confirmed_same_body=True)

    assert not Partner.objects.filter(pk=duplicate.pk).exists()
    assert set(target.aliases.values_list("name", flat=True)) == {
        "(公財)苫小牧市スポーツ協会",
        "苫小牧市スポーツ協会",
        "スポーツ協会",
    }
    # in the order the links had (the duplicate's is 0), each with its count and spelling
    assert _links(own_project) == [
        (target.pk, 3, "スポーツ協会ほか"),
        (target.pk, None, "公益財団法人苫小牧市スポーツ協会"),
    ]
    assert _links(others_project) == [(target.pk, None, "(公財) 苫小牧市スポーツ協会")]
    target.refresh_from_db()
    assert "旧表記で登録" in target.note


def test_two_links_printed_alike_on_one_project_are_never_merged_into_one(
    coordinator, duplicates, own_project
):
    target, duplicate = duplicates
    ProjectPartner.objects.filter(project=own_project, partner=duplicate).update(
        written_as="公益財団法人苫小牧市スポーツ協会"
    )
    with pytest.raises(PartnerMergeRefused, match="同じ役割・同じ表記"):
        partner_merge(target=target, others=[duplicate], user=coordinator, confirmed_same_body=True)
    assert ProjectPartner.objects.filter(project=own_project).count() == 2
    assert Partner.objects.filter(pk=duplicate.pk).exists()


def test_partner_merge_is_recorded_in_history_and_the_admin_log(coordinator, duplicates):
    target, duplicate = duplicates
    partner_merge(target=target, others=[duplicate], user=coordinator, confirmed_same_body=True)

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
        partner_merge(target=target, others=[duplicate], user=coordinator, confirmed_same_body=True)
    assert Partner.objects.filter(pk=duplicate.pk).exists()
    assert ProjectPartner.objects.filter(partner=duplicate).count() == 2


def test_the_merge_action_asks_which_partner_survives_and_names_the_shared_projects(
    client, coordinator, duplicates
):
    target, duplicate = duplicates
    client.force_login(coordinator)
    selected = {"action": "merge_partners", ACTION_CHECKBOX_NAME: [target.pk, duplicate.pk]}
    page = client.post(LIST, selected)
    assert page.status_code == 200
    assert "残す関係団体" in page.text
    assert 'name="target"' in page.text
    assert "令和5年度 共催 No.1 まちかどミーティング" in page.text
    assert 'name="same_body"' in page.text
    assert Partner.objects.filter(pk=duplicate.pk).exists()


def test_the_merge_action_without_the_confirmation_is_refused_on_the_same_page(
    client, coordinator, duplicates
):
    target, duplicate = duplicates
    client.force_login(coordinator)
    selected = {"action": "merge_partners", ACTION_CHECKBOX_NAME: [target.pk, duplicate.pk]}
    page = client.post(LIST, {**selected, "post": "yes", "target": duplicate.pk})
    assert page.status_code == 200
    assert "同じ協働事業に載っています" in page.text
    assert 'name="same_body"' in page.text
    assert Partner.objects.filter(pk=target.pk).exists()
    assert Partner.objects.filter(pk=duplicate.pk).exists()


def test_the_merge_action_with_the_confirmation_merges(client, coordinator, duplicates):
    target, duplicate = duplicates
    client.force_login(coordinator)
    selected = {"action": "merge_partners", ACTION_CHECKBOX_NAME: [target.pk, duplicate.pk]}
    response = client.post(
        LIST,
        {**selected, "post": "yes", "target": duplicate.pk, "same_body": "yes"},
        follow=True,
    )
    assert "に統合しました" in response.text
    assert not Partner.objects.filter(pk=target.pk).exists()
    survivor = Partner.objects.get(pk=duplicate.pk)
    assert PartnerAlias.objects.filter(
        partner=survivor, name="公益財団法人苫小牧市スポーツ協会"
    ).exists()
    assert survivor.project_links.count() == 3


def test_partners_never_on_one_project_merge_without_the_confirmation(
    client, coordinator, own_project, others_project, sports_association
):
    other = Partner.objects.create(name="苫小牧市スポーツ協会")
    ProjectPartner.objects.create(project=others_project, partner=other)
    client.force_login(coordinator)
    selected = {"action": "merge_partners", ACTION_CHECKBOX_NAME: [sports_association.pk, other.pk]}
    page = client.post(LIST, selected)
    assert 'name="same_body"' not in page.text
    response = client.post(
        LIST, {**selected, "post": "yes", "target": sports_association.pk}, follow=True
    )
    assert "に統合しました" in response.text
    assert _links(others_project) == [(sports_association.pk, None, "苫小牧市スポーツ協会")]


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


def test_the_partner_page_shows_the_spelling_each_report_printed(
    client, coordinator, duplicates, own_project
):
    _target, duplicate = duplicates
    client.force_login(coordinator)
    response = client.get(reverse("admin:partners_partner_change", args=[duplicate.pk]))
    assert "表記：(公財) 苫小牧市スポーツ協会" in response.text
    assert "表記：スポーツ協会ほか" in response.text
