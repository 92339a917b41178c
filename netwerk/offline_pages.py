"""Which pages the volunteer's phone may keep for use without a connection.

The service worker (static/js/sw.js) stores a page only when the answer carries
`Netwerk-Offline: keep`; every other page (a coordinator's board, a file) is never stored,
whoever is signed in. Only the volunteer's own pages say so: their contacts (first name, how
to reach them, agreements), the forms to log a contact or raise a worry, and the attendance of
the groups they facilitate.
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse

from accounts.models import Role

OFFLINE_HEADER = "Netwerk-Offline"


def keep_offline(view: Callable) -> Callable:
    """Mark a volunteer's successful GET answer as one the phone may keep."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        membership = getattr(request, "membership", None)
        if (
            request.method == "GET"
            and response.status_code == 200
            and membership is not None
            and membership.role == Role.VOLUNTEER
        ):
            response[OFFLINE_HEADER] = "keep"
        return response

    return wrapper
