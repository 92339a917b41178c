"""API routes for exchanging network maps (GraphML, CSV, easyNWK)."""

from django.urls import path

from . import network_exchange as views

urlpatterns = [
    path(
        "participants/<int:participant_id>/network.graphml",
        views.MapGraphMLView.as_view(),
        name="api_participant_network_graphml",
    ),
    path(
        "participants/<int:participant_id>/network-csv.zip",
        views.MapCSVView.as_view(),
        name="api_participant_network_csv",
    ),
    path(
        "network-snapshots/<int:pk>/graphml/",
        views.SnapshotGraphMLView.as_view(),
        name="api_network_snapshot_graphml",
    ),
    path(
        "network-snapshots/<int:pk>/csv/",
        views.SnapshotCSVView.as_view(),
        name="api_network_snapshot_csv",
    ),
    path(
        "participants/<int:participant_id>/network-imports/",
        views.ImportView.as_view(),
        name="api_participant_network_import",
    ),
    path(
        "participants/<int:participant_id>/network-imports/confirm/",
        views.ImportConfirmView.as_view(),
        name="api_participant_network_import_confirm",
    ),
]
