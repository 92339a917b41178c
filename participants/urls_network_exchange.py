"""Routes for exchanging a network map with other tools (GraphML, CSV, easyNWK).

Included at /participants/<int:pk>/network/ in the "participants" namespace.
"""

from django.urls import path

from .views import network_exchange as views

urlpatterns = [
    path(
        "export/today.graphml",
        views.network_export,
        {"file_format": "graphml"},
        name="network_export_graphml",
    ),
    path(
        "export/today-csv.zip",
        views.network_export,
        {"file_format": "csv"},
        name="network_export_csv",
    ),
    path(
        "snapshots/<int:snapshot_pk>/export.graphml",
        views.snapshot_export,
        {"file_format": "graphml"},
        name="network_snapshot_graphml",
    ),
    path(
        "snapshots/<int:snapshot_pk>/export-csv.zip",
        views.snapshot_export,
        {"file_format": "csv"},
        name="network_snapshot_csv",
    ),
    path("import/", views.network_import, name="network_import"),
    path("import/confirm/", views.network_import_confirm, name="network_import_confirm"),
    path("import/cancel/", views.network_import_cancel, name="network_import_cancel"),
]
