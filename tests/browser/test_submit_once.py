"""Back + resubmit and a double click on every create form save once (netwerk/submit_once.py).

One test per create page (every view decorated with `@submit_once`, found from the URL
patterns, so a new create form is covered without writing a test for it). Each finds a page
that shows the form (the world of tests/security/world.py, opened as every role by the test
client), opens it in Chromium as that role, fills it in the way a person would (every empty
field Django marks required gets a plausible value; FILL gives a form what it needs beyond
that), and:

* sends it: something is created;
* goes back and sends it again: nothing more is created, the page says it was already sent
  (an htmx form is replaced by a fresh one after saving: there, going back leaves the page);
* opens it anew, fills it in and double-clicks the button: saved once, not twice;
* sends one filled-in form twice at the same moment (two fetches): saved once, not twice.

The world is built once for the module and committed (the server runs in its own thread), and
the database is emptied again afterwards. Axe checks every page on the way (harness.py).
"""

import contextlib
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from pytest_django.live_server_helper import LiveServer

from accounts.models import AuditEvent
from netwerk.submit_once import FIELD, is_submit_once
from tests.database import restore_the_migrated_database
from tests.security.test_access_matrix import MATRIX, PATTERNS, QUERY, R, _kwargs
from tests.security.test_form_tokens import EDITS_OF_A_CREATE_VIEW, WITHOUT_PAGE, _target
from tests.security.urls_walk import url_views
from tests.security.world import build_world

from . import harness
from .conftest import SESSION_KEY

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _reads(test_database, django_db_blocker):
    """Each test only reads, outside any transaction of its own: the server writes in its own
    thread, and its commits are seen at once. (A test transaction would hold SQLite's write
    lock, which a transaction there takes when it begins, for the whole test, and would see
    a snapshot of the database taken at its first read.)"""
    with django_db_blocker.unblock():
        yield


CREATE_VIEWS = sorted(
    name
    for name, view in url_views().items()
    if is_submit_once(view) and name not in WITHOUT_PAGE.keys() | EDITS_OF_A_CREATE_VIEW
)
# Values a form needs beyond "something plausible in every empty field" (by field name).
FILL: dict[str, dict[str, str]] = {
    # A volunteer without a log-in needs a first name (the form cannot require it: a log-in
    # brings its own name).
    "buddies:volunteer_create": {"first_name": "Mimi"},
    "participants:consent_give": {"consent-purpose": "research"},  # file consent is given
    "participants:network_agreement_create": {"carried_by": "Zus Leen"},
    # Two different people (the first two of the list know each other not yet).
    "participants:network_tie_create": {"tie-member_b": "@second"},
    "referrals:inbox_accept": {"consent_method": "oral"},  # required once a new file is opened
    # Someone other than the absent worker ("@second": a select's second choice).
    "participants:stand_ins": {"stand_in": "@second"},
    # A story without a word the name check takes for a name ("Test" is a name in the world).
    "signalling:record": {"story": "De bus rijdt niet meer op zondag."},
    "signalling:record_file": {"story": "De bus rijdt niet meer op zondag."},
    "signalling:record_match": {"story": "De bus rijdt niet meer op zondag."},
    "signalling:record_session": {"story": "De bus rijdt niet meer op zondag."},
    "safety:flag_create_participant": {"text": "Niet alleen op huisbezoek gaan."},
    "safety:flag_create_match": {"text": "Niet alleen op huisbezoek gaan."},
}

