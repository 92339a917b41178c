"""API routes for the volunteer pool, buddy requests, matching and matches, under /api/."""

from django.urls import path

from . import views

urlpatterns = [
    path("buddies/volunteers/", views.VolunteerListView.as_view(), name="api_buddy_volunteers"),
    path(
        "buddies/volunteers/<int:pk>/",
        views.VolunteerDetailView.as_view(),
        name="api_buddy_volunteer",
    ),
    path("buddies/requests/", views.RequestListView.as_view(), name="api_buddy_requests"),
    path("buddies/requests/<int:pk>/", views.RequestDetailView.as_view(), name="api_buddy_request"),
    path(
        "buddies/requests/<int:pk>/suggestions/",
        views.RequestSuggestionsView.as_view(),
        name="api_buddy_request_suggestions",
    ),
    path(
        "buddies/requests/<int:pk>/set-aside/",
        views.RequestSetAsideView.as_view(),
        name="api_buddy_request_set_aside",
    ),
    path("buddies/proposals/", views.ProposalBatchView.as_view(), name="api_buddy_proposals"),
    path("buddies/matches/", views.MatchListView.as_view(), name="api_buddy_matches"),
    path("buddies/matches/<int:pk>/", views.MatchDetailView.as_view(), name="api_buddy_match"),
    path(
        "buddies/matches/<int:pk>/transitions/",
        views.MatchTransitionView.as_view(),
        name="api_buddy_match_transition",
    ),
    path(
        "buddies/matches/<int:pk>/contacts/",
        views.ContactLogListView.as_view(),
        name="api_buddy_match_contacts",
    ),
    path(
        "buddies/matches/<int:pk>/check-ins/",
        views.CheckInListView.as_view(),
        name="api_buddy_match_check_ins",
    ),
]
