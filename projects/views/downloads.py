"""How the public downloads are named and sent."""

from typing import cast

from django.conf import settings
from django.http import HttpResponse
from django.utils.http import content_disposition_header


def download_name(*parts: object, extension: str) -> str:
    """「012131_kyodo_2023.csv」: the city's code first, so files from many cities can mix."""
    return "_".join([settings.KYODO_CITY_CODE, "kyodo", *map(str, parts)]) + f".{extension}"


def attachment(data: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A download. CORS for /opendata/ comes from django-cors-headers (settings.CORS_*)."""
    response = HttpResponse(data, content_type=content_type)
    # Never None for an attachment (only an inline response without a filename has none).
    response["Content-Disposition"] = cast(str, content_disposition_header(True, filename))
    return response
