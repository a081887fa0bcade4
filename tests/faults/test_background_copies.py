"""PostgreSQL's COPYs on a thread of their own (projects.services.bulk.background_copies): an
error in a COPY, or in the import beside it, still refuses the whole write, with Django's error."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction

from partners.models import Partner
from projects.services import bulk

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite writes in the import's own thread (executemany): no COPY runs apart",
    ),
]

NOW = datetime.datetime(2026, 11, 29, tzinfo=datetime.UTC)


def _partners(*names: str) -> list[dict]:
    ids = bulk.allocate_ids(Partner, len(names))
    return [{"id": pk, "name": name} for pk, name in zip(ids, names, strict=True)]


def test_a_failed_copy_is_raised_at_the_next_query_and_nothing_is_kept():
    Partner.objects.create(name="苫小牧市体育協会")
    with pytest.raises(IntegrityError), transaction.atomic(), bulk.background_copies():
        # The name is unique: the COPY fails on its thread, not here.
        bulk.insert(Partner, _partners("新しい団体", "苫小牧市体育協会"), now=NOW)
        Partner.objects.count()  # waits for the COPY, and raises its error
    assert list(Partner.objects.values_list("name", flat=True)) == ["苫小牧市体育協会"]


def test_a_failed_copy_is_raised_when_the_block_ends_without_another_query():
    Partner.objects.create(name="苫小牧市体育協会")
    with pytest.raises(IntegrityError), transaction.atomic(), bulk.background_copies():
        bulk.insert(Partner, _partners("苫小牧市体育協会"), now=NOW)
    assert Partner.objects.count() == 1


def test_an_error_beside_the_copies_waits_for_them_and_rolls_everything_back():
    names = [f"団体{n}" for n in range(2000)]
    refused = pytest.raises(ValueError, match="行の誤り")
    with refused, transaction.atomic(), bulk.background_copies():
        bulk.insert(Partner, _partners(*names), now=NOW)
        raise ValueError("行の誤り")
    assert Partner.objects.count() == 0
    # The connection is usable again: no COPY is left running on it.
    bulk.insert(Partner, _partners("次の団体"), now=NOW)
    assert list(Partner.objects.values_list("name", flat=True)) == ["次の団体"]
