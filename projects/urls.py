from django.urls import path

from projects import views

app_name = "public"

urlpatterns = [
    path("", views.register, name="register"),
    path("projects/<int:pk>/", views.project_detail, name="project"),
    path("opendata/", views.opendata, name="opendata"),
    path("opendata/<int:year>.csv", views.opendata_csv, name="opendata_csv"),
    path("opendata/<int:year>.json", views.opendata_json, name="opendata_json"),
]
