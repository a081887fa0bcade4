"""Every text a clerk writes refuses the characters the importer refuses (kyodo.validators):
the same validator on the models' fields, so the admin's forms and the import agree."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partners.models import Partner, PartnerAlias
from projects.models import (
    Department,
    DepartmentPastName,
    Form,
    FormPastName,
    Project,
    ProjectPartner,
    Session,
)

FIELDS = [
    (Project, "name"),
    (Project, "purpose"),
    (Project, "effect"),
    (Session, "label"),
    (Session, "note"),
    (ProjectPartner, "role"),
    (ProjectPartner, "written_as"),
    (Partner, "name"),
    (Partner, "legal_form"),
    (Partner, "note"),
    (PartnerAlias, "name"),
    (Department, "name"),
    (DepartmentPastName, "name"),
    (Form, "name"),
    (FormPastName, "name"),
]
MULTILINE = {(Project, "purpose"), (Project, "effect"), (Partner, "note")}


@pytest.mark.parametrize(("model", "name"), FIELDS)
@pytest.mark.parametrize("character", ["\u202e", "\u2066", "\u200b", "\ufeff", "\x00", "\x1b"])
def test_every_text_field_refuses_invisible_and_control_characters(model, name, character):
    field = model._meta.get_field(name)

    with pytest.raises(ValidationError) as raised:
        field.run_validators(f"講座{character}座講")

    assert f"U+{ord(character):04X}" in raised.value.messages[0]


@pytest.mark.parametrize(("model", "name"), FIELDS)
def test_line_breaks_are_allowed_only_where_the_text_has_lines(model, name):
    field = model._meta.get_field(name)
    if (model, name) in MULTILINE:
        field.run_validators("学びの場。\r\n好評だった。")
    else:
        with pytest.raises(ValidationError):
            field.run_validators("学びの場。\n好評だった。")


@pytest.mark.django_db
def test_the_admins_partner_form_shows_the_refusal_and_saves_nothing(client, coordinator):
    client.force_login(coordinator)

    response = client.post(
        reverse("admin:partners_partner_add"),
        {"name": "苫小牧\u202e協会", "legal_form": "", "kind": "other", "note": ""},
    )

    assert response.status_code == 200
    assert "U+202E（RIGHT-TO-LEFT OVERRIDE）" in response.content.decode()
    assert not Partner.objects.exists()


@pytest.mark.django_db
def test_the_admins_department_form_shows_the_refusal_and_saves_nothing(client, coordinator):
    client.force_login(coordinator)
    before = Department.objects.count()

    response = client.post(
        reverse("admin:projects_department_add"),
        {"name": "生涯\u200b学習課", "active": "on", "change": "rename"},
    )

    assert response.status_code == 200
    assert "U+200B（ZERO WIDTH SPACE）" in response.content.decode()
    assert Department.objects.count() == before
