"""The seed imported for the report's fidelity tests (projects are made with tests/factories.py)."""

import pytest

from tests.factories import import_seed


@pytest.fixture
def seeded(db):
    """The seed report imported through the importer's command (the command as a user runs it)."""
    import_seed()
