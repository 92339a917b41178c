"""Retention: closed files are anonymised `retention_years` after closing, by an idempotent
job; the org admin sets the years; the reminders get the files due within a notice period."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import AuditEvent
from netwerk.forms import INVALID_FORM_STATUS
from participants.rights.retention import (
    files_due_for_retention,
    files_past_retention,
    retention_ends_on,
)
from participants.tasks import anonymise_files_past_retention
from tests.factories import OrganisationFactory, ParticipantFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def closed(organisation, on: datetime.date, **fields):
    return ParticipantFactory(
        organisation=organisation,
        status="closed",
        closed_on=on,
        closed_reason="Verhuisd",
        **fields,
    )


def years_ago(years: int, days: int = 0) -> datetime.date:
    return retention_ends_on(TODAY, -years) + datetime.timedelta(days=days)


@pytest.fixture
def files(organisation):
    """Five years' retention (the default): one file exactly at the limit, one a day short."""
    return {
        "past": closed(organisation, years_ago(7)),
        "today": closed(organisation, years_ago(5)),
        "tomorrow": closed(organisation, years_ago(5, days=1)),
        "recent": closed(organisation, years_ago(1)),
        "open": ParticipantFactory(organisation=organisation, status="active"),
    }


def test_the_default_is_five_years(organisation):
    assert OrganisationFactory().retention_years == 5


def test_files_past_retention_are_exactly_those_closed_n_years_ago_or_longer(organisation, files):
    found = set(files_past_retention(organisation, TODAY))
    assert found == {files["past"], files["today"]}


def test_each_organisation_has_its_own_period(organisation, other_organisation, files):
    other_organisation.retention_years = 8
    other_organisation.save()
    theirs = closed(other_organisation, years_ago(7))
    assert theirs not in set(files_past_retention(None, TODAY))
    assert files["past"] in set(files_past_retention(None, TODAY))
    assert theirs in set(files_past_retention(None, TODAY + datetime.timedelta(days=366)))


def test_files_due_within_the_notice_period_are_listed_for_the_reminder(organisation, files):
    due = set(files_due_for_retention(organisation, TODAY, notice_days=30))
    assert due == {files["past"], files["today"], files["tomorrow"]}
    assert retention_ends_on(files["tomorrow"].closed_on, 5) == TODAY + datetime.timedelta(days=1)


def test_the_job_anonymises_exactly_the_files_past_retention(organisation, files):
    assert anonymise_files_past_retention() == 2
    done = {name for name, p in files.items() if p.__class__.objects.get(pk=p.pk).anonymised_on}
    assert done == {"past", "today"}
    events = AuditEvent.objects.filter(fields=["anonymised"])
    assert events.count() == 2
    assert {event.actor for event in events} == {None}  # the system did it


def test_the_job_is_idempotent(organisation, files):
    anonymise_files_past_retention()
    names = {p.pk: p.__class__.objects.get(pk=p.pk).reference_code for p in files.values()}
    assert anonymise_files_past_retention() == 0
    assert {p.pk: p.__class__.objects.get(pk=p.pk).reference_code for p in files.values()} == names
    assert AuditEvent.objects.filter(fields=["anonymised"]).count() == 2


def test_the_org_admin_sets_the_retention_period(org_admin, login):
    client = login(org_admin)
    response = client.post("/organisation/settings/", {"retention_years": "7"})
    assert response.status_code == 302
    org_admin.organisation.refresh_from_db()
    assert org_admin.organisation.retention_years == 7
    assert any("retention_years" in e.fields for e in AuditEvent.objects.all())
    response = client.post("/organisation/settings/", {"retention_years": "0"})
    assert response.status_code == INVALID_FORM_STATUS
    org_admin.organisation.refresh_from_db()
    assert org_admin.organisation.retention_years == 7


def test_a_settings_form_without_the_field_keeps_the_period(org_admin, login):
    login(org_admin).post("/organisation/settings/", {"team_access": "on"})
    org_admin.organisation.refresh_from_db()
    assert (org_admin.organisation.team_access, org_admin.organisation.retention_years) == (True, 5)
