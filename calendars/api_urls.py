"""API routes for calendar feeds, under /api/."""

from django.urls import path

from . import api

urlpatterns = [
    path("calendar-feeds/", api.FeedListView.as_view(), name="api_calendar_feeds"),
    path("calendar-feeds/<int:pk>/", api.FeedDetailView.as_view(), name="api_calendar_feed"),
    path(
        "calendar-feeds/<int:pk>/revoke/",
        api.FeedRevokeView.as_view(),
        name="api_calendar_feed_revoke",
    ),
]
