"""One refusal rule for the whole API (netwerk/api.py): a record outside one's reach answers
404; a record one may read but not change answers 403, and nothing is written.

- The access matrix's table obeys the rule for every API write it makes (POST): for every
  signed-in role, the POST is 404 exactly when reading the record it writes is 404; when the
  record can be read, the POST is made (ok), refused for its input (400) or refused (403).
  The matrix itself proves that the application answers what the table says.
- The writes the matrix does not make (PATCH, PUT, DELETE) are made here, for every API
  endpoint that offers one and every role, against the same rule: 403 or 404 as the read
  decides, and no row changes (edit history and audit trail included) when refused.
"""

import pytest
from django.db import transaction
from django.urls import reverse

from .conftest import row_counts
from .test_access_matrix import MATRIX, _classify, _kwargs
from .urls_walk import declared_methods, is_api_view, url_patterns, url_views
from .world import ROLES

pytestmark = pytest.mark.django_db

SIGNED_IN = [role for role in ROLES if role != "anonymous"]
PATTERNS = url_patterns()
API = {name: view for name, view in url_views().items() if is_api_view(view)}

# The record a write endpoint changes, where reading it is another endpoint (an action on a
# record, or a list nested under it that some roles may not list).
READ_OF = {
    "api_agreement": "api_family_plan",
    "api_buddy_match_check_ins": "api_buddy_match",
    "api_calendar_feed_revoke": "api_calendar_feed",
    "api_buddy_match_contacts": "api_buddy_match",
    "api_buddy_match_transition": "api_buddy_match",
    "api_buddy_request_set_aside": "api_buddy_request",
    "api_consent_withdraw": "api_participant_consents",
    "api_family_plan_agreements": "api_family_plan",
    "api_participant_network_import": "api_participant_network_members",
    "api_participant_network_import_confirm": "api_participant_network_snapshots",
    "api_goal_notes": "api_goal",
    "api_group_session_attendance": "api_group_sessions",
    "api_intervention_follow_up_done": "api_intervention",
    # A hand-over writes files of the caller's organisation: the org admin's own endpoints.
    "api_participants_reassign": "api_stand_ins",
    "api_stand_in_end": "api_stand_in",
    "api_access_block_end": "api_access_block",
    "api_referral_sent_withdraw": "api_referral_sent",
    "api_referral_inbox_accept": "api_referral_inbox_item",
    "api_referral_inbox_decline": "api_referral_inbox_item",
    "api_referral_inbox_steps": "api_referral_inbox_item",
    "api_signal_release": "api_signal",
    "api_flag_pass_on": "api_flag",
    "api_flag_end": "api_flag",
    "api_flag_confirm_end": "api_flag",
}


def _cells(name: str) -> dict[str, tuple[str, str]]:
    return {
        role: tuple(cell.split("/")) for role, cell in zip(ROLES, MATRIX[name].split(), strict=True)
    }


def _reads(name: str) -> dict[str, str]:
    """Each role's answer to reading the record `name` writes, from the table."""
    source = READ_OF.get(name, name)
    return {role: get for role, (get, _post) in _cells(source).items()}


def _allowed(read: str) -> set[str]:
    return {"ok", "400", "403"} if read == "ok" else {"404"}


API_POSTS = sorted(
    name
    for name in MATRIX
    if name.startswith("api_")
    # An endpoint without POST answers 405 to it, or 404 to a role it is closed to altogether
    # (the policy analyst, before the method is looked at): neither is a write to judge.
    and "POST" in (declared_methods(API[name]) or ())
    and any(post != "405" for role, (_get, post) in _cells(name).items() if role in SIGNED_IN)
)


def test_every_api_write_has_a_readable_record_to_judge_it_by():
    for name in API_POSTS:
        reads = {read for role, read in _reads(name).items() if role in SIGNED_IN}
        assert reads <= {"ok", "404"}, (
            f"{name}: say in READ_OF which endpoint reads the record it writes"
        )


@pytest.mark.parametrize("name", API_POSTS)
def test_the_table_refuses_an_api_post_with_403_to_readers_and_404_to_others(name):
    reads = _reads(name)
    wrong = {
        role: f"reads {reads[role]}, posts {post}"
        for role, (_get, post) in _cells(name).items()
        if role in SIGNED_IN and post not in _allowed(reads[role])
    }
    assert not wrong, f"{name}: {wrong}"


def _other_writes() -> list[tuple[str, str]]:
    found = []
    for name, view in API.items():
        cls = view.cls
        for method in ("patch", "put", "delete"):
            if hasattr(cls, method) and method in cls.http_method_names:
                found.append((name, method))
    return sorted(found)


OTHER_WRITES = _other_writes()


def test_the_api_offers_writes_besides_post():
    assert ("api_placement", "patch") in OTHER_WRITES
    assert ("api_group_session_attendance", "put") in OTHER_WRITES


def _read_url(world, name: str) -> str:
    source = READ_OF.get(name, name)
    return reverse(source, kwargs=_kwargs(world, source, PATTERNS[source]))


@pytest.mark.parametrize(("name", "method"), OTHER_WRITES)
def test_a_patch_put_or_delete_is_refused_by_the_same_rule(world, name, method):
    url = reverse(name, kwargs=_kwargs(world, name, PATTERNS[name]))
    read_url = _read_url(world, name)
    wrong = []
    for role in SIGNED_IN:
        client = world.clients[role]
        with transaction.atomic():
            read = _classify(client.get(read_url))
            before = row_counts(world.tables)
            response = getattr(client, method)(url, data={}, content_type="application/json")
            outcome = _classify(response)
            assert response.status_code != 500, (name, method, role)
            if outcome in {"403", "404"}:
                after = row_counts(world.tables)
                changed = [t for t, b, a in zip(world.tables, before, after, strict=True) if b != a]
                assert not changed, (name, method, role, outcome, changed)
            transaction.set_rollback(True)
        if outcome not in _allowed(read):
            wrong.append(f"{role}: reads {read}, {method} answers {outcome}")
    assert not wrong, f"{name} ({url}): " + "; ".join(wrong)


def test_the_write_order_table_follows_the_same_rule_for_every_method():
    from .test_api_write_order import WRITES

    wrong = {}
    for operation, row in WRITES.items():
        name = operation.split()[1]
        reads = _reads(name)
        for role, answer in zip(ROLES, row.split(), strict=True):
            if role in SIGNED_IN and answer not in _allowed(reads[role]):
                wrong[f"{operation} {role}"] = f"reads {reads[role]}, answers {answer}"
    assert not wrong, wrong
