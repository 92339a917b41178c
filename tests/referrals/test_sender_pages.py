"""The sender's pages: refer from the file (choose, fill in, preview, confirm), the card, the
detail, the letter, the e-mail's retry and the withdrawal."""

import pytest
from django.core import mail
from django.utils import timezone

from participants.models import Participant
from referrals.models import Referral, SharedItem

from .sender_fixtures import *  # noqa: F403  (fixtures of the sending side)

pytestmark = pytest.mark.django_db


def _form(initiative, **overrides):
    data = {
        "initiative": initiative.pk,
        "work_model": initiative.work_models.first().pk,
        "reason": "Ik voel me alleen sinds mijn man stierf.",
        "consent_method": "oral",
        "consent_given_on": timezone.localdate().isoformat(),
        "consent_purpose": "Een buddy zoeken",
    }
    data.update(overrides)
    return data


def test_the_refer_page_lets_the_worker_choose_from_the_shared_directory(
    login, social_worker, participant, on_netwerk, outside
):
    response = login(social_worker).get(f"/referrals/file/{participant.pk}/refer/?text=Buddy")
    assert response.status_code == 200
    assert b"Buddy Elders" in response.content
    assert "Zit op Netwerk: doorverwijzen kan rechtstreeks" in response.content.decode()
    assert "Praatcafé De Brug" not in response.content.decode()


def test_a_valid_form_shows_a_preview_and_only_confirming_sends(
    login, social_worker, participant, on_netwerk
):
    client = login(social_worker)
    url = f"/referrals/file/{participant.pk}/refer/"
    data = _form(on_netwerk, shared_items=[SharedItem.LANGUAGES])
    preview = client.post(url, data)
    assert preview.status_code == 200
    page = preview.content.decode()
    page = page[page.index('<article class="nw-document">') :]  # what goes to the receiver
    assert "Amina" in page and "Arabisch" in page
    assert "Zyxwerhelst" not in page and "0470" not in page
    assert "eigen" in page  # the receiver keeps it as its own controller
    assert not Referral.objects.exists()
    response = client.post(url, {**data, "confirm": "yes"})
    referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/referrals/sent/{referral.pk}/"
    assert referral.shared_items == ["first_name", "languages", "reason"]


def test_an_invalid_form_comes_back_with_the_input_and_400(
    login, social_worker, participant, on_netwerk
):
    data = _form(on_netwerk, reason="", consent_purpose="Dit blijft staan")
    response = login(social_worker).post(f"/referrals/file/{participant.pk}/refer/", data)
    assert response.status_code == 400
    assert b"Dit blijft staan" in response.content


def test_a_consent_in_the_future_is_refused_on_the_form(
    login, social_worker, participant, on_netwerk
):
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    data = _form(on_netwerk, consent_given_on=tomorrow.isoformat(), confirm="yes")
    response = login(social_worker).post(f"/referrals/file/{participant.pk}/refer/", data)
    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_a_closed_file_says_why_it_cannot_be_referred(
    login, social_worker, participant, on_netwerk
):
    Participant.objects.filter(pk=participant.pk).update(
        status=Participant.Status.CLOSED, closed_on=timezone.localdate()
    )
    client = login(social_worker)
    url = f"/referrals/file/{participant.pk}/refer/?initiative={on_netwerk.pk}"
    response = client.get(url)
    assert response.status_code == 400
    response = client.post(url, {**_form(on_netwerk), "confirm": "yes"})
    assert response.status_code == 400
    assert not Referral.objects.exists()


