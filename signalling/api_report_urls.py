from django.urls import path

from .api_report import SignalsReportView

urlpatterns = [
    path("signals-report/", SignalsReportView.as_view(), name="api_signals_report"),
]