FILL_SCRIPT = """
([form, extra]) => {
  // Today on the browser's clock (its time zone is the server's), not in UTC: just after
  // midnight the two differ by a day.
  const now = new Date();
  const local = new Date(now.getTime() - now.getTimezoneOffset() * 60000);
  const today = local.toISOString().slice(0, 10);
  for (const el of form.elements) {
    if (el.disabled || !el.name) continue;
    if (el.name in extra && extra[el.name] === '@second' && el.tagName === 'SELECT') {
      const options = [...el.options].filter((o) => o.value);
      el.value = (options[1] || options[0]).value;
      continue;
    }
    if (el.name in extra) { el.value = extra[el.name]; continue; }
    const type = (el.type || '').toLowerCase();
    if (['hidden', 'submit', 'button', 'file'].includes(type)) continue;
    if (!el.required && !['checkbox', 'radio'].includes(type)) continue;  // what Django requires
    if (el.tagName === 'SELECT') {
      if (el.multiple) {
        if (!el.selectedOptions.length && el.options.length) el.options[0].selected = true;
        continue;
      }
      if (!el.value) { const o = [...el.options].find((o) => o.value); if (o) el.value = o.value; }
      continue;
    }
    if (type === 'checkbox') {
      const group = form.querySelectorAll(`input[type=checkbox][name="${el.name}"]`);
      if (group.length > 1 && ![...group].some((c) => c.checked)) group[0].checked = true;
      continue;
    }
    if (type === 'radio') {
      const group = form.querySelectorAll(`input[type=radio][name="${el.name}"]`);
      if (![...group].some((r) => r.checked)) group[0].checked = true;
      continue;
    }
    if (el.value) continue;
    if (type === 'date') el.value = today;
    else if (type === 'time') el.value = el.name.includes('end') ? '11:00' : '10:00';
    else if (type === 'number') el.value = el.min && Number(el.min) > 1 ? el.min : '1';
    else if (type === 'email') el.value = 'nieuw' + Date.now() + '@example.org';
    else if (type === 'tel') el.value = '0470 12 34 56';
    else if (type === 'url') el.value = 'https://example.org';
    else el.value = 'Test ' + Date.now();
  }
}
"""
FORM_SELECTOR = "form:has(input[name='form_token'])"


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.actions: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self.actions.append([attrs.get("action") or "", False])
        elif tag == "input" and attrs.get("name") == FIELD and self.actions:
            self.actions[-1][1] = True


@pytest.fixture(scope="module")
def world(test_database, playwright, django_db_blocker):
    """The world, committed, with a client per role; emptied again after the module."""
    with django_db_blocker.unblock():
        world = build_world()
        # What a create form needs that the world has used up: a file without a buddy request,
        # a person with the volunteer role and no volunteer profile yet.
        from tests.buddies.conftest import make_participant
        from tests.factories import MembershipFactory

        fresh = make_participant(world.members["social_worker"])
        MembershipFactory(organisation=world.organisation, role="volunteer")
        world.clients = {}
        for role, membership in world.members.items():
            client = Client()
            client.force_login(membership.user)
            world.clients[role] = client
        world.hosts = _hosts(world)
        world.hosts["buddies:request_create"] = (
            f"/buddies/requests/new/?participant={fresh.pk}",
            "social_worker",
            "/buddies/requests/new/",
        )
        try:
            yield world
        finally:
            restore_the_migrated_database()


def _hosts(world) -> dict[str, tuple[str, str, str]]:
    """create view -> (page, role, the form's action) for the first page that shows it."""
    hosts: dict[str, tuple[str, str, str]] = {}
    for name in sorted(MATRIX):
        if name.startswith("api_") or name not in PATTERNS:
            continue
        url = reverse(name, kwargs=_kwargs(world, name, PATTERNS[name]))
        url += QUERY[name](world) if name in QUERY else ""
        for role, cell in zip(R, MATRIX[name].split(), strict=True):
            if role == "anonymous" or cell.split("/")[0] != "ok":
                continue
            response = world.clients[role].get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = _Forms()
            parser.feed(response.content.decode())
            for action, has_token in parser.actions:
                target = _target(action, url)
                if has_token and target not in hosts:
                    hosts[target] = (url, role, action or url)
    return hosts


@pytest.fixture(scope="module")
def server(world):
    server = LiveServer("localhost")
    server._live_server_modified_settings.enable()
    yield server
    server._live_server_modified_settings.disable()
    server.stop()


@pytest.fixture
def session(browser, server, request):
    session = harness.BrowserSession(browser, base_url=server.url, test_name=request.node.name)
    request.node.stash[SESSION_KEY] = session
    harness.activate(session)
    yield session
    harness.activate(None)
    session.close()


