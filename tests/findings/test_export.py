"""The pseudonymised research export."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from accounts.models import AuditEvent
from findings.export import COLUMNS
from findings.practice import participant_columns
from tests.factories import UserFactory

from .data import person_in_model

pytestmark = pytest.mark.django_db


EXPORT = "/findings/research-export/research-export.csv"


def rows(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def people(organisation):
    user = UserFactory()
    consenting = [
        person_in_model(
            organisation,
            "buddy",
            before=2,
            after=5,
            research=True,
            user=user,
            first_name=f"Zichtbaar{i}",
            last_name="Janssens",
            phone="0470123456",
            email=f"z{i}@example.org",
            birth_year=1983,
            migration_background="Syrië",
        )
        for i in range(6)
    ]
    refusing = [
        person_in_model(organisation, "peer", before=2, after=5, user=user, first_name=f"Geheim{i}")
        for i in range(3)
    ]
    return consenting, refusing


def test_only_participants_with_research_consent_are_exported(people, researcher, login):
    consenting, refusing = people
    response = login(researcher).get(EXPORT)
    assert response.status_code == 200
    exported = rows(response)
    assert len(exported) == 6
    assert {row["work_model"] for row in exported} == {"buddy"}
    text = response.content.decode()
    for person in consenting + refusing:
        assert person.first_name not in text and person.reference_code not in text
    assert "Janssens" not in text and "0470123456" not in text and "Syrië" not in text


def test_the_export_is_pseudonymised_banded_and_without_free_text(people, researcher, login):
    exported = rows(login(researcher).get(EXPORT))
    assert tuple(exported[0]) == COLUMNS
    assert {row["birth_year_band"] for row in exported} == {"1980-1984"}
    assert {row["migration_background"] for row in exported} == {"yes"}
    assert {row["municipality"] for row in exported} == {"Gent"}
    assert {row["informal_change"] for row in exported} == {"3"}
    assert len({row["pseudonym"] for row in exported}) == 6


def test_pseudonyms_differ_between_exports(people, researcher, login):
    client = login(researcher)
    first = {row["pseudonym"] for row in rows(client.get(EXPORT))}
    second = {row["pseudonym"] for row in rows(client.get(EXPORT))}
    assert first.isdisjoint(second)


def test_a_withdrawn_research_consent_leaves_the_export(people, researcher, login):
    consenting, _refusing = people
    consenting[0].consents.update(withdrawn_on=consenting[0].consents.first().given_on)
    assert len(rows(login(researcher).get(EXPORT))) == 5


def test_the_export_is_audited(people, researcher, login):
    login(researcher).get(EXPORT)
    event = AuditEvent.objects.get(action="export", object_type="findings.research_export")
    assert event.actor == researcher.user and event.object_id == "6"


def test_an_anonymised_file_has_an_unknown_migration_background_not_none(
    organisation, researcher, login
):
    people = [
        person_in_model(organisation, "buddy", before=2, after=5, research=True, birth_year=1983)
        for _i in range(10)
    ]
    # Anonymising erases special-category data; the research consent stays.
    type(people[0]).objects.filter(pk__in=[p.pk for p in people[:5]]).update(
        migration_background="", anonymised_on="2025-05-01"
    )
    exported = rows(login(researcher).get(EXPORT))
    assert sorted(row["migration_background"] for row in exported) == ["no"] * 5 + ["unknown"] * 5


def _research_consent(person):
    return person.consents.get(purpose="research", withdrawn_on=None, renewed_on=None)


def test_an_expired_research_consent_leaves_the_export(people, researcher, login):
    consenting, _refusing = people
    consent = _research_consent(consenting[0])
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    type(consent).objects.filter(pk=consent.pk).update(
        given_on=yesterday - datetime.timedelta(days=30), expires_on=yesterday
    )
    assert len(rows(login(researcher).get(EXPORT))) == 5


def test_a_renewed_research_consent_counts_its_participant_once(people, researcher, login):
    consenting, _refusing = people
    old = _research_consent(consenting[0])
    today = timezone.localdate()
    type(old).objects.filter(pk=old.pk).update(
        given_on=today - datetime.timedelta(days=400),
        expires_on=today + datetime.timedelta(days=5),
        renewed_on=today,
    )
    old.pk = None
    old.given_on, old.expires_on, old.renewed_on = today, None, None
    old.save()
    assert len(rows(login(researcher).get(EXPORT))) == 6
    columns = participant_columns(consenting[0].organisation_id, today)
    assert len(columns["id"]) == len(set(columns["id"].tolist()))
    position = columns["id"].tolist().index(consenting[0].pk)
    assert columns["migration_background"][position] >= 0  # counted: research consent in force
