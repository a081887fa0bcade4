"""`/api/projects/`: the published register, read-only, with the public list's filters."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets

from api.serializers import ProjectSerializer
from projects.filters import PublicProjectFilter
from projects.models import Project
from projects.selectors import with_report_relations


@extend_schema_view(
    list=extend_schema(
        summary="協働事業の一覧",
        description="公開している協働事業を報告書の順（年度、協働の形態、No.）で返します。"
        "絞り込みは市民向けの一覧と同じです（year, form, category, department, partner, q）。",
    ),
    retrieve=extend_schema(summary="協働事業1件"),
)
class ProjectViewSet(viewsets.ReadOnlyModelViewSet):
    """Published projects only; 4 queries a page: count, projects, partners, sessions."""

    serializer_class = ProjectSerializer
    filterset_class = PublicProjectFilter
    queryset = Project.objects.none()  # for the schema; get_queryset gives the real one

    def get_queryset(self):
        return with_report_relations(Project.objects.published())
