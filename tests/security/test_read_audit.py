"""Every answer that shows a participant's name or contact details records a read of that file
(one event per answer, naming the files by id), on every page and API endpoint, for every
role: lists, edit pages, sub-record pages, buddy and group pages included. A new page that
shows participant data is covered without anyone writing a test for it."""

import pytest
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from accounts.models import AuditEvent, AuditEventObject
from participants.models import Participant

from .test_access_matrix import PATTERNS, QUERY, _kwargs
from .world import ROLES

pytestmark = pytest.mark.django_db

# Not pages that show a file: the audit trail lists events (ids only); the download resume
# redirects.
SKIPPED = {"organisation_audit", "download_resume"}


def _marker(pk: int) -> str:
    return f"Qz{pk}x"


def _mark_everyone() -> dict[int, list[str]]:
    """Give every participant recognisable names and contact details (rolled back after)."""
    markers = {}
    for pk in Participant.objects.values_list("pk", flat=True):
        mark = _marker(pk)
        Participant.objects.filter(pk=pk).update(
            first_name=f"Fn{mark}",
            last_name=f"Ln{mark}",
            preferred_name="",
            phone=f"0470{pk:06d}",
            email=f"{mark.lower()}@example.org",
        )
        markers[pk] = [mark, f"0470{pk:06d}", f"{mark.lower()}@example.org"]
    return markers


def _recorded_reads(since: int) -> set[str]:
    events = AuditEvent.objects.filter(
        pk__gt=since, action="read", object_type="participants.participant"
    )
    named = AuditEventObject.objects.filter(event__in=events).values_list("object_id", flat=True)
    return set(events.exclude(object_id="").values_list("object_id", flat=True)) | set(named)


@pytest.mark.parametrize("name", sorted(set(PATTERNS) - SKIPPED))
def test_every_answer_showing_a_participant_records_the_read(world, name):
    url = reverse(name, kwargs=_kwargs(world, name, PATTERNS[name]))
    url += QUERY[name](world) if name in QUERY else ""
    missing = []
    for role in ROLES:
        if role == "anonymous":
            continue
        with transaction.atomic():
            markers = _mark_everyone()
            last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            response = world.clients[role].get(url)
            if response.status_code == 200 and not getattr(response, "streaming", False):
                body = response.content.decode("utf-8", "replace")
                shown = {str(pk) for pk, marks in markers.items() if any(m in body for m in marks)}
                unrecorded = shown - _recorded_reads(last)
                if unrecorded:
                    missing.append(f"{role}: files {sorted(unrecorded)}")
            transaction.set_rollback(True)
    assert not missing, f"{name} ({url}) shows participant data without a read event: {missing}"


def test_a_list_writes_one_event_naming_every_file_it_showed(world):
    client = world.clients["social_worker"]
    with transaction.atomic():
        last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        assert client.get("/participants/").status_code == 200
        events = AuditEvent.objects.filter(pk__gt=last, action="read")
        assert events.count() == 1
        event = events.get()
        assert event.organisation_id == world.participant.organisation_id
        assert event.actor_id == world.members["social_worker"].user_id
        assert "participants:list" in event.fields
        assert world.participant.pk in {int(pk) for pk in _recorded_reads(last)}
        transaction.set_rollback(True)


def test_a_refused_or_redirected_answer_records_no_read(world):
    client = world.clients["other_org_worker"]
    with transaction.atomic():
        last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        assert client.get(f"/participants/{world.participant.pk}/edit/").status_code == 404
        assert not AuditEvent.objects.filter(pk__gt=last).exists()
        transaction.set_rollback(True)


def test_the_file_page_records_its_read_once(world):
    client = world.clients["social_worker"]
    with transaction.atomic():
        last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        assert client.get(f"/participants/{world.participant.pk}/").status_code == 200
        reads = AuditEvent.objects.filter(pk__gt=last, action="read")
        direct = reads.filter(object_id=str(world.participant.pk)).count()
        listed = AuditEventObject.objects.filter(
            Q(event__in=reads), object_id=str(world.participant.pk)
        ).count()
        assert direct + listed == 1
        transaction.set_rollback(True)


@pytest.mark.parametrize("role", ["social_worker", "org_admin"])
@pytest.mark.parametrize("name", ["api_placements", "api_placement"])
def test_reading_placements_through_the_api_records_a_read_of_their_file(world, role, name):
    # The answer names the file by id only (no name to spot), yet it is part of the file:
    # read like the file's group-work card on the page.
    kwargs = {"pk": world.placement.pk} if name == "api_placement" else {}
    with transaction.atomic():
        last = AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        assert world.clients[role].get(reverse(name, kwargs=kwargs)).status_code == 200
        assert str(world.placement.participant_id) in _recorded_reads(last)
        event = AuditEvent.objects.filter(pk__gt=last, action="read").get()
        assert "placements" in event.fields
        assert event.actor_id == world.members[role].user_id
        transaction.set_rollback(True)
