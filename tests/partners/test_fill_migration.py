"""Migration 0012: the links saved before with a blank spelling get the partner's name, the
name they were printed under until now, and the change is kept in their history."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("projects", "0011_names_over_the_years")]
AFTER = [("projects", "0013_partners_as_printed")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def migrated_back():
    """The schema as of BEFORE for the test, and every migration again after it."""
    yield _migrate(BEFORE)
    executor = MigrationExecutor(connection)
    _migrate(executor.loader.graph.leaf_nodes())


# Transactional: the schema is migrated back and forth. The flush after it empties the tables
# as after any transactional test (post_migrate makes the groups again; the tests that need
# forms make them). No serialized_rollback: on PostgreSQL its rows, restored under their old
# ids, collide with the groups a flush before it made again under new ones.
@pytest.mark.django_db(transaction=True)
def test_the_migration_fills_a_blank_spelling_with_the_partners_name(migrated_back):
    old = migrated_back
    partner = old.get_model("partners", "Partner").objects.create(name="苫小牧消費者協会")
    # get_or_create: a transactional test run before this one may have flushed the forms.
    form, _ = old.get_model("projects", "Form").objects.get_or_create(
        name="共催", defaults={"order": 1}
    )
    department = old.get_model("projects", "Department").objects.create(name="市民生活課")
    project = old.get_model("projects", "Project").objects.create(
        fiscal_year=2023, form=form, number=6, name="消費生活講演会", department=department,
        category="annual",
    )  # fmt: skip
    links = old.get_model("projects", "ProjectPartner").objects
    blank = links.create(project=project, partner=partner, written_as="")
    printed = links.create(project=project, partner=partner, role="協力", written_as="消費者協会")

    new = _migrate(AFTER)
    model = new.get_model("projects", "ProjectPartner")
    assert model.objects.get(pk=blank.pk).written_as == "苫小牧消費者協会"
    assert model.objects.get(pk=printed.pk).written_as == "消費者協会"
    history = new.get_model("projects", "HistoricalProjectPartner").objects
    (record,) = history.filter(id=blank.pk)
    assert (record.history_type, record.written_as) == ("~", "苫小牧消費者協会")
    assert not history.filter(id=printed.pk).exists()
