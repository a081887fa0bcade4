"""年次集計 read while a clerk's save is still open: the figures kept then never outlive the save.

The reader counts before the writer commits (it sees the old data and the old token), the writer
commits a new token with its data, and the next reader counts again.
"""

import datetime
import threading

import pytest
from django.core.cache import cache
from django.db import connection, transaction

from projects.models import Department, Form, Project, Session
from projects.report.summary import yearly_summary
from tests.factories import make_project

WAIT = 30  # seconds; only reached when the test is broken


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database locks whole tables: a reader cannot read beside "
    "an open write there (a file database can; the rule is the same)",
)
# Committed for real, on two connections. Transactional tests run after the others, once the
# migrations' rows may have been flushed: the test makes what it needs.
@pytest.mark.django_db(transaction=True)
def test_figures_counted_during_an_open_save_are_not_kept_after_it():
    kyosai, _ = Form.objects.get_or_create(name="共催", defaults={"order": 1})
    kyodo_room, _ = Department.objects.get_or_create(name="協働・男女平等参画室")
    project = make_project(form=kyosai, department=kyodo_room, number=1, name="講座")
    Session.objects.create(project=project, start=datetime.date(2023, 6, 1), participants=100)
    assert yearly_summary(2023)["participants_total"] == 100
    saved, go_on = threading.Event(), threading.Event()
    failures = []

    def clerk_saves():
        try:
            with transaction.atomic():
                session = Session.objects.get(project__pk=project.pk)
                session.participants = 500
                session.save()
                saved.set()
                go_on.wait(WAIT)
        except Exception as error:  # reported by the main thread
            failures.append(error)
            saved.set()
        finally:
            connection.close()

    clerk = threading.Thread(target=clerk_saves)
    clerk.start()
    assert saved.wait(WAIT)
    # The save is not committed: the coordinator still sees the old figures, counted again
    # (the earlier figures are dropped from the cache) and kept under the old token.
    cache.clear()
    assert yearly_summary(2023)["participants_total"] == 100
    go_on.set()
    clerk.join(WAIT)
    assert not failures, failures
    assert Project.objects.get(pk=project.pk).sessions.get().participants == 500
    assert yearly_summary(2023)["participants_total"] == 500
