from django.urls import path

from . import views, views_directory

app_name = "workmodels"
urlpatterns = [
    path("", views.work_model_index, name="list"),
    path("directory/", views_directory.initiative_list, name="directory"),
    path("directory/new/", views_directory.initiative_edit, name="initiative_create"),
    path("directory/export/", views_directory.initiative_export, name="directory_export"),
    path("directory/import/", views_directory.initiative_import, name="directory_import"),
    path(
        "directory/import/confirm/",
        views_directory.initiative_import_confirm,
        name="directory_import_confirm",
    ),
    path("directory/<int:pk>/", views_directory.initiative_detail, name="initiative"),
    path("directory/<int:pk>/edit/", views_directory.initiative_edit, name="initiative_edit"),
    path("directory/<int:pk>/delete/", views_directory.initiative_delete, name="initiative_delete"),
    path("<slug:code>/", views.work_model_detail, name="detail"),
    path("<slug:code>/additions/", views.work_model_addition_edit, name="addition_edit"),
]
