"""API routes for network members, snapshots, measurements and family group plans."""

from django.urls import path

from . import network as views
from . import network_analysis as analysis
from . import network_ties

urlpatterns = [
    path(
        "participants/<int:participant_id>/network-members/",
        views.NetworkMemberListView.as_view(),
        name="api_participant_network_members",
    ),
    path(
        "network-members/<int:pk>/",
        views.NetworkMemberDetailView.as_view(),
        name="api_network_member",
    ),
    path(
        "participants/<int:participant_id>/network-ties/",
        network_ties.MemberTieListView.as_view(),
        name="api_participant_network_ties",
    ),
    path(
        "network-ties/<int:pk>/",
        network_ties.MemberTieDetailView.as_view(),
        name="api_network_tie",
    ),
    path(
        "participants/<int:participant_id>/network-snapshots/",
        views.SnapshotListView.as_view(),
        name="api_participant_network_snapshots",
    ),
    path(
        "network-snapshots/<int:pk>/",
        views.SnapshotDetailView.as_view(),
        name="api_network_snapshot",
    ),
    path(
        "participants/<int:participant_id>/network-analysis/",
        analysis.NetworkAnalysisView.as_view(),
        name="api_participant_network_analysis",
    ),
    path(
        "network-snapshots/<int:pk>/analysis/",
        analysis.SnapshotAnalysisView.as_view(),
        name="api_network_snapshot_analysis",
    ),
    path(
        "participants/<int:participant_id>/measurements/",
        views.MeasurementListView.as_view(),
        name="api_participant_measurements",
    ),
    path("measurements/<int:pk>/", views.MeasurementDetailView.as_view(), name="api_measurement"),
    path(
        "participants/<int:participant_id>/family-plans/",
        views.FamilyPlanListView.as_view(),
        name="api_participant_family_plans",
    ),
    path("family-plans/<int:pk>/", views.FamilyPlanDetailView.as_view(), name="api_family_plan"),
    path(
        "family-plans/<int:plan_id>/agreements/",
        views.AgreementCreateView.as_view(),
        name="api_family_plan_agreements",
    ),
    path("agreements/<int:pk>/", views.AgreementDetailView.as_view(), name="api_agreement"),
]
