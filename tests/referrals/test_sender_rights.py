"""The participant's rights: their referrals in the export; erasure clears the sender's own
copy (a referral outside Netwerk) and leaves the receiver's (its own controller)."""

import pytest

from participants.rights.erasure import PLACEHOLDER, Reason, participant_anonymise
from participants.rights.export import export_data
from referrals.models import SharedItem

from .sender_fixtures import *  # noqa: F403  (fixtures of the sending side)

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_participants_referrals(participant, send, on_netwerk):
    send(on_netwerk, shared_items=[SharedItem.LANGUAGES])
    data = export_data(participant)
    text = str(data)
    assert "Buddy Elders" in text and "Een buddy zoeken" in text
    assert "received_participant" not in text and "handled_by" not in text


def test_erasure_clears_the_senders_copy_and_keeps_the_receivers(
    participant, send, on_netwerk, outside, org_admin, login
):
    internal = send(on_netwerk, shared_items=[SharedItem.CONTACT])
    external = send(outside, shared_items=[SharedItem.CONTACT])
    participant_anonymise(membership=org_admin, participant=participant, reason=Reason.REQUEST)
    external.refresh_from_db()
    internal.refresh_from_db()
    assert external.shared == {} and external.consent_purpose == PLACEHOLDER
    assert external.shared_items == ["first_name", "contact", "reason"]  # for the figures
    assert internal.shared["contact"]["phone"] == "0470 12 34 56"  # the receiver's copy
    page = login(org_admin).get(f"/referrals/sent/{internal.pk}/").content.decode()
    assert "0470" not in page and "Amina" not in page
    answer = login(org_admin).get(f"/api/referrals/sent/{internal.pk}/").json()
    assert answer["shared"] == {}
