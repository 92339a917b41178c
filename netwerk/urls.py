from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

from . import health, offline, reauth, views

# The technical admin site uses the same log-in (and two-factor step) as the application.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Netwerk"

urlpatterns = [
    path("", views.home, name="home"),
    path("health/", health.health, name="health"),
    path("sw.js", offline.service_worker, name="service_worker"),
    path("manifest.webmanifest", offline.manifest, name="web_manifest"),
    path("offline/sync/", offline.sync, name="offline_sync"),
    path("i18n/setlang/", views.language_switch, name="set_language"),
    path("download/", reauth.download_resume, name="download_resume"),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("participants/", include("participants.urls")),
    path("buddies/", include("buddies.urls")),
    path("groups/", include("groups.urls")),
    path("work-models/", include("workmodels.urls")),
    path("findings/", include("findings.urls")),
    path("notifications/", include("notifications.urls")),
    path("referrals/", include("referrals.urls")),
    path("calendar/", include("calendars.urls")),
    path("signals-report/", include("signalling.urls_report")),
    path("signals/", include("signalling.urls")),
    path("safety/", include("safety.urls")),
    path("messages/", include("messaging.urls")),
    path("api/", include("netwerk.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="api_schema"), name="api_docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api_schema"), name="api_redoc"),
    path("admin/", admin.site.urls),
]

# An incident id on the error page, the detail in the log (netwerk/errors.py).
handler500 = "netwerk.errors.server_error"
