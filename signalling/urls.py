from django.urls import path

from . import views, views_settings

app_name = "signalling"

urlpatterns = [
    path("", views.signal_list, name="list"),
    path("new/", views.signal_record, name="record"),
    path("new/file/<int:participant_pk>/", views.signal_record_file, name="record_file"),
    path("new/match/<int:match_pk>/", views.signal_record_match, name="record_match"),
    path("new/session/<int:session_pk>/", views.signal_record_session, name="record_session"),
    path("overview/", views.signal_overview, name="overview"),
    path("sharing/", views_settings.sharing, name="sharing"),
    path("themes/", views_settings.theme_list, name="themes"),
    path("themes/<int:pk>/", views_settings.theme_edit, name="theme_edit"),
    path("<int:pk>/", views.signal_detail, name="detail"),
    path("<int:pk>/edit/", views.signal_edit, name="edit"),
    path("<int:pk>/withdraw/", views.signal_withdraw, name="withdraw"),
    path("<int:pk>/release/", views.signal_release, name="release"),
    path("<int:pk>/unrelease/", views.signal_unrelease, name="unrelease"),
]
