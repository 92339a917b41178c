"""API routes for participant files, under /api/."""

from django.urls import path

from . import access_blocks, handover, views

urlpatterns = [
    path(
        "participants/reassign/", handover.ReassignView.as_view(), name="api_participants_reassign"
    ),
    path("stand-ins/", handover.StandInListView.as_view(), name="api_stand_ins"),
    path("stand-ins/<int:pk>/", handover.StandInDetailView.as_view(), name="api_stand_in"),
    path("stand-ins/<int:pk>/end/", handover.StandInEndView.as_view(), name="api_stand_in_end"),
    path("access-blocks/", access_blocks.AccessBlockListView.as_view(), name="api_access_blocks"),
    path(
        "access-blocks/<int:pk>/",
        access_blocks.AccessBlockDetailView.as_view(),
        name="api_access_block",
    ),
    path(
        "access-blocks/<int:pk>/end/",
        access_blocks.AccessBlockEndView.as_view(),
        name="api_access_block_end",
    ),
    path("participants/", views.ParticipantListView.as_view(), name="api_participants"),
    path(
        "participants/<int:pk>/",
        views.ParticipantDetailView.as_view(),
        name="api_participant",
    ),
    path(
        "participants/<int:participant_id>/consents/",
        views.ConsentListView.as_view(),
        name="api_participant_consents",
    ),
    path(
        "consents/<int:pk>/withdraw/",
        views.ConsentWithdrawView.as_view(),
        name="api_consent_withdraw",
    ),
    path(
        "participants/<int:participant_id>/trajectories/",
        views.TrajectoryListView.as_view(),
        name="api_participant_trajectories",
    ),
    path("trajectories/<int:pk>/", views.TrajectoryDetailView.as_view(), name="api_trajectory"),
    path(
        "participants/<int:participant_id>/goals/",
        views.GoalListView.as_view(),
        name="api_participant_goals",
    ),
    path("goals/<int:pk>/", views.GoalDetailView.as_view(), name="api_goal"),
    path("goals/<int:goal_id>/notes/", views.GoalNoteListView.as_view(), name="api_goal_notes"),
    path(
        "participants/<int:participant_id>/interventions/",
        views.InterventionListView.as_view(),
        name="api_participant_interventions",
    ),
    path(
        "interventions/<int:pk>/",
        views.InterventionDetailView.as_view(),
        name="api_intervention",
    ),
    path(
        "interventions/<int:pk>/follow-up-done/",
        views.InterventionFollowUpDoneView.as_view(),
        name="api_intervention_follow_up_done",
    ),
]
