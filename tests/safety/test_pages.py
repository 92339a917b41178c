"""Flags through the pages: raised on a file and on a match, a worry that becomes one, what the
volunteer reads, and ending a flag, which takes two people."""

import datetime

import pytest
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _

from accounts.models import AuditEvent
from buddies.models import ContactLog
from safety.models import Flag, FlagKind
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

SAME_PERSON = (
    "You asked to end this flag yourself. A second staff member must confirm it: "
    "that is the rule for ending a flag."
)


def _kind(organisation, code="aggression") -> FlagKind:
    return FlagKind.objects.get(organisation=organisation, code=code)


def _worry(match, volunteer, note="Haar ex-partner stond aan de deur en dreigde"):
    return ContactLog.objects.create(
        match=match,
        logged_by=volunteer.user,
        date=timezone.localdate() - datetime.timedelta(days=1),
        worried=True,
        worry_note=note,
    )


def test_every_organisation_gets_the_four_default_kinds():
    organisation = OrganisationFactory()
    codes = list(FlagKind.objects.filter(organisation=organisation).values_list("code", flat=True))
    assert codes == ["no_contact", "family_violence", "aggression", "medical"]


def test_the_social_worker_raises_a_flag_and_it_shows_at_the_top_of_the_file(
    login, social_worker, participant, organisation
):
    client = login(social_worker)
    url = f"/safety/participants/{participant.pk}/new/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"kind": _kind(organisation).pk, "text": "Roept naar medewerkers aan het loket"}
    )
    assert response.status_code == 302
    flag = Flag.objects.get()
    assert flag.participant == participant and flag.raised_by == social_worker.user
    page = client.get(f"/participants/{participant.pk}/").content.decode()
    banner_at = page.index("flag-banner")
    assert banner_at < page.index('class="timeline')
    assert "Roept naar medewerkers aan het loket" in page
    assert AuditEvent.objects.filter(
        action="create", object_type="safety.flag", object_id=str(flag.pk)
    ).exists()


def test_a_flag_without_text_is_refused_and_the_form_keeps_the_input(
    login, social_worker, participant, organisation
):
    response = login(social_worker).post(
        f"/safety/participants/{participant.pk}/new/",
        {"kind": _kind(organisation).pk, "text": "  "},
    )
    assert response.status_code == 400
    assert not Flag.objects.exists()
    assert b'<option value="%d" selected' % _kind(organisation).pk in response.content


def test_a_team_colleague_reads_the_flag_but_may_not_raise_one(
    login, colleague, social_worker, participant, organisation
):
    organisation.team_access = True
    organisation.save()
    from safety import services

    services.flag_raise(
        membership=social_worker, participant=participant, kind=_kind(organisation), text="Let op"
    )
    client = login(colleague)
    assert "Let op" in client.get(f"/participants/{participant.pk}/").content.decode()
    assert client.get(f"/safety/participants/{participant.pk}/new/").status_code == 403


def test_a_volunteers_worry_becomes_a_flag_the_social_worker_sees_on_the_file(
    login, coordinator, social_worker, volunteer, match, organisation
):
    worry = _worry(match, volunteer)
    client = login(coordinator)
    detail = client.get(f"/buddies/matches/{match.pk}/").content.decode()
    assert f"/safety/worries/{worry.pk}/new/" in detail
    form = client.get(f"/safety/worries/{worry.pk}/new/").content.decode()
    assert escape(worry.worry_note) in form  # prefilled
    response = client.post(
        f"/safety/worries/{worry.pk}/new/",
        {
            "kind": _kind(organisation, "no_contact").pk,
            "text": "Ex-partner niet contacteren, niet binnenlaten",
            "pass_on_to_volunteer": "on",
            "volunteer_text": "Laat niemand anders binnen tijdens je bezoek.",
        },
    )
    assert response.status_code == 302
    flag = Flag.objects.get()
    assert flag.match == match and flag.source_worry == worry and flag.pass_on_to_volunteer
    file_page = login(social_worker).get(f"/participants/{match.participant_id}/")
    assert "Ex-partner niet contacteren" in file_page.content.decode()
    # The volunteer reads the coordinator's words only.
    contact = login(volunteer).get(f"/buddies/my/contacts/{match.pk}/").content.decode()
    assert "Laat niemand anders binnen" in contact
    assert "Ex-partner niet contacteren" not in contact


