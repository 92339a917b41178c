from django.urls import path

from . import views

app_name = "calendars"

urlpatterns = [
    path("", views.feed_settings, name="settings"),
    path("new/", views.feed_new, name="new"),
    path("<int:pk>/revoke/", views.feed_revoke, name="revoke"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
