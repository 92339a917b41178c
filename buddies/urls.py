from django.urls import path

from . import views

app_name = "buddies"
urlpatterns = [
    path("volunteers/", views.volunteer_list, name="volunteer_list"),
]
