"""Project.previous: a project's earlier year; never itself, never a later or the same year."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from projects.models import Project

pytestmark = pytest.mark.django_db


def test_the_database_refuses_a_project_as_its_own_previous_year(juku):
    with pytest.raises(IntegrityError), transaction.atomic():
        Project.objects.filter(pk=juku[2023].pk).update(previous=juku[2023].pk)


def test_clean_refuses_a_later_or_the_same_year(juku, kyosai, lifelong):
    juku[2022].previous = juku[2023]
    with pytest.raises(ValidationError) as error:
        juku[2022].full_clean()
    assert "前の年度" in str(error.value.message_dict["previous"])


def test_clean_accepts_an_earlier_year(juku):
    juku[2023].previous = juku[2022]
    juku[2023].full_clean()


def test_deleting_the_previous_year_keeps_the_later_one(juku):
    juku[2023].previous = juku[2022]
    juku[2023].save()
    juku[2022].delete()
    juku[2023].refresh_from_db()
    assert juku[2023].previous is None
