from django.urls import path

from . import views, views_choose, views_dashboard

app_name = "findings"
urlpatterns = [
    path("", views.finding_list, name="list"),
    path("new/", views.finding_create, name="finding_create"),
    path("coding/", views.coding, name="coding"),
    path("coding/quotes/<int:pk>/", views.quote_code, name="quote_code"),
    path("focus-groups/", views.focus_group_list, name="focus_groups"),
    path("focus-groups/<int:pk>/", views.focus_group_detail, name="focus_group"),
    path("dashboard/", views_dashboard.dashboard_page, name="dashboard"),
    path("dashboard/table.csv", views_dashboard.dashboard_csv, name="dashboard_csv"),
    path("dashboard/durable-ties/", views_dashboard.durable_ties_page, name="durable_ties"),
    path(
        "dashboard/durable-ties/table.csv",
        views_dashboard.durable_ties_csv,
        name="durable_ties_csv",
    ),
    path("research-export/", views_dashboard.research_export, name="research_export"),
    path(
        "research-export/research-export.csv",
        views_dashboard.research_export_csv,
        name="research_export_csv",
    ),
    path(
        "research-export/network-structure.zip",
        views_dashboard.research_network_zip,
        name="research_network_zip",
    ),
    path("participants/<int:pk>/choose/", views_choose.choose_model, name="choose_model"),
]
