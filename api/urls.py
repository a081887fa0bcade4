from django.urls import include, path, re_path
from rest_framework.routers import SimpleRouter

from api.views import NotFoundView, ProjectViewSet, SchemaView

app_name = "api"

router = SimpleRouter()
router.register("projects", ProjectViewSet, basename="project")

urlpatterns = [
    path("", include(router.urls)),
    path("schema/", SchemaView.as_view(), name="schema"),
    re_path(r"^.*$", NotFoundView.as_view(), name="not_found"),
]
