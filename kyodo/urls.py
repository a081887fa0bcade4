from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

admin.site.site_header = f"{settings.KYODO_CITY_NAME} 協働事業管理"
admin.site.site_title = f"{settings.KYODO_CITY_NAME} 協働事業管理"
admin.site.index_title = "協働事業の登録簿"

urlpatterns = [
    # The set-password link of the mail the coordinator sends (projects.services.accounts).
    path(
        "admin/password/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "admin/password/done/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("", include("projects.urls")),
]
