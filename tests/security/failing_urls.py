"""A test-only urlconf: the project's pages plus one view that fails."""

from django.contrib.auth.decorators import login_not_required
from django.urls import path

from netwerk.urls import handler500
from netwerk.urls import urlpatterns as project_urlpatterns

__all__ = ["handler500", "urlpatterns"]


@login_not_required  # anonymous: the error page, not the log-in page
def boom(request):
    raise RuntimeError("secret detail that belongs in the log only")


urlpatterns = [path("boom/", boom), *project_urlpatterns]
