"""Routes for the network map, measurements and family group plans of one participant file.

Included at /participants/<int:pk>/network/ in the "participants" namespace.
"""

from django.urls import path

from .views import confirmations, network, network_draw, network_records, network_ties

urlpatterns = [
    path("", network.network_page, name="network"),
    path("members/", network.member_create, name="network_member_create"),
    path("members/<int:member_pk>/", network.member_edit, name="network_member_edit"),
    path(
        "members/<int:member_pk>/delete/",
        confirmations.network_member_delete,
        name="network_member_delete",
    ),
    path(
        "members/<int:member_pk>/place/",
        network_draw.member_place,
        name="network_member_place",
    ),
    path("members/removed/", confirmations.network_member_removed, name="network_member_removed"),
    path("members/restore/", confirmations.network_member_restore, name="network_member_restore"),
    path("ties/", network_ties.tie_create, name="network_tie_create"),
    path("ties/<int:tie_pk>/", network_ties.tie_edit, name="network_tie_edit"),
    path("ties/<int:tie_pk>/delete/", network_ties.tie_delete, name="network_tie_delete"),
    path("snapshots/", network.snapshot_create, name="network_snapshot_create"),
    path("snapshots/<int:snapshot_pk>/", network.snapshot_detail, name="network_snapshot_detail"),
    path("compare/", network.snapshot_compare, name="network_compare"),
    path("charts/", network.file_card_charts, name="network_charts"),
    path(
        "measurements/new/<int:instrument_pk>/",
        network_records.measurement_create,
        name="network_measurement_create",
    ),
    path("plans/new/", network_records.plan_edit, name="network_plan_create"),
    path("plans/<int:plan_pk>/", network_records.plan_edit, name="network_plan_edit"),
    path(
        "plans/<int:plan_pk>/agreements/new/",
        network_records.agreement_edit,
        name="network_agreement_create",
    ),
    path(
        "plans/<int:plan_pk>/agreements/<int:agreement_pk>/",
        network_records.agreement_edit,
        name="network_agreement_edit",
    ),
    path("print/", network_records.network_print, name="network_print"),
]
