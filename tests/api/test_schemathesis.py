"""schemathesis against the schema the app serves: every answer of the API, for generated
queries and ids (valid and not), has a status the schema documents and a body its schema
allows, with all of schemathesis's default checks (no 500, conformance of status, content type,
headers and body). Bounded: a fixed seed, 60 examples an operation, a few seconds."""

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from kyodo.wsgi import application
from tests.factories import make_department, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def keep_the_test_connection():
    """The WSGI application closes the database connection at the end of each request
    (close_old_connections), which on PostgreSQL ends the test's transaction; Django's test
    client disconnects it the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def register(db, keep_the_test_connection, meeting, concert, older, kyosai):
    # A draft too: whatever ids the generator tries, a draft's are answered as unknown ones.
    make_project(
        form=kyosai,
        department=make_department(name="下書きだけの課"),
        name="下書き",
        published=False,
        partners=["下書きだけの団体"],
    )


# The schema the app serves, read through its WSGI application (no server, no network).
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


@schema.parametrize()
@settings(
    max_examples=60,
    derandomize=True,  # the same cases on every run (a fixed seed)
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_answers_as_its_schema_says(case, register):
    case.call_and_validate()
