"""Every API endpoint opened the way a browser opens it (``Accept: text/html,...``), by every
role: an answer, never a server error (issue 13, defect 3: DRF's browsable API answered 500 on
the hand-written views). The API speaks JSON; the documentation pages stay HTML."""

import pytest
from django.urls import reverse

from .test_access_matrix import PATTERNS, QUERY, _kwargs
from .urls_walk import is_api_view, url_views
from .world import ROLES

pytestmark = pytest.mark.django_db

BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
VIEWS = url_views()
API_NAMES = sorted(name for name in PATTERNS if is_api_view(VIEWS[name]))
HTML_DOCUMENTATION = {"api_docs", "api_redoc"}


def test_the_walk_finds_the_api():
    assert len(API_NAMES) > 30
    assert "api_participants" in API_NAMES


@pytest.mark.parametrize("name", API_NAMES)
def test_an_api_endpoint_opened_in_a_browser_answers_without_a_server_error(world, name):
    url = reverse(name, kwargs=_kwargs(world, name, PATTERNS[name]))
    url += QUERY[name](world) if name in QUERY else ""
    for role in ROLES:
        response = world.clients[role].get(url, HTTP_ACCEPT=BROWSER_ACCEPT)
        assert response.status_code < 500, (name, role, response.status_code)
        if response.status_code == 200 and name not in HTML_DOCUMENTATION:
            content_type = response["Content-Type"]
            assert not content_type.startswith("text/html"), (name, role, content_type)
