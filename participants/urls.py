from django.urls import include, path

from .views import access_blocks, confirmations, files, handover, instruments, records, rights

app_name = "participants"
urlpatterns = [
    path("", files.participant_list, name="list"),
    path("new/", files.participant_create, name="create"),
    path("hand-over/", handover.handover_list, name="handover"),
    path("hand-over/confirm/", handover.handover_confirm, name="handover_confirm"),
    path("stand-ins/", handover.stand_ins, name="stand_ins"),
    path("stand-ins/<int:pk>/end/", handover.stand_in_end, name="stand_in_end"),
    path("access-blocks/", access_blocks.access_block_list, name="access_blocks"),
    path("access-blocks/<int:pk>/end/", access_blocks.access_block_end, name="access_block_end"),
    path("instruments/", instruments.instrument_list, name="instruments"),
    path("instruments/<int:pk>/", instruments.instrument_toggle, name="instrument_toggle"),
    path("<int:pk>/", files.participant_detail, name="detail"),
    path("<int:pk>/edit/", files.participant_edit, name="edit"),
    path("<int:pk>/history/", files.participant_history, name="history"),
    path(
        "<int:pk>/access-blocks/",
        access_blocks.access_block_create,
        name="access_block_create",
    ),
    path("<int:pk>/consents/", records.consent_give, name="consent_give"),
    path(
        "<int:pk>/consents/<int:consent_pk>/withdraw/",
        confirmations.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<int:pk>/trajectories/new/", records.trajectory_edit, name="trajectory_create"),
    path(
        "<int:pk>/trajectories/<int:trajectory_pk>/",
        records.trajectory_edit,
        name="trajectory_edit",
    ),
    path("<int:pk>/goals/new/", records.goal_edit, name="goal_create"),
    path("<int:pk>/goals/<int:goal_pk>/", records.goal_edit, name="goal_edit"),
    path("<int:pk>/goals/<int:goal_pk>/notes/", records.goal_note_add, name="goal_note_add"),
    path("<int:pk>/interventions/", records.intervention_create, name="intervention_create"),
    path(
        "<int:pk>/interventions/<int:intervention_pk>/",
        records.intervention_edit,
        name="intervention_edit",
    ),
    path(
        "<int:pk>/interventions/<int:intervention_pk>/delete/",
        records.intervention_delete,
        name="intervention_delete",
    ),
    path(
        "<int:pk>/interventions/<int:intervention_pk>/follow-up-done/",
        records.intervention_follow_up_done,
        name="intervention_follow_up_done",
    ),
    path("<int:pk>/rights/", rights.rights_export, name="rights_export"),
    path("<int:pk>/rights/export.json", rights.rights_export_json, name="rights_export_json"),
    path("<int:pk>/rights/anonymise/", rights.rights_anonymise, name="rights_anonymise"),
    path("", include("participants.urls_import_export")),
    path("<int:pk>/network/", include("participants.urls_network")),
    path("<int:pk>/network/", include("participants.urls_network_exchange")),
]
