"""Routes for importing participants and exporting the caseload."""

from django.urls import path

from .views import import_export

urlpatterns = [
    path("import/", import_export.participant_import, name="import"),
    path("import/confirm/", import_export.participant_import_confirm, name="import_confirm"),
    path("import/cancel/", import_export.participant_import_cancel, name="import_cancel"),
    path("import/example.csv", import_export.participant_import_example, name="import_example"),
    path("export/", import_export.participant_export, name="export"),
]
