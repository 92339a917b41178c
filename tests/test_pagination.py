"""One pagination for every list (templates/_pagination.html, with Django's {% querystring %}).

The links keep the list's other parameters (a filter, the caseload's key) and change only the
page; the navigation is named, in Dutch, and says which page is shown.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.paginator import Paginator
from django.http import QueryDict
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from tests.factories import ParticipantFactory

TEMPLATE = "_pagination.html"


def _render(url: str, number: int, **context) -> str:
    page = Paginator(range(30), 10).get_page(number)
    with translation.override("nl"):
        return render_to_string(
            TEMPLATE, {"page": page, **context}, request=RequestFactory().get(url)
        )


def test_the_links_keep_the_other_parameters_and_change_the_page():
    html = _render("/buddies/volunteers/?status=active&page=2", 2)
    assert '<nav aria-label="Pagina\'s">' in html
    assert 'href="?status=active&amp;page=1" rel="prev">Vorige</a>' in html
    assert '<li aria-current="page">Pagina 2 van 3</li>' in html
    assert 'href="?status=active&amp;page=3" rel="next">Volgende</a>' in html


def test_the_first_and_last_page_link_one_way():
    assert 'rel="prev"' not in _render("/x/", 1) and 'rel="next"' in _render("/x/", 1)
    assert 'rel="next"' not in _render("/x/", 3) and 'rel="prev"' in _render("/x/", 3)


def test_a_list_may_say_which_parameters_its_links_carry():
    html = _render("/participants/?q=Amina&page=2", 2, page_query=QueryDict("f=key"))
    assert 'href="?f=key&amp;page=3"' in html and "Amina" not in html


def test_one_page_shows_no_navigation():
    page = Paginator(range(5), 10).get_page(1)
    request = RequestFactory().get("/x/")
    assert render_to_string(TEMPLATE, {"page": page}, request=request).strip() == ""


def test_no_other_template_writes_page_links():
    templates = Path(settings.BASE_DIR) / "templates"
    writing = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if path.name != TEMPLATE and "page.next_page_number" in path.read_text(encoding="utf-8")
    ]
    assert not writing, f"Include {TEMPLATE} instead: {writing}"


@pytest.mark.django_db
def test_the_caseload_pages_by_its_key_after_a_search(social_worker, login):
    ParticipantFactory.create_batch(
        26,
        organisation=social_worker.organisation,
        social_worker=social_worker.user,
        last_name="Peeters",
    )
    response = login(social_worker).post("/participants/", {"q": "Peeters"}, HTTP_HX_REQUEST="true")
    key = response["HX-Push-Url"].split("?f=")[1]
    html = response.content.decode()
    assert f'href="?f={key}&amp;page=2" rel="next"' in html
    assert "Peeters" not in html.split('<nav aria-label="')[-1]  # the name stays out of links
