"""API routes for safety flags, under /api/."""

from django.urls import path

from . import views

urlpatterns = [
    path("safety/flags/", views.FlagListView.as_view(), name="api_flags"),
    path("safety/flags/<int:pk>/", views.FlagDetailView.as_view(), name="api_flag"),
    path("safety/flags/<int:pk>/pass-on/", views.FlagPassOnView.as_view(), name="api_flag_pass_on"),
    path("safety/flags/<int:pk>/end/", views.FlagEndView.as_view(), name="api_flag_end"),
    path(
        "safety/flags/<int:pk>/confirm-end/",
        views.FlagConfirmEndView.as_view(),
        name="api_flag_confirm_end",
    ),
    path("safety/kinds/", views.FlagKindListView.as_view(), name="api_flag_kinds"),
]
