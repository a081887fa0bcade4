"""次年度へ複製 (and so the survey's drafts, made the same way) link the copy to its original."""

import pytest

from projects.selectors import project_series
from projects.services.next_year import project_copy_to_next_year
from projects.services.series import series_link
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_the_copy_is_the_next_year_of_its_original(juku):
    coordinator = make_user(username="coordinator", is_superuser=True)
    [copy] = project_copy_to_next_year(projects=[juku[2023]], user=coordinator)
    assert (copy.fiscal_year, copy.previous_id) == (2024, juku[2023].pk)
    assert copy.history.get().previous_id == juku[2023].pk
    series_link([juku[2023]])  # and the original finds its own year before
    assert [row.project.fiscal_year for row in project_series(copy, published_only=False)] == [
        2022,
        2023,
        2024,
    ]
