"""API routes for the directory of initiatives, under /api/ (include with prefix "")."""

from django.urls import path

from .api import InitiativeListView

urlpatterns = [
    path("initiatives/", InitiativeListView.as_view(), name="api_initiatives"),
]
