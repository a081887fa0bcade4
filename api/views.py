"""`/api/projects/`: the published register, read-only, with the public list's filters."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularAPIView
from rest_framework import exceptions, viewsets
from rest_framework.views import APIView

from api.errors import INVALID_PARAMETERS, Error
from api.filters import ApiProjectFilter
from api.serializers import ProjectSerializer
from kyodo.http import content_disposition
from kyodo.limits import KEYWORD_MAX_CHARS, KEYWORD_MAX_WORDS
from projects.models import Project
from projects.selectors import with_report_relations

_NO_PAGE = OpenApiResponse(Error, description="ないページ（page が 0 や最後のページより後）")
_NOT_FOUND = OpenApiResponse(Error, description="公開している協働事業にないID")
_TOO_LONG = OpenApiResponse(Error, description="URLが長すぎる（KYODO_MAX_URL_BYTES、4,096バイト）")
_UNAVAILABLE = OpenApiResponse(Error, description="データベースに接続できません（Retry-After）")


@extend_schema_view(
    list=extend_schema(
        summary="協働事業の一覧",
        description="公開している協働事業を報告書の順（年度、協働の形態、No.）で返します。"
        "絞り込みは市民向けの一覧と同じです（year, form, category, department, partner, q）。"
        "form, department, partner には公開している協働事業にあるIDだけを指定でき、"
        "ほかのID（存在しないIDも、下書きにしかないIDも同じく）は400です。"
        f"q は{KEYWORD_MAX_CHARS}文字、{KEYWORD_MAX_WORDS}語までです（超えると400）。",
        responses={
            200: ProjectSerializer(many=True),
            400: OpenApiResponse(INVALID_PARAMETERS, description="読めないパラメータ"),
            404: _NO_PAGE,
            414: _TOO_LONG,
            503: _UNAVAILABLE,
        },
    ),
    retrieve=extend_schema(
        summary="協働事業1件",
        responses={200: ProjectSerializer, 404: _NOT_FOUND, 414: _TOO_LONG, 503: _UNAVAILABLE},
    ),
)
class ProjectViewSet(viewsets.ReadOnlyModelViewSet):
    """Published projects only; 4 queries a page: count, projects, partners, sessions."""

    serializer_class = ProjectSerializer
    filterset_class = ApiProjectFilter
    queryset = Project.objects.none()  # for the schema; get_queryset gives the real one

    def get_queryset(self):
        return with_report_relations(Project.objects.published())


@extend_schema(exclude=True)  # as drf-spectacular leaves its own view out (SERVE_INCLUDE_SCHEMA)
class SchemaView(SpectacularAPIView):
    """`/api/schema/`: drf-spectacular's view, its file name sent as RFC 6266 writes it (the
    library writes the Japanese title into the header as it is, which Django then encodes by
    RFC 2047, which no browser reads)."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        filename = self._get_filename(request, self.api_version or request.version)
        response["Content-Disposition"] = content_disposition(filename, attachment=False)
        return response


@extend_schema(exclude=True)
class NotFoundView(APIView):
    """Any other address under /api/: a JSON 404 in Japanese, never Django's HTML page."""

    def get(self, request, *args, **kwargs):
        raise exceptions.NotFound("このアドレスにAPIはありません（/api/projects/、/api/schema/）。")
