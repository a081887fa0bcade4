"""The admin import refuses a file over the size limit, with a clear message, before reading it."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from projects.models import Project
from tests.factories import SEED

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_client(client, coordinator):
    client.force_login(coordinator)
    return client


IMPORT_URL = reverse("admin:projects_project_import")


def _upload(client, content: bytes):
    upload = SimpleUploadedFile("report.txt", content, content_type="text/plain")
    return client.post(
        IMPORT_URL, {"resource": "0", "format": "0", "import_file": upload}, follow=True
    )


def test_a_file_over_the_limit_is_refused_with_its_size_and_the_limit(coordinator_client, settings):
    settings.KYODO_IMPORT_MAX_BYTES = 1024

    response = _upload(coordinator_client, "あ".encode() * 2000)

    text = response.content.decode()
    assert "ファイルが大きすぎます" in text
    assert "取り込めるのは" in text
    assert Project.objects.count() == 0


def test_a_file_within_the_limit_is_read(coordinator_client, settings):
    settings.KYODO_IMPORT_MAX_BYTES = 1024 * 1024

    response = _upload(coordinator_client, SEED.read_bytes())

    assert "ファイルが大きすぎます" not in response.content.decode()
    assert "新規" in response.content.decode()