def _page_as(session, server, world, role):
    page = session.new_page()
    session.watch_for(page)
    client = world.clients[role]
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": server.url}])
    return page


def _form(page, action):
    path = action.split("?")[0]
    forms = page.locator(FORM_SELECTOR)
    for index in range(forms.count()):
        form = forms.nth(index)
        if (form.get_attribute("action") or page.url).split("?")[0].endswith(path):
            return form
    raise AssertionError(f"no form posting to {action} on {page.url}")


def _fill(page, form, name):
    form.evaluate(f"(form) => ({FILL_SCRIPT})([form, {_json(FILL.get(name, {}))}])")


def _json(value) -> str:
    import json

    return json.dumps(value)


CLICK = """(form, times) => {
  const button = form.querySelector('[type=submit]');
  for (let i = 0; i < times; i++) button.click();
}"""


def _send(page, form, is_htmx: bool, *, times: int = 1) -> None:
    """Click the form's button (by script: some sit in a closed disclosure) and wait for the
    answer: the next page, or htmx's swap."""
    if is_htmx:
        with page.expect_response(lambda r: r.request.method == "POST"):
            form.evaluate(CLICK, times)
        page.wait_for_timeout(300)
    else:
        with page.expect_navigation():
            form.evaluate(CLICK, times)
        page.wait_for_load_state()


def _created() -> int:
    return AuditEvent.objects.filter(action__in=["create", "invite"]).count()


def _errors(page) -> str:
    alerts = page.locator("[role='alert'], .errorlist")
    return " | ".join(alerts.nth(i).inner_text() for i in range(min(alerts.count(), 5)))


@pytest.mark.parametrize("name", CREATE_VIEWS)
def test_a_create_form_saves_once_after_back_resubmit_and_double_click(
    name, world, server, session, django_db_blocker
):
    assert name in world.hosts, f"no page of the world shows a form for {name}"
    page_url, role, action = world.hosts[name]
    page = _page_as(session, server, world, role)
    # A later send may be refused (the first took the last free place, a second request for
    # the same person): the form comes back with status 400, which Chromium logs.
    harness.allow_console_error(page, "status of 400")
    with django_db_blocker.unblock():
        # Send it once: something is created.
        page.goto(server.url + page_url)
        form = _form(page, action)
        is_htmx = form.get_attribute("hx-post") is not None
        _fill(page, form, name)
        before = _created()
        _send(page, form, is_htmx)
        after_first = _created()
        per_send = after_first - before  # a tie on the map is a tie and a network member
        assert per_send, f"{name}: nothing saved ({_errors(page)}); add values to FILL"

        # Back and send again: nothing more; the page says it was sent already.
        if not is_htmx:
            page.go_back()
            page.wait_for_load_state()
            _send(page, _form(page, action), is_htmx)
            assert _created() == after_first, f"{name}: back + resubmit saved twice"
            harness.check_a11y(page)
            assert "al verstuurd" in page.locator("main").inner_text(), page.url

        # A double click on a new form: one more, not two.
        page.goto(server.url + page_url)
        form = _form(page, action)
        _fill(page, form, name)
        before = _created()
        _send(page, form, is_htmx, times=2)
        page.wait_for_timeout(500)
        # At most what one send saves (nothing when the first took the last free place).
        saved = _created() - before
        assert saved <= per_send, f"{name}: a double click saved {saved}, one send {per_send}"

        # The same form sent twice at the same moment: one more, not two.
        page.goto(server.url + page_url)
        form = _form(page, action)
        _fill(page, form, name)
        before = _created()
        statuses = form.evaluate(
            """(form) => {
                const send = () => fetch(form.action || location.href,
                    {method: 'POST', body: new FormData(form), credentials: 'same-origin'});
                return Promise.all([send(), send()]).then((rs) => rs.map((r) => r.status));
            }"""
        )
        saved = _created() - before
        assert all(status < 500 for status in statuses), statuses
        assert saved <= per_send, f"{name}: two sends at once saved {saved} ({statuses})"
    with contextlib.suppress(Exception):
        page.close()
