from django.urls import path

from .views import file_card, interests, matches, matching, pool, requests, volunteer

app_name = "buddies"
urlpatterns = [
    # coordinator and org admin
    path("volunteers/", pool.volunteer_list, name="volunteer_list"),
    path("volunteers/new/", pool.volunteer_create, name="volunteer_create"),
    path("volunteers/<int:pk>/", pool.volunteer_edit, name="volunteer_edit"),
    path("volunteers/<int:pk>/invite/", pool.volunteer_invite, name="volunteer_invite"),
    path("interests/", interests.interest_list, name="interest_list"),
    path("interests/<int:pk>/", interests.interest_edit, name="interest_edit"),
    path("interests/<int:pk>/delete/", interests.interest_delete, name="interest_delete"),
    path("settings/", pool.buddy_settings, name="settings"),
    path("requests/", matching.waiting_list, name="waiting_list"),
    path("requests/<int:pk>/edit/", requests.request_edit, name="request_edit"),
    path("requests/<int:pk>/delete/", requests.request_delete, name="request_delete"),
    path("requests/<int:pk>/suggestions/", matching.suggestions, name="suggestions"),
    path("requests/<int:pk>/propose/", matching.propose, name="propose"),
    path("requests/<int:pk>/set-aside/", matching.set_aside, name="set_aside"),
    path("batch/", matching.batch, name="batch"),
    path("matches/", matches.match_board, name="match_board"),
    path("matches/figures/", matches.match_figures, name="figures"),
    path("matches/<int:pk>/", matches.match_detail, name="match_detail"),
    path("matches/<int:pk>/check-ins/", matches.check_in_add, name="check_in_add"),
    path("matches/<int:pk>/contacts/", matches.contact_add, name="contact_add"),
    path("matches/<int:pk>/agreements/", matches.agreements_edit, name="agreements_edit"),
    path(
        "matches/<int:pk>/start-closing/",
        matches.start_closing_confirm,
        name="start_closing_confirm",
    ),
    path("matches/<int:pk>/<slug:action>/", matches.match_transition, name="match_transition"),
    # social worker
    path("requests/new/", matching.request_create, name="request_create"),
    path(
        "participants/<int:participant_pk>/",
        file_card.participant_buddy,
        name="participant_buddy",
    ),
    # volunteer
    path("my/contacts/<int:pk>/", volunteer.contact_detail, name="my_contact"),
    path("my/contacts/<int:pk>/log/", volunteer.contact_log, name="my_contact_log"),
    path("my/contacts/<int:pk>/worry/", volunteer.raise_worry, name="my_contact_worry"),
    path("my/profile/", volunteer.my_profile, name="my_profile"),
]
