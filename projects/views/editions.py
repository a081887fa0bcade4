"""`/opendata/editions/<year>/<n>/kyodo-<year>-<n>.<kind>`: a published edition's files.

Served from the bytes stored when the edition was published, never rebuilt: the address, the
bytes and the ETag (the SHA-256) stay the same whatever the register becomes later.
"""

from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from projects.models import EditionFile
from projects.report.files import KINDS

# A published file never changes at its address: caches may keep it for a year.
CACHE_CONTROL = "public, max-age=31536000, immutable"


def content_disposition(filename: str) -> str:
    """RFC 6266: an ASCII ``filename`` for old clients and ``filename*`` (RFC 5987) beside it."""
    fallback = filename.encode("ascii", "replace").decode().replace('"', "_").replace("\\", "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"


@require_safe
def edition_file(request: HttpRequest, year: int, number: int, filename: str) -> HttpResponse:
    stem, _, kind = filename.rpartition(".")
    if stem != f"kyodo-{year}-{number}" or kind not in KINDS:
        raise Http404("この公表版のファイルはありません。")
    stored = (
        EditionFile.objects.select_related("edition")
        .filter(edition__fiscal_year=year, edition__number=number, kind=kind)
        .first()
    )
    if stored is None:
        raise Http404("この公表版のファイルはありません。")
    etag = f'"{stored.sha256}"'
    if etag in {tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")}:
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(bytes(stored.content), content_type=KINDS[kind].content_type)
        response["Content-Disposition"] = content_disposition(stored.filename)
        response["Content-Length"] = str(stored.size)
    response["ETag"] = etag
    response["Cache-Control"] = CACHE_CONTROL
    response["Last-Modified"] = http_date(stored.edition.published_at.timestamp())
    return response
