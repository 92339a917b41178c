"""Error pages with an incident id, and a log filter that keeps query strings out of the logs.

The 500 page shows a short incident id; the log line with that id holds the detail (the
exception and the path), never the request body or the query string, which may hold personal
data. Support finds the log line from the id a person reads to them.
"""

import logging
import re
import uuid

from django.http import HttpRequest, HttpResponseServerError
from django.template.loader import render_to_string
from django.utils import translation

logger = logging.getLogger("netwerk.errors")

# A query string inside a logged string: from "?" up to a space, a quote or the end.
_QUERY = re.compile(r"\?[^\s\"']*")


def strip_query(text: str) -> str:
    return _QUERY.sub("", text)


def server_error(request: HttpRequest, *args, **kwargs) -> HttpResponseServerError:
    """handler500: log the exception under a fresh incident id and show that id.

    The page is rendered without the request (so no context processor runs): the database may be
    what failed.
    """
    incident = uuid.uuid4().hex[:12]
    logger.error(
        "Server error, incident %s: %s %s",
        incident,
        request.method,
        request.path,
        exc_info=True,
        extra={"incident_id": incident},
    )
    content = render_to_string(
        "500.html",
        {"incident_id": incident, "LANGUAGE_CODE": translation.get_language() or "nl"},
    )
    return HttpResponseServerError(content)


class StripQueryStringFilter(logging.Filter):
    """Remove query strings from log records (django.request, django.server).

    Django logs the path of every 4xx/5xx response and the development server logs the request
    line; a caseload search or an old bookmark could put a name there. The record's `request`
    (with its GET data) is dropped too, so no handler can print it.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = strip_query(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                strip_query(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        if hasattr(record, "request"):
            record.request = None
        return True
