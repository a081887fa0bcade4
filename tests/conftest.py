import pytest

from projects.models import Department, Form


@pytest.fixture
def kyodo_room(db):
    return Department.objects.create(name="協働・男女平等参画室")


@pytest.fixture
def lifelong(db):
    return Department.objects.create(name="生涯学習課")


@pytest.fixture
def kyosai(db):
    return Form.objects.get(name="共催")
