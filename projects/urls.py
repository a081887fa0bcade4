from django.urls import path

from projects import views

app_name = "public"

urlpatterns = [
    path("", views.register, name="register"),
    path("projects.csv", views.register_csv, name="register_csv"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("partners/<int:pk>/", views.partner_detail, name="partner"),
    path("departments/<int:pk>/", views.department_detail, name="department"),
    path("opendata/", views.opendata, name="opendata"),
    path("opendata/<int:year>.csv", views.opendata_csv, name="opendata_csv"),
    path("opendata/<int:year>.json", views.opendata_json, name="opendata_json"),
    path("opendata/events/<int:year>.csv", views.opendata_events, name="opendata_events"),
    # A published edition's files: addresses that never change (EditionFile.path).
    path(
        "opendata/editions/<int:year>/<int:number>/<str:filename>",
        views.edition_file,
        name="edition_file",
    ),
]
