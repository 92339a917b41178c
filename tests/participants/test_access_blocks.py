"""Access blocks: an org admin keeps a named colleague away from one file. The services'
rules, the admin's pages and API, and what the blocked person meets (404, empty lists)."""

from html import escape

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import AuditEvent, Role
from participants.models import AccessBlock
from participants.selectors import participants_visible_to
from participants.services.access_blocks import access_block_create, access_block_end
from participants.services.handover import files_reassign
from tests.factories import MembershipFactory
from tests.participants.factories import api_as, enable_team_access, file_for

pytestmark = pytest.mark.django_db


def block(admin, participant, person, reason="neighbour", note=""):
    return access_block_create(
        membership=admin, participant=participant, user=person.user, reason=reason, note=note
    )


# --- Services -------------------------------------------------------------------------------


def test_a_block_hides_the_file_from_the_blocked_colleague_only(
    org_admin, social_worker, colleague
):
    enable_team_access(social_worker)
    participant = file_for(social_worker)
    other = file_for(social_worker)
    assert participants_visible_to(colleague).filter(pk=participant.pk).exists()
    row = block(org_admin, participant, colleague)
    assert not participants_visible_to(colleague).filter(pk=participant.pk).exists()
    assert participants_visible_to(colleague).filter(pk=other.pk).exists()
    assert participants_visible_to(social_worker).filter(pk=participant.pk).exists()
    assert participants_visible_to(org_admin).filter(pk=participant.pk).exists()
    access_block_end(membership=org_admin, block=row)
    assert participants_visible_to(colleague).filter(pk=participant.pk).exists()


def test_creating_and_ending_a_block_are_audited_without_the_note(
    org_admin, social_worker, colleague
):
    participant = file_for(social_worker)
    row = block(org_admin, participant, colleague, note="Woont naast haar")
    created = AuditEvent.objects.get(object_type="participants.accessblock", action="create")
    assert created.object_id == str(row.pk)
    assert "Woont" not in str(created.fields)
    access_block_end(membership=org_admin, block=row)
    ended = AuditEvent.objects.get(object_type="participants.accessblock", action="update")
    assert ended.fields == ["ended_at"]


def test_only_an_org_admin_blocks(social_worker, colleague, coordinator):
    participant = file_for(social_worker)
    for membership in (social_worker, coordinator):
        with pytest.raises(PermissionDenied):
            block(membership, participant, colleague)


def test_an_admin_cannot_block_themselves(org_admin, social_worker):
    participant = file_for(social_worker)
    with pytest.raises(ValidationError) as error:
        block(org_admin, participant, org_admin)
    assert "user" in error.value.message_dict


def test_the_files_own_social_worker_cannot_be_blocked(org_admin, social_worker):
    participant = file_for(social_worker)
    with pytest.raises(ValidationError) as error:
        block(org_admin, participant, social_worker)
    assert "Geef het dossier eerst" in error.value.message_dict["user"][0]


def test_nobody_of_another_organisation_can_be_blocked(org_admin, social_worker, other_org_worker):
    participant = file_for(social_worker)
    with pytest.raises(ValidationError):
        block(org_admin, participant, other_org_worker)


def test_one_running_block_per_person_and_file(org_admin, social_worker, colleague):
    participant = file_for(social_worker)
    row = block(org_admin, participant, colleague)
    with pytest.raises(ValidationError):
        block(org_admin, participant, colleague)
    access_block_end(membership=org_admin, block=row)
    block(org_admin, participant, colleague, reason="relative")
    assert AccessBlock.objects.filter(participant=participant).count() == 2
    with pytest.raises(ValidationError):
        access_block_end(membership=org_admin, block=row)


def test_a_file_cannot_be_handed_to_a_person_blocked_from_it(org_admin, social_worker, colleague):
    participant = file_for(social_worker)
    block(org_admin, participant, colleague)
    with pytest.raises(ValidationError) as error:
        files_reassign(
            membership=org_admin,
            to_worker=colleague.user,
            reason="Verlof",
            handed_over_on=timezone.localdate(participant.created_at),
            participant_ids=[participant.pk],
        )
    assert "to_worker" in error.value.message_dict


def test_a_blocked_admin_does_not_see_the_file_but_the_dashboard_still_counts_it(
    org_admin, social_worker, login
):
    second_admin = MembershipFactory(organisation=org_admin.organisation, role=Role.ORG_ADMIN)
    participant = file_for(social_worker)
    file_for(social_worker)
    block(org_admin, participant, second_admin)
    client = login(second_admin)
    assert client.get(f"/participants/{participant.pk}/").status_code == 404
    assert client.get(f"/participants/{participant.pk}/access-blocks/").status_code == 404
    home = client.get("/")
    assert home.context["participant_count"] == 2


# --- Pages ----------------------------------------------------------------------------------


