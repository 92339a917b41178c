"""The words a person reads: every page, as every role that may open it, in Dutch and English.

The pages are every URL pattern of the project (tests/security/urls_walk.py) opened by each
role for whom the access matrix (tests/security/test_access_matrix.py) says the page opens, on
the world of records of tests/security/world.py: a new page is checked without anyone adding
it here. Of each page only the text a person reads is checked (visible.py), against the rules
of rules.py: no developer words (snake_case codes, Python values such as True, None or
['nl']), no English from the UI's own catalogue on a Dutch page, no ISO dates and no decimal
points in Dutch, and no American dates in English.
"""

import pytest
from django.urls import reverse

from tests.security.test_access_matrix import MATRIX, PATTERNS, PENDING, QUERY, R, _kwargs

from .rules import DUTCH_RULES, ENGLISH_RULES, LANGUAGE_RULES
from .visible import visible_text

pytestmark = pytest.mark.django_db

# Pages outside the URL walk that a person meets all the same (django-allauth's).
EXTRA_PAGES = {
    "account_login": ("anonymous",),
    "account_reset_password": ("anonymous",),
    "mfa_index": ("social_worker",),
    "account_change_password": ("social_worker",),
    "account_email": ("social_worker",),
}


def _pages() -> list[str]:
    names = [name for name in sorted(PATTERNS) if not name.startswith("api_")]
    return names + sorted(EXTRA_PAGES)


def _roles(name: str) -> list[str]:
    if name in EXTRA_PAGES:
        return list(EXTRA_PAGES[name])
    cells = dict(zip(R, (MATRIX | PENDING)[name].split(), strict=True))
    return [role for role, cell in cells.items() if cell.split("/")[0] == "ok"]


def _url(world, name: str) -> str:
    if name in EXTRA_PAGES:
        return reverse(name)
    url = reverse(name, kwargs=_kwargs(world, name, PATTERNS[name]))
    return url + (QUERY[name](world) if name in QUERY else "")


def _problems(world, name: str, language: str, rules: dict) -> list[str]:
    url = _url(world, name)
    problems = []
    for role in _roles(name):
        client = world.clients[role]
        client.cookies["django_language"] = language
        response = client.get(url, follow=True)
        assert response.status_code < 500, (name, role)
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        for piece, lang in visible_text(response.content.decode()):
            for rule, find in rules.items():
                if lang not in (None, language) and rule in LANGUAGE_RULES:
                    continue  # a part in another language, marked as such
                for found in find(piece):
                    problems.append(f"{role} {url}: {rule} {found!r} in {piece[:120]!r}")
    return problems


@pytest.mark.parametrize("name", _pages())
def test_a_dutch_page_holds_only_plain_dutch(world, name):
    problems = _problems(world, name, "nl", DUTCH_RULES)
    assert not problems, "\n".join(dict.fromkeys(problems))


@pytest.mark.parametrize("name", _pages())
def test_an_english_page_holds_no_developer_words_nor_american_or_iso_dates(world, name):
    problems = _problems(world, name, "en", ENGLISH_RULES)
    assert not problems, "\n".join(dict.fromkeys(problems))
