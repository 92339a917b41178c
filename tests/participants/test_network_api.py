"""The network API: the same visibility as the file, writes through the services only."""

import pytest
from django.utils import timezone

from accounts.models import AuditEvent
from participants.models import Instrument, NetworkMember, OrganisationInstrument
from participants.services import network as svc
from tests.participants.factories import api_as, enable_team_access
from workmodels.models import WorkModel

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate().isoformat()
SISTER = {
    "label": "Zus",
    "sector": "family",
    "ring": "very_close",
    "support": ["emotional"],
    "direction": "mutual",
    "frequency": "daily",
}


def test_a_social_worker_maps_snapshots_and_measures_through_the_api(social_worker, participant):
    api = api_as(social_worker)
    base = f"/api/participants/{participant.pk}"
    created = api.post(f"{base}/network-members/", SISTER, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["formality"] == "informal"
    member_id = created.json()["id"]
    moved = api.patch(f"/api/network-members/{member_id}/", {"ring": "close"}, format="json")
    assert moved.json()["ring"] == "close"
    snapshot = api.post(f"{base}/network-snapshots/", {"taken_on": TODAY, "kind": "baseline"})
    assert snapshot.status_code == 201
    assert snapshot.json()["summary"]["size"] == 1
    assert snapshot.json()["members"][0]["member_id"] == member_id
    listed = api.get(f"{base}/network-snapshots/").json()
    assert listed["results"][0]["summary"]["by_ring"]["close"] == 1

    OrganisationInstrument.objects.create(
        organisation=social_worker.organisation, instrument=Instrument.objects.get(code="djg6")
    )
    answers = {f"djg_{i}": "more_or_less" for i in range(1, 7)}
    measured = api.post(
        f"{base}/measurements/",
        {"instrument": "djg6", "taken_on": TODAY, "answers": answers},
        format="json",
    )
    assert measured.status_code == 201, measured.json()
    assert (measured.json()["total"], measured.json()["band"]) == (6, "severely_lonely")
    bad = api.post(
        f"{base}/measurements/",
        {"instrument": "djg6", "taken_on": TODAY, "answers": {**answers, "djg_1": "maybe"}},
        format="json",
    )
    assert bad.status_code == 400 and "answers" in bad.json()
    not_enabled = api.post(
        f"{base}/measurements/",
        {"instrument": "lsns6", "taken_on": TODAY, "answers": {}},
        format="json",
    )
    assert not_enabled.status_code == 400 and "instrument" in not_enabled.json()
    assert api.delete(f"/api/network-members/{member_id}/").status_code == 204


def test_family_plans_and_agreements_through_the_api(social_worker, participant):
    from participants import services

    services.trajectory_create(
        membership=social_worker,
        participant=participant,
        data={"work_model": WorkModel.objects.get(code="own_network"), "started_on": TODAY},
    )
    api = api_as(social_worker)
    plan = api.post(
        f"/api/participants/{participant.pk}/family-plans/",
        {"kind": "conference", "held_on": TODAY, "fallback": "Bel de buurvrouw."},
    )
    assert plan.status_code == 201, plan.json()
    agreement = api.post(
        f"/api/family-plans/{plan.json()['id']}/agreements/",
        {"what": "Samen koken", "carried_by": "Tante Mia", "due_on": TODAY},
    )
    assert agreement.status_code == 201, agreement.json()
    done = api.patch(f"/api/agreements/{agreement.json()['id']}/", {"status": "done"})
    assert done.json()["status"] == "done"
    read = api.get(f"/api/family-plans/{plan.json()['id']}/").json()
    assert read["agreements"][0]["who"] == "Tante Mia"


ENDPOINTS = ["network-members", "network-snapshots", "measurements", "family-plans"]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_readers_read_and_reads_are_audited(
    endpoint, social_worker, colleague, org_admin, participant
):
    enable_team_access(colleague)
    for reader in (social_worker, colleague, org_admin):
        response = api_as(reader).get(f"/api/participants/{participant.pk}/{endpoint}/")
        assert response.status_code == 200
    assert AuditEvent.objects.filter(action="read", object_id=str(participant.pk)).count() == 3


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(
    "role",
    ["coordinator", "volunteer", "researcher", "other_org_worker", "other_org_admin", "colleague"],
)
def test_others_get_404(request, role, endpoint, participant):
    api = api_as(request.getfixturevalue(role))
    assert api.get(f"/api/participants/{participant.pk}/{endpoint}/").status_code == 404
    assert api.post(f"/api/participants/{participant.pk}/{endpoint}/", {}).status_code == 404


def test_read_only_readers_get_403_on_writes_and_nothing_changes(
    social_worker, colleague, org_admin, participant
):
    enable_team_access(colleague)
    member = svc.network_member_create(
        membership=social_worker, participant=participant, data=SISTER
    )
    for reader in (colleague, org_admin):
        api = api_as(reader)
        assert api.get(f"/api/network-members/{member.pk}/").status_code == 200
        base = f"/api/participants/{participant.pk}"
        assert api.post(f"{base}/network-members/", SISTER, format="json").status_code == 403
        assert api.patch(f"/api/network-members/{member.pk}/", {"ring": "close"}).status_code == 403
        assert api.delete(f"/api/network-members/{member.pk}/").status_code == 403
        snap = api.post(f"{base}/network-snapshots/", {"taken_on": TODAY, "kind": "baseline"})
        assert snap.status_code == 403
    member.refresh_from_db()
    assert member.ring == "very_close" and NetworkMember.objects.count() == 1


def test_records_of_another_organisation_are_404(other_org_worker, social_worker, participant):
    member = svc.network_member_create(
        membership=social_worker, participant=participant, data=SISTER
    )
    assert api_as(other_org_worker).get(f"/api/network-members/{member.pk}/").status_code == 404
