"""The group records of a participant: in the rights export, and scrubbed when anonymised."""

import pytest

from groups.models import Attendance, GroupMember, MetHereTie, VolunteerPlacement
from participants.rights.erasure import PLACEHOLDER, Reason, participant_anonymise
from participants.rights.export import export_data
from tests.participants.test_rights_builders import make_full_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_file(social_worker):
    return make_full_file(social_worker)


def test_the_export_holds_groups_attendance_ties_and_placements(full_file):
    data = export_data(full_file)
    assert data["group_memberships"][0]["group"] == "Praatgroep"
    assert data["group_attendance"][0]["topic"] == "Koken"
    assert data["group_ties"][0]["label"] == "Zyqtie Fatima"
    assert data["volunteer_placements"][0]["where"] == "Zyqwhere: sociaal restaurant"
    assert data["volunteer_placements"][0]["hours"] == "4.0"


def test_anonymising_scrubs_labels_and_placement_texts_and_keeps_the_figures(org_admin, full_file):
    participant_anonymise(membership=org_admin, participant=full_file, reason=Reason.REQUEST)
    tie = MetHereTie.objects.get(participant=full_file)
    assert (tie.label, tie.sector) == (PLACEHOLDER, "peers")
    placement = VolunteerPlacement.objects.get(participant=full_file)
    assert (placement.where, placement.what, placement.contact_person) == (PLACEHOLDER,) * 3
    assert (float(placement.hours), placement.per) == (4.0, "week")
    assert Attendance.objects.filter(member__participant=full_file).count() == 1
    member = GroupMember.objects.get(participant=full_file)
    assert member.left_on is not None


def test_other_members_of_the_group_are_left_alone(org_admin, social_worker, full_file):
    other = make_full_file(social_worker)
    participant_anonymise(membership=org_admin, participant=full_file, reason=Reason.REQUEST)
    assert MetHereTie.objects.get(participant=other).label == "Zyqtie Fatima"
