import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from accounts.models import AuditEvent
from signalling import services
from signalling.models import Signal, SignalTheme
from signalling.selectors import Source, source_for
from signalling.themes import DEFAULT_THEME_CODES
from tests.buddies.conftest import make_participant
from tests.factories import OrganisationFactory

from .conftest import record, theme

pytestmark = pytest.mark.django_db


def test_a_new_organisation_gets_every_default_theme_once():
    organisation = OrganisationFactory()
    codes = list(
        SignalTheme.objects.filter(organisation=organisation).values_list("code", flat=True)
    )
    assert sorted(codes) == sorted(DEFAULT_THEME_CODES)
    assert services.theme_defaults_create(organisation=organisation) == []


def test_the_default_themes_carry_dutch_names_in_a_dutch_instance():
    organisation = OrganisationFactory()
    assert theme(organisation, "transport").name == "Vervoer"
    assert theme(organisation, "non_take_up").name == "Niet-gebruik van rechten"


def test_recording_a_standalone_signal_is_audited_and_normalises_the_municipality(social_worker):
    signal = record(social_worker, municipality="  9000 ")
    assert signal.municipality == "Gent"
    assert signal.source_type == Signal.Source.STANDALONE
    assert signal.reported_by == social_worker.user
    event = AuditEvent.objects.get(action="create", object_type="signalling.signal")
    assert event.object_id == str(signal.pk)
    assert "story" in event.fields


def test_a_place_the_table_knows_gets_its_spelling(social_worker):
    assert record(social_worker, municipality="ANTWERPEN").municipality == "Antwerpen"
    assert record(social_worker, municipality="Sint  Amandsberg?").municipality == (
        "Sint Amandsberg?"
    )


def test_a_story_with_a_participants_name_is_refused_naming_the_word(social_worker):
    make_participant(social_worker, first_name="Zeynep", last_name="Van den Abeele")
    with pytest.raises(ValidationError) as refused:
        record(social_worker, story="Mevrouw ABEELE en zeynép kregen geen plaats.")
    message = refused.value.message_dict["story"][0]
    assert "ABEELE" in message and "zeynép" in message
    assert not Signal.objects.exists()


def test_name_particles_and_everyday_words_do_not_count_as_names(social_worker):
    make_participant(social_worker, first_name="Ben", last_name="Van der Wil")
    signal = record(social_worker, story="Ik ben van de dienst en wil dit melden.")
    assert signal.pk


def test_a_network_member_role_is_no_name_but_its_first_name_is(social_worker):
    from participants.services import network

    participant = make_participant(social_worker, first_name="Aster", last_name="Kebede")
    network.network_member_create(
        membership=social_worker,
        participant=participant,
        data={"label": "Buurman Hamid", "sector": "neighbours", "ring": "acquaintance"},
    )
    record(social_worker, story="De buurman kon niet helpen met de formulieren.")
    with pytest.raises(ValidationError):
        record(social_worker, story="Hamid kon niet helpen met de formulieren.")


def test_names_of_another_organisation_do_not_count(social_worker, other_org_worker):
    make_participant(other_org_worker, first_name="Marieke")
    assert record(social_worker, story="Marieke is de naam van de bus.").pk


def test_a_volunteers_name_counts(social_worker, organisation):
    from tests.buddies.conftest import make_volunteer

    make_volunteer(organisation, first_name="Griet", last_name="Peeters")
    with pytest.raises(ValidationError):
        record(social_worker, story="Met peeters samen naar het loket gegaan.")


def test_the_date_cannot_be_in_the_future(social_worker):
    with pytest.raises(ValidationError) as refused:
        record(social_worker, days_ago=-1)
    assert "occurred_on" in refused.value.message_dict


def test_another_organisations_theme_is_refused(social_worker, other_organisation):
    with pytest.raises(ValidationError) as refused:
        record(social_worker, theme=theme(other_organisation))
    assert "theme" in refused.value.message_dict


def test_only_the_reporter_and_an_org_admin_change_a_signal(social_worker, colleague, org_admin):
    signal = record(social_worker)
    with pytest.raises(PermissionDenied):
        services.signal_update(membership=colleague, signal=signal, data={"story": "Anders."})
    services.signal_update(membership=org_admin, signal=signal, data={"story": "Te duur."})
    signal.refresh_from_db()
    assert signal.story == "Te duur."


def test_withdrawing_ends_a_release_and_blocks_changes(social_worker, org_admin):
    signal = record(social_worker)
    services.signal_release(membership=org_admin, signal=signal)
    services.signal_withdraw(membership=social_worker, signal=signal)
    signal.refresh_from_db()
    assert signal.withdrawn_at and not signal.story_released
    assert not Signal.objects.current().filter(pk=signal.pk).exists()
    with pytest.raises(PermissionDenied):
        services.signal_update(membership=social_worker, signal=signal, data={"story": "x"})
    with pytest.raises(ValidationError):
        services.signal_release(membership=org_admin, signal=signal)


