"""A bulk write that fails (projects.services.bulk: PostgreSQL's COPY, SQLite's executemany)
raises Django's error class, keeps nothing, and leaves the connection usable."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from partners.models import Partner
from projects.services import bulk

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2026, 11, 29, tzinfo=datetime.UTC)


def _partners(*names: str) -> list[dict]:
    ids = bulk.allocate_ids(Partner, len(names))
    return [{"id": pk, "name": name} for pk, name in zip(ids, names, strict=True)]


def test_a_failed_write_raises_djangos_error_and_nothing_is_kept():
    Partner.objects.create(name="苫小牧市体育協会")
    with pytest.raises(IntegrityError), transaction.atomic():
        bulk.insert(Partner, _partners("新しい団体", "苫小牧市体育協会"), now=NOW)  # unique name
    assert list(Partner.objects.values_list("name", flat=True)) == ["苫小牧市体育協会"]
    bulk.insert(Partner, _partners("次の団体"), now=NOW)  # the connection is usable again
    assert Partner.objects.count() == 2


def test_an_error_after_a_write_rolls_it_back():
    with pytest.raises(ValueError, match="行の誤り"), transaction.atomic():
        bulk.insert(Partner, _partners(*[f"団体{n}" for n in range(2000)]), now=NOW)
        raise ValueError("行の誤り")
    assert Partner.objects.count() == 0
