from django.urls import path

from . import views

app_name = "messaging"

urlpatterns = [
    path("participant/<int:pk>/", views.compose_participant, name="compose_participant"),
    path("participant/<int:pk>/log/", views.participant_log, name="participant_log"),
    path("volunteer/<int:pk>/", views.compose_volunteer, name="compose_volunteer"),
    path("volunteer/<int:pk>/log/", views.volunteer_log, name="volunteer_log"),
    path("group/<int:pk>/", views.compose_group, name="compose_group"),
    path("volunteers/<slug:status>/", views.compose_volunteers, name="compose_volunteers"),
    path("templates/", views.template_list, name="templates"),
    path("templates/<int:pk>/", views.template_edit, name="template_edit"),
    path("letters/", views.letters, name="letters"),
    path("letters/posted/", views.letters_done, name="letters_done"),
    path("calls/", views.calls, name="calls"),
    path("<int:pk>/done/", views.hand_done, name="hand_done"),
    path("preference/", views.own_preference, name="preference"),
]