def test_only_an_org_admin_releases_and_never_a_story_with_a_name(social_worker, org_admin):
    signal = record(social_worker)
    with pytest.raises(PermissionDenied):
        services.signal_release(membership=social_worker, signal=signal)
    services.signal_release(membership=org_admin, signal=signal)
    signal.refresh_from_db()
    assert signal.story_released and signal.released_by == org_admin.user
    # A name added to the organisation's files after recording still blocks a release.
    other = record(social_worker, story="Youssef kreeg geen antwoord van het loket.")
    make_participant(social_worker, first_name="Youssef")
    with pytest.raises(ValidationError):
        services.signal_release(membership=org_admin, signal=other)
    services.signal_release(membership=org_admin, signal=signal, released=False)
    signal.refresh_from_db()
    assert not signal.story_released and signal.released_at is None


def test_changing_a_released_story_ends_the_release(social_worker, org_admin):
    signal = record(social_worker)
    services.signal_release(membership=org_admin, signal=signal)
    services.signal_update(membership=social_worker, signal=signal, data={"story": "Nieuw."})
    signal.refresh_from_db()
    assert not signal.story_released


def test_counted_and_shared_leave_out_refusals_withdrawals_and_non_sharers(
    social_worker, org_admin, other_org_worker
):
    participant = make_participant(social_worker)
    yes = record(social_worker, source=Source("file", participant=participant),
                 participant_counted=True)  # fmt: skip
    no = record(social_worker, source=Source("file", participant=participant),
                participant_counted=False)  # fmt: skip
    unasked = record(social_worker)
    withdrawn = record(social_worker)
    services.signal_withdraw(membership=social_worker, signal=withdrawn)
    record(other_org_worker)
    counted = set(Signal.objects.counted().values_list("pk", flat=True))
    assert {yes.pk, unasked.pk} <= counted and not {no.pk, withdrawn.pk} & counted
    assert not Signal.objects.shared().exists()
    services.sharing_set(membership=org_admin, opted_in=True)
    assert set(Signal.objects.shared().values_list("pk", flat=True)) == {yes.pk, unasked.pk}


def test_a_standalone_signal_asks_no_participant(social_worker):
    assert record(social_worker, participant_counted=False).participant_counted is None


def test_quarter_helper(social_worker):
    signal = record(social_worker)
    signal.occurred_on = datetime.date(2026, 11, 3)
    assert signal.quarter == "2026-Q4"
    signal.occurred_on = datetime.date(2026, 1, 1)
    assert signal.quarter == "2026-Q1"


def test_sources_are_checked_against_the_recorders_reach(
    social_worker, colleague, volunteer, org_admin, researcher
):
    from django.http import Http404

    participant = make_participant(social_worker)
    assert source_for(social_worker, "file", participant.pk).participant == participant
    assert source_for(org_admin, "file", participant.pk).participant == participant
    with pytest.raises(Http404):
        source_for(colleague, "file", participant.pk)  # no team access
    with pytest.raises(Http404):
        source_for(volunteer, "standalone", None)
    with pytest.raises(Http404):
        source_for(researcher, "standalone", None)
    with pytest.raises(Http404):
        source_for(volunteer, "file", participant.pk)


def test_team_access_reads_but_does_not_record_from_a_colleagues_file(
    social_worker, colleague, organisation
):
    organisation.team_access = True
    organisation.save()
    participant = make_participant(social_worker)
    colleague.refresh_from_db()
    with pytest.raises(PermissionDenied):
        source_for(colleague, "file", participant.pk)


def test_sharing_is_audited_and_only_for_org_admins(social_worker, org_admin):
    with pytest.raises(PermissionDenied):
        services.sharing_set(membership=social_worker, opted_in=True)
    sharing = services.sharing_set(membership=org_admin, opted_in=True)
    assert sharing.opted_in and sharing.by == org_admin.user and sharing.since
    assert AuditEvent.objects.filter(object_type="signalling.signalsharing").count() == 1
    services.sharing_set(membership=org_admin, opted_in=True)
    assert AuditEvent.objects.filter(object_type="signalling.signalsharing").count() == 1


def test_themes_are_created_and_renamed_by_org_admins_with_unique_names(org_admin):
    new = services.theme_create(membership=org_admin, data={"name": "Energie", "order": 5})
    assert new.code == "" and new.active
    with pytest.raises(ValidationError):
        name = theme(org_admin.organisation).name.upper()
        services.theme_create(membership=org_admin, data={"name": name})
    renamed = services.theme_update(
        membership=org_admin, theme=theme(org_admin.organisation), data={"name": "Mobiliteit"}
    )
    assert renamed.code == "transport" and renamed.name == "Mobiliteit"


def test_a_theme_not_in_use_is_not_offered_but_keeps_its_signals(social_worker, org_admin):
    signal = record(social_worker)
    services.theme_update(membership=org_admin, theme=signal.theme, data={"active": False})
    signal.refresh_from_db()
    assert signal.theme.active is False


def test_the_name_check_costs_one_query_whatever_the_number_of_names(
    social_worker, django_assert_num_queries
):
    from signalling.names import names_in

    for first in ("Ilse", "Omar", "Katrien"):
        make_participant(social_worker, first_name=first)
    with django_assert_num_queries(1):
        assert names_in("Omar en ilse wachtten lang; KATRIEN ook.", social_worker.organisation) == [
            "Omar",
            "ilse",
            "KATRIEN",
        ]