def test_the_admin_blocks_from_the_file_and_ends_it_after_a_confirmation(
    org_admin, social_worker, colleague, login
):
    participant = file_for(social_worker)
    client = login(org_admin)
    detail = client.get(f"/participants/{participant.pk}/").content.decode()
    assert f"/participants/{participant.pk}/access-blocks/" in detail
    page = client.get(f"/participants/{participant.pk}/access-blocks/")
    assert page.status_code == 200
    assert "geef het dossier eerst aan een andere begeleider" in page.content.decode()
    response = client.post(
        f"/participants/{participant.pk}/access-blocks/",
        {"user": colleague.user_id, "reason": "relative", "note": "Nicht"},
    )
    assert response.status_code == 302
    row = AccessBlock.objects.get()
    assert row.reason == "relative" and row.created_by == org_admin.user
    listing = client.get("/participants/access-blocks/").content.decode()
    assert escape(participant.display_name) in listing
    assert AuditEvent.objects.filter(object_type="participants.accessblock", action="read").exists()
    confirm = client.get(f"/participants/access-blocks/{row.pk}/end/")
    assert confirm.status_code == 200
    assert escape(str(colleague.user)) in confirm.content.decode()
    assert escape(participant.display_name) in confirm.content.decode()
    assert client.post(f"/participants/access-blocks/{row.pk}/end/").status_code == 200
    row.refresh_from_db()
    assert row.ended_at is None  # no `confirm`: nothing happens
    done = client.post(f"/participants/access-blocks/{row.pk}/end/", {"confirm": "yes"})
    assert done.status_code == 302
    row.refresh_from_db()
    assert row.ended_at is not None and row.ended_by == org_admin.user


def test_the_page_refuses_the_files_own_social_worker_with_a_clear_error(
    org_admin, social_worker, login
):
    participant = file_for(social_worker)
    client = login(org_admin)
    page = client.get(f"/participants/{participant.pk}/access-blocks/").content.decode()
    # Not offered (the page says to hand the file over first), and refused when sent anyway.
    assert f'value="{social_worker.user_id}"' not in page
    assert "geef het dossier eerst aan een andere begeleider" in page
    response = client.post(
        f"/participants/{participant.pk}/access-blocks/",
        {"user": social_worker.user_id, "reason": "neighbour"},
    )
    assert response.status_code == 400
    assert not AccessBlock.objects.exists()


def test_the_block_pages_are_for_org_admins_only(
    org_admin, social_worker, colleague, coordinator, login
):
    participant = file_for(social_worker)
    row = block(org_admin, participant, colleague)
    for membership in (social_worker, colleague, coordinator):
        client = login(membership)
        assert client.get(f"/participants/{participant.pk}/access-blocks/").status_code == 404
        assert client.get("/participants/access-blocks/").status_code == 404
        assert client.get(f"/participants/access-blocks/{row.pk}/end/").status_code == 404


def test_the_blocked_colleague_meets_404_and_empty_lists(
    org_admin, social_worker, colleague, login
):
    enable_team_access(social_worker)
    participant = file_for(social_worker, first_name="Zwaantje", last_name="Blokker")
    block(org_admin, participant, colleague)
    client = login(colleague)
    for url in (
        f"/participants/{participant.pk}/",
        f"/participants/{participant.pk}/history/",
        f"/participants/{participant.pk}/network/",
        f"/participants/{participant.pk}/rights/",
        f"/api/participants/{participant.pk}/",
        f"/api/participants/{participant.pk}/interventions/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        "/participants/?scope=team",
        "/participants/?scope=team&q=Zwaantje",
        "/api/participants/",
    ):
        page = client.get(url).content.decode()
        assert participant.reference_code not in page, url
        assert "Blokker" not in page, url
    export = client.get("/participants/export/?format=csv&scope=team")
    assert participant.reference_code not in export.content.decode("utf-8", "replace")


# --- API ------------------------------------------------------------------------------------


def test_the_api_creates_lists_reads_and_ends_blocks(org_admin, social_worker, colleague):
    participant = file_for(social_worker)
    api = api_as(org_admin)
    created = api.post(
        "/api/access-blocks/",
        {"participant": participant.pk, "user": colleague.user_id, "reason": "neighbour"},
        format="json",
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    listing = api.get("/api/access-blocks/")
    assert [row["id"] for row in listing.json()["results"]] == [pk]
    assert api.get(f"/api/access-blocks/{pk}/").json()["reason"] == "neighbour"
    again = api.post(
        "/api/access-blocks/",
        {"participant": participant.pk, "user": colleague.user_id, "reason": "neighbour"},
        format="json",
    )
    assert again.status_code == 400
    own = api.post(
        "/api/access-blocks/",
        {"participant": participant.pk, "user": social_worker.user_id, "reason": "other"},
        format="json",
    )
    assert own.status_code == 400 and "user" in own.json()
    ended = api.post(f"/api/access-blocks/{pk}/end/")
    assert ended.status_code == 200 and ended.json()["ended_at"]
    assert api.post(f"/api/access-blocks/{pk}/end/").status_code == 400


def test_the_block_api_answers_404_to_other_roles_and_organisations(
    org_admin, social_worker, colleague, other_org_admin
):
    participant = file_for(social_worker)
    row = block(org_admin, participant, colleague)
    for membership in (social_worker, colleague, other_org_admin):
        api = api_as(membership)
        assert api.get(f"/api/access-blocks/{row.pk}/").status_code == 404
        assert api.post(f"/api/access-blocks/{row.pk}/end/").status_code == 404
    assert api_as(other_org_admin).get("/api/access-blocks/").json()["results"] == []
    refused = api_as(other_org_admin).post(
        "/api/access-blocks/",
        {"participant": participant.pk, "user": colleague.user_id, "reason": "other"},
        format="json",
    )
    assert refused.status_code == 404
