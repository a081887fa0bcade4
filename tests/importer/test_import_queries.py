"""Importing runs a constant number of queries per batch, not per row."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import Department, Project
from projects.resources import ProjectResource, report_text_dataset
from projects.services import importing
from tests.report_text import report_text

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def departments_registered(db):
    """report_text's 担当課 (部署0課 to 部署19課): an import registers none unasked."""
    Department.objects.bulk_create(Department(name=f"部署{n}課") for n in range(20))


def _import(rows: int):
    dataset = report_text_dataset(report_text(rows))
    with CaptureQueriesContext(connection) as queries:
        result = ProjectResource().import_data(dataset, use_transactions=True, raise_errors=True)
    return result, len(queries)


def test_a_thousand_rows_import_in_a_bounded_number_of_queries(django_assert_max_num_queries):
    dataset = report_text_dataset(report_text(1000))

    # 2 batches of 500: a handful of bulk queries per batch (the stock path needs 9 a row).
    # SQLite splits a bulk INSERT into chunks of 999 parameters, hence the margin.
    with django_assert_max_num_queries(150):
        ProjectResource().import_data(dataset, use_transactions=True, raise_errors=True)

    assert Project.objects.count() == 1000


def test_the_query_count_does_not_grow_with_the_rows_of_a_batch(monkeypatch):
    monkeypatch.setattr(importing, "BATCH_SIZE", 500)
    # 30 rows stay within one SQLite INSERT chunk (999 parameters); PostgreSQL has no such
    # limit, so there 400 rows run the very same queries as 10.
    more = 400 if connection.vendor == "postgresql" else 30
    _, few = _import(10)
    Project.objects.all().delete()
    _, many = _import(more)

    assert few == many


def test_reimporting_unchanged_rows_writes_nothing():
    _import(50)
    result, queries = _import(50)

    assert result.totals["skip"] == 50
    # look-ups once per import (the file's numbers the register holds among them; forms and
    # departments by the names they had in the file's year: two queries each), the existing
    # projects with their links and sessions: no writes (and on PostgreSQL the one query that
    # takes the import lock)
    assert queries <= 13
