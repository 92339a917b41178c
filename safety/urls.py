from django.urls import path

from . import views

app_name = "safety"
urlpatterns = [
    path(
        "participants/<int:pk>/new/",
        views.flag_create_participant,
        name="flag_create_participant",
    ),
    path("matches/<int:pk>/new/", views.flag_create_match, name="flag_create_match"),
    path("worries/<int:pk>/new/", views.flag_from_worry, name="flag_from_worry"),
    path("flags/<int:pk>/", views.flag_detail, name="flag_detail"),
    path("flags/<int:pk>/pass-on/", views.flag_pass_on, name="flag_pass_on"),
    path("flags/<int:pk>/end/", views.flag_end, name="flag_end"),
    path("flags/<int:pk>/confirm-end/", views.flag_confirm_end, name="flag_confirm_end"),
]
