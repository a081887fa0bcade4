import pytest


@pytest.fixture(autouse=True)
def _media_and_language(settings):
    settings.LANGUAGE_CODE = "ja"
