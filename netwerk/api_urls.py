from django.urls import include, path

from accounts.api import MeView
from workmodels.api import WorkModelListView

urlpatterns = [
    path("me/", MeView.as_view(), name="api_me"),
    path("work-models/", WorkModelListView.as_view(), name="api_work_models"),
    path("", include("participants.api.urls")),
    path("", include("participants.api.urls_network")),
    path("", include("participants.api.urls_network_exchange")),
    path("", include("buddies.api.urls")),
    path("", include("groups.api.urls")),
    path("", include("findings.api.urls")),
    path("", include("workmodels.api_urls")),
    path("", include("referrals.api.urls")),
    path("", include("calendars.api_urls")),
    path("", include("signalling.api_report_urls")),
    path("", include("signalling.api.urls")),
    path("", include("safety.api.urls")),
    path("", include("messaging.api.urls")),
]
