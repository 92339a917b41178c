"""API routes for findings, under /api/."""

from django.urls import path

from . import views

urlpatterns = [
    path("findings/", views.FindingListView.as_view(), name="api_findings"),
    path(
        "what-works-for-whom/",
        views.WhatWorksForWhomView.as_view(),
        name="api_what_works_for_whom",
    ),
]
