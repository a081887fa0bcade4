from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = f"{settings.KYODO_CITY_NAME} 協働事業管理"
admin.site.site_title = f"{settings.KYODO_CITY_NAME} 協働事業管理"
admin.site.index_title = "協働事業の登録簿"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", include("projects.urls")),
]