def test_the_volunteer_sees_nothing_the_coordinator_did_not_pass_on(
    login, social_worker, volunteer, match, organisation
):
    from safety import services

    services.flag_raise(
        membership=social_worker,
        participant=match.participant,
        kind=_kind(organisation, "medical"),
        text="Epilepsie",
    )
    contact = login(volunteer).get(f"/buddies/my/contacts/{match.pk}/").content.decode()
    assert "Epilepsie" not in contact and "flag-banner" not in contact


def test_a_volunteer_cannot_turn_their_own_worry_into_a_flag(login, volunteer, match):
    worry = _worry(match, volunteer)
    assert login(volunteer).get(f"/safety/worries/{worry.pk}/new/").status_code == 404


def test_ending_a_flag_takes_two_people(
    login, social_worker, coordinator, participant, organisation
):
    from safety import services

    flag = services.flag_raise(
        membership=social_worker, participant=participant, kind=_kind(organisation), text="Let op"
    )
    worker = login(social_worker)
    assert worker.get(f"/safety/flags/{flag.pk}/end/").status_code == 200
    assert worker.post(f"/safety/flags/{flag.pk}/end/", {"reason": ""}).status_code == 400
    response = worker.post(f"/safety/flags/{flag.pk}/end/", {"reason": "Verhuisd, rustig nu"})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.ending_requested_by == social_worker.user and flag.ended_at is None
    page = worker.get(f"/participants/{participant.pk}/").content.decode()
    assert "Let op" in page and 'class="flag-ending"' in page
    # The same person cannot confirm.
    same = worker.post(f"/safety/flags/{flag.pk}/confirm-end/", {"confirm": "yes"})
    assert same.status_code == 400
    assert escape(_(SAME_PERSON)) in same.content.decode()
    flag.refresh_from_db()
    assert flag.ended_at is None
    # A coordinator sees the file's flags as far as they see the participant (a buddy request).
    other = login(coordinator)
    assert other.get(f"/safety/flags/{flag.pk}/confirm-end/").status_code == 200
    assert other.post(f"/safety/flags/{flag.pk}/confirm-end/").status_code == 200  # no confirm
    response = other.post(f"/safety/flags/{flag.pk}/confirm-end/", {"confirm": "yes"})
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.ended_by == coordinator.user
    page = worker.get(f"/participants/{participant.pk}/").content.decode()
    assert "flag-banner" not in page
    assert _("Safety flag ended") in page  # the timeline keeps it
    assert AuditEvent.objects.filter(
        object_type="safety.flag", action="update", actor=coordinator.user
    ).exists()


def test_a_researcher_and_another_organisation_see_no_flag(
    login, researcher, other_org_admin, social_worker, participant, organisation
):
    from safety import services

    flag = services.flag_raise(
        membership=social_worker, participant=participant, kind=_kind(organisation), text="Let op"
    )
    for member in (researcher, other_org_admin):
        assert login(member).get(f"/safety/flags/{flag.pk}/").status_code == 404


def test_the_rights_export_holds_the_flags_and_erasure_scrubs_them(
    social_worker, participant, organisation
):
    from participants.rights.erasure import PLACEHOLDER, Reason, participant_anonymise
    from participants.rights.export import export_sections
    from safety import services

    flag = services.flag_raise(
        membership=social_worker, participant=participant, kind=_kind(organisation), text="Let op"
    )
    sections = {s.key: s for s in export_sections(participant)}
    assert len(sections["safety_flags"].records) == 1
    participant_anonymise(membership=None, participant=participant, reason=Reason.REQUEST)
    flag.refresh_from_db()
    assert flag.text == PLACEHOLDER and flag.ended_at is not None
