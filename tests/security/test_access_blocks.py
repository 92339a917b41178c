"""Access blocks against every route: the first organisation's participant is blocked from
a colleague (with team access on, so that without the block they would read it), the
coordinator, the volunteer (the participant's buddy and the group's facilitator) and a second
org admin. Each of them must meet 404 on every URL pattern whose arguments name the file or
one of its records (GET and POST), and find the participant's name on no other page (the
caseload, search, team lists, API lists, exports, group pages, buddy pages, reminders).

Built on the security world (world.py); every change here is rolled back after the test.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from notifications.models import Reminder
from participants.models import Participant
from participants.services.access_blocks import access_block_create
from tests.factories import MembershipFactory

from .test_access_matrix import KWARGS, LITERALS, PK, PK_BY_NAMESPACE, QUERY, _kwargs
from .urls_walk import url_patterns

pytestmark = pytest.mark.django_db

NAME = "Zwaluwina"
BLOCKED = ("colleague", "coordinator", "volunteer", "second_admin")
# The world's records that belong to the participant's file (or name it).
FILE_RECORDS = frozenset(
    {
        "participant",
        "consent",
        "trajectory",
        "goal",
        "goal_note",
        "intervention",
        "network_member",
        "snapshot",
        "member_tie",
        "measurement",
        "plan",
        "agreement",
        "match_request",
        "match",
        "contact_log",
        "check_in",
        "group_member",
        "tie",
        "signal",
        "placement",
        "referral",
        "reminder",
        "access_block",
    }
)
PATTERNS = url_patterns()
# Routes that name the file only in their query string, which their POST does not read: an
# empty POST is refused (400) without the file (the hand-over form names files in its body).
QUERY_NOT_READ_BY_POST = {"participants:handover_confirm"}


def _records(name: str, route: str) -> set[str]:
    """The world objects that fill this pattern's arguments (as `_kwargs` picks them)."""
    keys = set()
    for part in route.split("<")[1:]:
        kwarg = part.split(">", 1)[0].split(":")[-1]
        if kwarg in LITERALS or kwarg == "token":
            continue
        if kwarg == "member_pk":
            keys.add("network_member" if name.startswith("participants:") else "group_member")
        elif kwarg == "pk":
            key = PK.get(name)
            if key is None and (name.startswith("api_buddy_match") or name.startswith("buddies:")):
                key = "match"
            keys.add(key or PK_BY_NAMESPACE.get(name.split(":")[0]))
        else:
            keys.add(KWARGS[kwarg])
    return keys


def _url(world, name: str) -> str:
    url = reverse(name, kwargs=_kwargs(world, name, PATTERNS[name]))
    return url + (QUERY[name](world) if name in QUERY else "")


def _names_the_file(world, name: str) -> bool:
    query = QUERY[name](world) if name in QUERY else ""
    return bool(_records(name, PATTERNS[name]) & FILE_RECORDS) or (
        f"participant={world.participant.pk}" in query
    )


@pytest.fixture
def blocked(world):
    """Team access on, the participant renamed to a name found nowhere else, a reminder
    naming the file for the colleague, and the four blocks. Returns a client per person."""
    organisation = world.organisation
    organisation.team_access = True
    organisation.save(update_fields=["team_access"])
    Participant.objects.filter(pk=world.participant.pk).update(
        first_name=NAME, preferred_name="", last_name="Blokkade"
    )
    world.participant.refresh_from_db()
    admin = world.members["org_admin"]
    people = {role: world.members[role] for role in BLOCKED if role in world.members}
    people["second_admin"] = MembershipFactory(organisation=organisation, role=Role.ORG_ADMIN)
    clients = {}
    for role, membership in people.items():
        client = Client()
        client.force_login(membership.user)
        clients[role] = client
    # Before the block, the colleague reads the file (team access) and the volunteer sees
    # the match: the 404s below are the block's doing.
    assert clients["colleague"].get(f"/participants/{world.participant.pk}/").status_code == 200
    Reminder.objects.create(
        organisation=organisation,
        rule="intervention_follow_up",
        object_type="participants.intervention",
        object_id=world.intervention.pk,
        due_on=timezone.localdate() - datetime.timedelta(days=1),
        recipient=people["colleague"].user,
        link=f"/participants/{world.participant.pk}/",
        status=Reminder.Status.SENT,
        sent_at=timezone.now(),
    )
    assert NAME in clients["colleague"].get("/notifications/").content.decode()
    for membership in people.values():
        access_block_create(
            membership=admin,
            participant=world.participant,
            user=membership.user,
            reason="neighbour",
        )
    return clients


def test_every_route_naming_the_file_answers_404_to_the_blocked(world, blocked):
    checked, leaks = 0, []
    for name in sorted(PATTERNS):
        if not _names_the_file(world, name):
            continue
        url = _url(world, name)
        for role, client in blocked.items():
            for method in ("get", "post"):
                status = getattr(client, method)(url).status_code
                # 405: the method is not offered at all (it says nothing about the file).
                if method == "post" and name in QUERY_NOT_READ_BY_POST and status == 400:
                    continue
                if status not in (404, 405):
                    leaks.append(f"{role} {method.upper()} {name} {url}: {status}")
            checked += 1
    assert checked > 100
    assert not leaks, "\n".join(leaks)


def test_no_other_page_shows_the_blocked_file(world, blocked):
    leaks = []
    extra = [
        "/participants/?scope=team",
        f"/participants/?scope=team&q={world.participant.reference_code}",
        "/participants/export/?scope=team&format=csv",
        f"/api/participants/?q={world.participant.reference_code}",
    ]
    urls = [_url(world, n) for n in sorted(PATTERNS) if not _names_the_file(world, n)]
    for url in urls + extra:
        for role, client in blocked.items():
            response = client.get(url)
            if response.status_code != 200:
                continue
            body = b"".join(response) if response.streaming else response.content
            text = body.decode("utf-8", "replace")
            if "q=" in url:  # the search is echoed: look for the name instead of the code
                found = NAME in text
            else:
                found = NAME in text or world.participant.reference_code in text
            if found:
                leaks.append(f"{role} GET {url}")
    assert not leaks, "\n".join(leaks)


def test_the_blocked_get_no_reminder_naming_the_file(world, blocked):
    page = blocked["colleague"].get("/notifications/").content.decode()
    assert NAME not in page
    reminder = Reminder.objects.get(
        recipient=world.members["colleague"].user, rule="intervention_follow_up"
    )
    assert blocked["colleague"].post(f"/notifications/{reminder.pk}/open/").status_code == 404
