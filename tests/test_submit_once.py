"""Every create form saves once: a token used once answers "already sent", never a duplicate.

The mechanism is netwerk/submit_once.py; a group stands in for every create form here
(tests/security/test_form_tokens.py checks that every create form carries the token,
tests/browser/test_submit_once.py goes back, resubmits and double-clicks each one).
"""

import datetime
import re
import threading
import time

import pytest
from django.db import connections
from django.test import Client
from django.utils import timezone

from groups import services as group_services
from groups.models import Group
from netwerk.models import SubmittedForm
from netwerk.submit_once import FIELD, new_token
from workmodels.models import WorkModel

pytestmark = pytest.mark.django_db


def _group_form(token, **fields):
    from accounts.models import Membership

    data = {
        "facilitators": [Membership.objects.filter(role="coordinator").first().user_id],
        "name": "Kookclub",
        "kind": Group.Kind.PEER_GROUP,
        "work_model": WorkModel.objects.get(code="peer").pk,
        "language": "nl",
        "starts_on": timezone.localdate().isoformat(),
        "reached_without_file": "0",
        FIELD: token,
        **fields,
    }
    return data


def test_the_create_form_carries_a_fresh_token_each_time_it_is_shown(login, coordinator):
    client = login(coordinator)
    first = client.get("/groups/new/").content.decode()
    second = client.get("/groups/new/").content.decode()
    pattern = rf'name="{FIELD}" value="([^"]+)"'
    assert re.search(pattern, first) and re.search(pattern, second)
    assert re.search(pattern, first).group(1) != re.search(pattern, second).group(1)


def test_sending_the_same_form_twice_saves_it_once_and_says_so(login, coordinator):
    client = login(coordinator)
    token = new_token()
    first = client.post("/groups/new/", _group_form(token))
    group = Group.objects.get()
    assert first.status_code == 302 and first["Location"] == f"/groups/{group.pk}/"

    again = client.post("/groups/new/", _group_form(token))
    assert Group.objects.count() == 1
    assert again.status_code == 200
    page = again.content.decode()
    assert "Dit formulier was al verstuurd" in page
    assert f'href="/groups/{group.pk}/"' in page
    # What was typed is kept, to save it as a new one on purpose, with a new token.
    assert 'name="name" value="Kookclub"' in page
    assert token not in page


def test_save_as_new_on_the_already_sent_page_creates_a_second_one(login, coordinator):
    client = login(coordinator)
    token = new_token()
    client.post("/groups/new/", _group_form(token))
    page = client.post("/groups/new/", _group_form(token)).content.decode()
    fresh = re.search(rf'name="{FIELD}" value="([^"]+)"', page).group(1)
    response = client.post("/groups/new/", _group_form(fresh))
    assert response.status_code == 302
    assert Group.objects.count() == 2


def test_an_invalid_form_keeps_its_token_free_to_send_again_corrected(login, coordinator):
    client = login(coordinator)
    token = new_token()
    response = client.post("/groups/new/", _group_form(token, name=""))
    assert response.status_code in (200, 400)
    assert not SubmittedForm.objects.exists()
    response = client.post("/groups/new/", _group_form(token))
    assert response.status_code == 302
    assert Group.objects.count() == 1


def test_a_refused_service_releases_the_token_too(login, coordinator):
    client = login(coordinator)
    token = new_token()
    today = timezone.localdate()
    response = client.post(
        "/groups/new/",
        _group_form(token, ends_on=(today - datetime.timedelta(days=1)).isoformat()),
    )
    assert response.status_code in (200, 400) and not Group.objects.exists()
    assert client.post("/groups/new/", _group_form(token)).status_code == 302


def test_htmx_gets_no_content_for_a_second_send(login, social_worker, organisation):
    from tests.groups.conftest import make_participant

    participant = make_participant(social_worker)
    client = login(social_worker)
    token = new_token()
    data = {
        "quick-date": timezone.localdate().isoformat(),
        "quick-duration_minutes": "30",
        "quick-work_model": WorkModel.objects.get(code="own_network").pk,
        "quick-kind": "conversation",
        "quick-summary": "Gesprek",
        FIELD: token,
    }
    url = f"/participants/{participant.pk}/interventions/"
    first = client.post(url, data, headers={"HX-Request": "true"})
    count = participant.interventions.count()
    second = client.post(url, data, headers={"HX-Request": "true"})
    assert first.status_code == 200 and count == 1, first.content.decode()[:2000]
    assert second.status_code == 204
    assert participant.interventions.count() == 1


def test_a_post_without_a_token_is_handled_as_before(login, coordinator):
    client = login(coordinator)
    data = _group_form("")
    del data[FIELD]
    client.post("/groups/new/", data)
    client.post("/groups/new/", data)
    assert Group.objects.count() == 2


def test_someone_else_never_learns_where_a_token_led(login, coordinator, org_admin):
    token = new_token()
    login(coordinator).post("/groups/new/", _group_form(token))
    group = Group.objects.get()
    page = login(org_admin).post("/groups/new/", _group_form(token))
    assert page.status_code == 200
    assert f"/groups/{group.pk}/" not in page.content.decode()
    assert Group.objects.count() == 1


def test_used_tokens_are_forgotten_after_a_month(login, coordinator):
    old = SubmittedForm.objects.create(token=new_token(), user=coordinator.user, path="/x/")
    SubmittedForm.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    login(coordinator).post("/groups/new/", _group_form(new_token()))
    assert not SubmittedForm.objects.filter(pk=old.pk).exists()
    assert SubmittedForm.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_sends_at_the_same_moment_save_once(coordinator, monkeypatch):
    """A double click: the second request waits at the token until the first is done."""
    original = group_services.group_create

    def slow_create(**kwargs):
        group = original(**kwargs)
        time.sleep(0.3)  # the second request arrives while the first is still saving
        return group

    monkeypatch.setattr(group_services, "group_create", slow_create)
    # get_or_create: a transactional test before this one flushed the migration's rows.
    WorkModel.objects.get_or_create(
        code="peer",
        defaults={"order": 3, "name_nl": "Lotgenotengroep", "name_en": "Peer group"},
    )
    token = new_token()
    answers = []

    def send():
        client = Client()
        client.force_login(coordinator.user)
        try:
            answers.append(client.post("/groups/new/", _group_form(token)).status_code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [200, 302]
    assert Group.objects.count() == 1
