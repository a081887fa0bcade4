"""How the public downloads are named and sent."""

from django.conf import settings
from django.http import HttpResponse

from kyodo.http import content_disposition


def download_name(*parts: object, extension: str) -> str:
    """「012131_kyodo_2023.csv」: the city's code first, so files from many cities can mix."""
    return "_".join([settings.KYODO_CITY_CODE, "kyodo", *map(str, parts)]) + f".{extension}"


def attachment(data: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """A download. CORS for /opendata/ comes from django-cors-headers (settings.CORS_*)."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename)
    return response
