"""Accounts: the coordinator adds clerks, resets and mails passwords, deactivates leavers; never
makes a superuser or a coordinator. Tried with the POSTs a browser could be made to send."""

import re

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from projects.permissions import CLERK_GROUP, COORDINATOR_GROUP
from tests.factories import make_user

pytestmark = pytest.mark.django_db

User = get_user_model()
ADD = "/admin/auth/user/add/"
LIST = "/admin/auth/user/"


def change(user) -> str:
    return f"/admin/auth/user/{user.pk}/change/"


def new_clerk(department, **extra):
    return {
        "username": "tanaka",
        "last_name": "田中",
        "first_name": "花子",
        "email": "tanaka@example.jp",
        "departments": [str(department.pk)],
        "usable_password": "true",
        "password1": "kyodo-new-password-9",
        "password2": "kyodo-new-password-9",
        **extra,
    }


def change_data(user, department, **extra):
    return {
        "username": user.username,
        "last_name": user.last_name,
        "first_name": user.first_name,
        "email": user.email or "",
        "departments": [str(department.pk)],
        "is_active": "on",
        **extra,
    }


@pytest.fixture
def superuser(db):
    return make_user(username="root", is_superuser=True)


@pytest.fixture
def other_coordinator(db):
    return make_user(username="coordinator-2", group=COORDINATOR_GROUP)


def test_the_coordinator_adds_a_clerk_of_a_department(client, coordinator, lifelong):
    client.force_login(coordinator)
    response = client.post(ADD, new_clerk(lifelong))
    assert response.status_code == 302, response.context and response.context["errors"]
    user = User.objects.get(username="tanaka")
    assert (user.last_name, user.email, user.is_staff) == ("田中", "tanaka@example.jp", True)
    assert list(user.departments.all()) == [lifelong]
    assert list(user.groups.values_list("name", flat=True)) == [CLERK_GROUP]
    assert user.check_password("kyodo-new-password-9")
    assert LogEntry.objects.filter(object_id=str(user.pk), user=coordinator).exists()


def test_the_coordinators_add_form_offers_no_superuser_staff_or_group_field(client, coordinator):
    client.force_login(coordinator)
    fields = client.get(ADD).context["adminform"].form.fields
    assert {"username", "email", "departments"} <= set(fields)
    assert not {"is_superuser", "is_staff", "groups", "user_permissions"} & set(fields)


def test_a_forged_add_post_makes_neither_a_superuser_nor_a_coordinator(
    client, coordinator, lifelong
):
    coordinators = Group.objects.get(name=COORDINATOR_GROUP)
    client.force_login(coordinator)
    forged = {"is_superuser": "on", "groups": [str(coordinators.pk)], "user_permissions": ["1"]}
    client.post(ADD, new_clerk(lifelong, **forged))
    user = User.objects.get(username="tanaka")
    assert not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == [CLERK_GROUP]
    assert not user.user_permissions.exists()


