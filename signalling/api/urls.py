"""API routes for structural signals, under /api/."""

from django.urls import path

from . import views

urlpatterns = [
    path("signals/", views.SignalListView.as_view(), name="api_signals"),
    path("signals/<int:pk>/", views.SignalDetailView.as_view(), name="api_signal"),
    path("signals/<int:pk>/release/", views.SignalReleaseView.as_view(), name="api_signal_release"),
    path("signal-themes/", views.ThemeListView.as_view(), name="api_signal_themes"),
]
