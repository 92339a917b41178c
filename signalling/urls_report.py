from django.urls import path

from . import views_report

app_name = "signals_report"

urlpatterns = [
    path("", views_report.report, name="report"),
    path("report.csv", views_report.report_download, name="report_csv"),
]
