"""API routes for group work, under /api/."""

from django.urls import path

from . import views

urlpatterns = [
    path("groups/", views.GroupListView.as_view(), name="api_groups"),
    path("groups/<int:pk>/", views.GroupDetailView.as_view(), name="api_group"),
    path("groups/<int:pk>/members/", views.MemberListView.as_view(), name="api_group_members"),
    path("groups/<int:pk>/sessions/", views.SessionListView.as_view(), name="api_group_sessions"),
    path(
        "group-sessions/<int:pk>/attendance/",
        views.AttendanceView.as_view(),
        name="api_group_session_attendance",
    ),
    path("placements/", views.PlacementListView.as_view(), name="api_placements"),
    path("placements/<int:pk>/", views.PlacementDetailView.as_view(), name="api_placement"),
]
