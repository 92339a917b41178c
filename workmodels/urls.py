from django.urls import path

from . import views

app_name = "workmodels"
urlpatterns = [
    path("", views.work_model_index, name="list"),
]
