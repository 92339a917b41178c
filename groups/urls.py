from django.urls import path

from .views import attendance, figures, groups, members, placements, ties

app_name = "groups"
urlpatterns = [
    path("", groups.group_index, name="list"),
    path("new/", groups.group_create, name="create"),
    path("figures/", figures.figures, name="figures"),
    path("figures.csv", figures.figures_csv, name="figures_csv"),
    path("<int:pk>/", groups.group_detail, name="detail"),
    path("<int:pk>/edit/", groups.group_edit, name="edit"),
    path("<int:pk>/members/", groups.member_add, name="member_add"),
    path("<int:pk>/delete/", members.group_delete, name="delete"),
    path("<int:pk>/members/<int:member_pk>/leave/", members.member_leave, name="member_leave"),
    path("<int:pk>/members/<int:member_pk>/rejoin/", members.member_rejoin, name="member_rejoin"),
    path(
        "<int:pk>/members/<int:member_pk>/completion/",
        members.member_completion,
        name="member_completion",
    ),
    path("<int:pk>/members/<int:member_pk>/certificate/", groups.certificate, name="certificate"),
    path("<int:pk>/sessions/", groups.session_create, name="session_create"),
    path("<int:pk>/signals/<int:signal_pk>/resolve/", groups.signal_resolve, name="signal_resolve"),
    path("sessions/<int:pk>/", attendance.attendance, name="attendance"),
    path(
        "sessions/<int:pk>/toggle/<int:member_pk>/",
        attendance.attendance_toggle,
        name="attendance_toggle",
    ),
    path("sessions/<int:pk>/ties/", ties.tie_create, name="tie_create"),
    path("ties/<int:pk>/<slug:decision>/", ties.tie_decide, name="tie_decide"),
    path("file/<int:participant_pk>/", placements.file_card, name="file_card"),
    path(
        "placements/<int:participant_pk>/new/", placements.placement_edit, name="placement_create"
    ),
    path(
        "placements/<int:participant_pk>/<int:pk>/",
        placements.placement_edit,
        name="placement_edit",
    ),
]
