from django.urls import path

from . import views

app_name = "notifications"

urlpatterns = [
    path("", views.reminder_list, name="list"),
    path("<int:pk>/open/", views.reminder_open, name="open"),
    path("<int:pk>/done/", views.reminder_done, name="done"),
    path("read-all/", views.reminder_read_all, name="read_all"),
    path("preference/", views.preference, name="preference"),
    path("rules/", views.rules_admin, name="rules"),
]