def test_a_forged_change_post_gives_a_clerk_no_coordinator_role(
    client, coordinator, other_clerk, lifelong
):
    coordinators = Group.objects.get(name=COORDINATOR_GROUP)
    client.force_login(coordinator)
    data = change_data(other_clerk, lifelong, is_superuser="on", groups=[str(coordinators.pk)])
    response = client.post(change(other_clerk), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    other_clerk.refresh_from_db()
    assert not other_clerk.is_superuser
    assert not other_clerk.groups.filter(name=COORDINATOR_GROUP).exists()


def test_the_coordinator_moves_a_clerk_to_another_department(client, coordinator, clerk, lifelong):
    client.force_login(coordinator)
    client.post(change(clerk), change_data(clerk, lifelong))
    assert list(clerk.departments.all()) == [lifelong]


def test_superusers_are_not_in_the_coordinators_list_and_cannot_be_changed(
    client, coordinator, superuser, clerk, lifelong
):
    client.force_login(coordinator)
    listing = client.get(LIST)
    assert "clerk-kyodo" in listing.text
    assert f"/admin/auth/user/{superuser.pk}/change/" not in listing.text
    response = client.post(change(superuser), change_data(superuser, lifelong, is_active=""))
    assert response.status_code in (302, 403, 404)
    superuser.refresh_from_db()
    assert superuser.is_active and not superuser.departments.exists()
    password = client.post(
        f"/admin/auth/user/{superuser.pk}/password/",
        {"password1": "taken-over-123", "password2": "taken-over-123", "usable_password": "true"},
    )
    assert password.status_code in (302, 403, 404)
    superuser.refresh_from_db()
    assert not superuser.check_password("taken-over-123")


def test_another_coordinators_account_is_read_only_to_the_coordinator(
    client, coordinator, other_coordinator, lifelong
):
    client.force_login(coordinator)
    page = client.get(change(other_coordinator))
    assert page.status_code == 200 and 'name="_save"' not in page.text
    response = client.post(change(other_coordinator), change_data(other_coordinator, lifelong))
    assert response.status_code == 403
    assert not other_coordinator.departments.exists()
    password = client.post(
        f"/admin/auth/user/{other_coordinator.pk}/password/",
        {"password1": "taken-over-123", "password2": "taken-over-123", "usable_password": "true"},
    )
    assert password.status_code == 403


def test_the_coordinator_cannot_change_their_own_groups(client, coordinator, lifelong):
    client.force_login(coordinator)
    response = client.post(change(coordinator), change_data(coordinator, lifelong, groups=[]))
    assert response.status_code == 403
    assert coordinator.groups.filter(name=COORDINATOR_GROUP).exists()


def test_a_superuser_may_give_the_coordinators_role(client, superuser, clerk, kyodo_room):
    coordinators = Group.objects.get(name=COORDINATOR_GROUP)
    client.force_login(superuser)
    page = client.get(change(clerk))
    assert "groups" in page.context["adminform"].form.fields
    data = change_data(clerk, kyodo_room, groups=[str(coordinators.pk)], is_staff="on")
    data["date_joined_0"], data["date_joined_1"] = "2024-04-01", "09:00:00"
    response = client.post(change(clerk), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert clerk.groups.filter(name=COORDINATOR_GROUP).exists()


def test_a_clerk_may_not_open_the_accounts(client, clerk):
    client.force_login(clerk)
    assert client.get(ADD).status_code == 403
    assert client.get(LIST).status_code == 403


def test_the_coordinator_resets_a_clerks_password(client, coordinator, other_clerk):
    client.force_login(coordinator)
    response = client.post(
        f"/admin/auth/user/{other_clerk.pk}/password/",
        {
            "password1": "reset-by-office-7",
            "password2": "reset-by-office-7",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    other_clerk.refresh_from_db()
    assert other_clerk.check_password("reset-by-office-7")


def test_the_set_password_mail_links_to_a_page_that_sets_it(client, coordinator, lifelong):
    newcomer = make_user(username="sato", group=CLERK_GROUP, departments=[lifelong])
    newcomer.email = "sato@example.jp"
    newcomer.set_unusable_password()
    newcomer.save()
    client.force_login(coordinator)
    client.post(
        LIST,
        {"action": "send_password_mail", ACTION_CHECKBOX_NAME: [str(newcomer.pk)]},
    )
    assert [m.to for m in mail.outbox] == [["sato@example.jp"]]
    assert "パスワードを設定" in mail.outbox[0].body
    assert mail.outbox[0].body.startswith("sato 様")
    link = re.search(r"http://testserver(/admin/password/\S+/)", mail.outbox[0].body).group(1)
    client.logout()
    form_page = client.get(link, follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"new_password1": "mailed-password-5", "new_password2": "mailed-password-5"},
    )
    assert response.status_code == 302
    newcomer.refresh_from_db()
    assert newcomer.check_password("mailed-password-5")
    assert LogEntry.objects.filter(
        object_id=str(newcomer.pk), change_message__contains="パスワード設定のメール"
    ).exists()


def test_deactivating_a_leaver_stops_the_login_and_records_who(
    client, coordinator, other_clerk, other_coordinator
):
    client.force_login(coordinator)
    client.post(
        LIST,
        {
            "action": "deactivate",
            ACTION_CHECKBOX_NAME: [str(other_clerk.pk), str(other_coordinator.pk)],
        },
    )
    other_clerk.refresh_from_db()
    other_coordinator.refresh_from_db()
    assert not other_clerk.is_active
    assert other_coordinator.is_active
    entry = LogEntry.objects.get(object_id=str(other_clerk.pk))
    assert entry.user == coordinator and "無効にしました" in entry.change_message
    client.logout()
    client.post(
        "/admin/login/", {"username": "clerk-lifelong", "password": "kyodo-test-password-1"}
    )
    assert "_auth_user_id" not in client.session


def test_the_coordinator_cannot_delete_an_account(client, coordinator, other_clerk):
    client.force_login(coordinator)
    response = client.post(f"/admin/auth/user/{other_clerk.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert User.objects.filter(pk=other_clerk.pk).exists()


def test_no_set_password_mail_goes_to_a_coordinators_account(
    client, coordinator, other_coordinator
):
    other_coordinator.email = "office@example.jp"
    other_coordinator.save()
    client.force_login(coordinator)
    response = client.post(
        LIST,
        {"action": "send_password_mail", ACTION_CHECKBOX_NAME: [str(other_coordinator.pk)]},
        follow=True,
    )
    assert mail.outbox == []
    assert "協働推進担当・管理者のアカウントのため、対象外" in response.text
