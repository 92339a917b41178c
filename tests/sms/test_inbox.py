"""The page of incoming SMS nobody handled yet: the organisation's staff see their own; org
admins also see texts from numbers Netwerk never wrote to; nobody sees another organisation's."""

import pytest
from django.utils import timezone
from django.utils.html import escape

from notifications.models import InboundMessage

pytestmark = pytest.mark.django_db

URL = "/notifications/sms/inbox/"


def _inbound(organisation, text, **fields):
    return InboundMessage.objects.create(
        organisation=organisation,
        from_number=fields.pop("from_number", "+32499111000"),
        text=text,
        received_at=timezone.now(),
        **fields,
    )


def test_staff_see_their_organisations_replies_and_org_admins_also_unknown_numbers(
    login, organisation, other_organisation, social_worker, org_admin
):
    _inbound(organisation, "Ja, ik kom")
    _inbound(None, "Wie is dit?", from_number="+32470000001")
    _inbound(other_organisation, "Elders")
    worker_page = login(social_worker).get(URL)
    assert worker_page.status_code == 200
    assert escape("Ja, ik kom") in worker_page.content.decode()
    assert "Wie is dit?" not in worker_page.content.decode()
    assert "Elders" not in worker_page.content.decode()
    admin_page = login(org_admin).get(URL).content.decode()
    assert "Wie is dit?" in admin_page and "Elders" not in admin_page


def test_marking_handled_removes_it_from_the_page(login, organisation, coordinator):
    inbound = _inbound(organisation, "Nee, ik kan niet")
    client = login(coordinator)
    response = client.post(f"{URL}{inbound.pk}/handled/")
    assert response.status_code == 302
    inbound.refresh_from_db()
    assert inbound.handled_at and inbound.handled_by == coordinator.user
    assert "Nee, ik kan niet" not in client.get(URL).content.decode()
    # Twice: it is no longer on the page, so 404.
    assert client.post(f"{URL}{inbound.pk}/handled/").status_code == 404


def test_another_organisations_message_cannot_be_marked(login, other_organisation, org_admin):
    inbound = _inbound(other_organisation, "Elders")
    assert login(org_admin).post(f"{URL}{inbound.pk}/handled/").status_code == 404
    assert InboundMessage.objects.get(pk=inbound.pk).handled_at is None


def test_the_page_costs_the_same_queries_for_many_messages(
    login, organisation, social_worker, django_assert_max_num_queries
):
    client = login(social_worker)
    _inbound(organisation, "een")
    with django_assert_max_num_queries(30) as few:
        client.get(URL)
    for n in range(40):
        _inbound(organisation, f"bericht {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(URL)


def test_staff_find_the_page_from_their_reminders_and_volunteers_do_not(
    login, social_worker, volunteer
):
    assert URL in login(social_worker).get("/notifications/").content.decode()
    assert URL not in login(volunteer).get("/notifications/").content.decode()
