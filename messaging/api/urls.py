"""API routes for messages, under /api/."""

from django.urls import path

from . import views

urlpatterns = [
    path("messages/", views.MessageListView.as_view(), name="api_messages"),
    path(
        "message-log/participants/<int:pk>/",
        views.ParticipantLogView.as_view(),
        name="api_participant_messages",
    ),
    path(
        "message-log/volunteers/<int:pk>/",
        views.VolunteerLogView.as_view(),
        name="api_volunteer_messages",
    ),
    path("preferences/me/", views.MyPreferenceView.as_view(), name="api_my_preference"),
    path(
        "preferences/participants/<int:pk>/",
        views.ParticipantPreferenceView.as_view(),
        name="api_participant_preference",
    ),
]
