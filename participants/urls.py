from django.urls import include, path

from .views import files

app_name = "participants"
urlpatterns = [
    path("", files.participant_list, name="list"),
    path("<int:pk>/", files.participant_detail, name="detail"),
    path("", include("participants.urls_import_export")),
]