def test_the_detail_shows_what_was_shared_steps_and_messages_never_the_receivers_file(
    login, social_worker, send, on_netwerk, other_org_admin
):
    from referrals.services.steps import message_post, step_record

    referral = send(on_netwerk)
    step_record(
        membership=other_org_admin, referral=referral, status="accepted", note="Welkom bij ons"
    )
    message_post(membership=other_org_admin, referral=referral, text="Wanneer kan ze langskomen?")
    response = login(social_worker).get(f"/referrals/sent/{referral.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Welkom bij ons" in page and "Wanneer kan ze langskomen?" in page
    assert "Ik wil iemand om mee te wandelen." in page


def test_the_letter_lists_the_initiative_and_only_what_was_agreed(
    login, social_worker, send, outside
):
    referral = send(outside, shared_items=[SharedItem.CONTACT])
    response = login(social_worker).get(f"/referrals/sent/{referral.pk}/letter/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Kerkstraat 1, Gent" in page and "0470 12 34 56" in page
    assert "Zyxwerhelst" not in page and "1984" not in page


def test_the_email_is_sent_after_confirming_and_can_be_retried(
    login, social_worker, participant, outside, settings
):
    client = login(social_worker)
    settings.EMAIL_BACKEND = "tests.referrals.test_sender_services.FailingBackend"
    data = {**_form(outside, email_consented="on"), "confirm": "yes"}
    response = client.post(f"/referrals/file/{participant.pk}/refer/", data, follow=True)
    referral = Referral.objects.get()
    assert referral.email_consented and referral.emailed_at is None
    assert "niet verstuurd" in response.content.decode()
    assert f"/referrals/sent/{referral.pk}/email/" in response.content.decode()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client.post(f"/referrals/sent/{referral.pk}/email/")
    referral.refresh_from_db()
    assert referral.emailed_at is not None
    assert len(mail.outbox) == 1


def test_the_withdrawal_page_says_what_happens_and_only_a_confirmation_acts(
    login, social_worker, send, on_netwerk
):
    referral = send(on_netwerk)
    client = login(social_worker)
    url = f"/referrals/sent/{referral.pk}/withdraw/"
    page = client.get(url).content.decode()
    assert "Er wordt niets meer gedeeld" in page
    client.post(url)
    referral.refresh_from_db()
    assert referral.consent_withdrawn_on is None
    response = client.post(
        url, {"confirm": "yes", "withdrawn_on": timezone.localdate().isoformat()}
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert referral.consent_withdrawn_on == timezone.localdate()


def test_the_file_card_lists_the_files_referrals(
    login, social_worker, participant, send, on_netwerk
):
    send(on_netwerk)
    response = login(social_worker).get(
        f"/referrals/file/{participant.pk}/sent/", headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert b"Buddy Elders" in response.content
    assert f"/referrals/file/{participant.pk}/refer/".encode() in response.content


def test_the_file_page_has_the_card_and_the_timeline_entry(
    login, social_worker, participant, send, on_netwerk
):
    send(on_netwerk)
    page = login(social_worker).get(f"/participants/{participant.pk}/").content.decode()
    assert f"/referrals/file/{participant.pk}/sent/" in page
    assert "Doorverwezen" in page


@pytest.mark.parametrize("count", [1, 8])
def test_the_card_and_the_list_take_a_constant_number_of_queries(
    login, social_worker, participant, send, on_netwerk, count, django_assert_max_num_queries
):
    for _ in range(count):
        send(on_netwerk)
    client = login(social_worker)
    client.get("/referrals/sent/")  # warm the session
    with django_assert_max_num_queries(14):
        assert client.get(f"/referrals/file/{participant.pk}/sent/").status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/referrals/sent/").status_code == 200


def test_confirming_the_preview_twice_sends_once(login, social_worker, participant, on_netwerk):
    """Back + resubmit and a double click on the preview's "send" (the browser suite's
    generic check fills in the first step only: tests/browser/test_submit_once.py)."""
    import re

    from netwerk.submit_once import FIELD

    client = login(social_worker)
    url = f"/referrals/file/{participant.pk}/refer/"
    preview = client.post(url, _form(on_netwerk)).content.decode()
    token = re.search(rf'name="{FIELD}" value="([^"]+)"', preview).group(1)
    confirm = {**_form(on_netwerk), "confirm": "yes", FIELD: token}
    first = client.post(url, confirm)
    again = client.post(url, confirm)
    assert first.status_code == 302
    assert again.status_code < 500  # the page says it was sent already
    assert Referral.objects.count() == 1
