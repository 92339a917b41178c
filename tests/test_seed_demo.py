import pytest
from django.core.management import call_command

from accounts.models import Membership, Organisation, Role, User
from buddies.models import Match, Volunteer
from findings.models import Finding
from groups.models import Attendance, Group
from participants.models import (
    Consent,
    Goal,
    Intervention,
    MemberTie,
    NetworkSnapshot,
    Participant,
    Trajectory,
)
from participants.selectors.network_ties import tie_diff
from workmodels.models import Initiative, WorkModel

pytestmark = pytest.mark.django_db


def _counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Organisation,
            User,
            Membership,
            Participant,
            Volunteer,
            Consent,
            Trajectory,
            Goal,
            Intervention,
            Match,
            Group,
            Initiative,
            Finding,
            MemberTie,
            NetworkSnapshot,
        )
    }


def test_seed_demo_creates_a_user_per_role_and_synthetic_people():
    call_command("seed_demo", password="demo-password-for-tests")
    organisation = Organisation.objects.get(name="CAW Demo Oost-Vlaanderen")
    roles = set(Membership.objects.filter(organisation=organisation).values_list("role", flat=True))
    assert roles == set(Role.values) - {Role.POLICY_ANALYST}
    # The policy analyst works for the city, which reads the signals report only.
    assert Membership.objects.filter(
        organisation__kind=Organisation.Kind.MUNICIPALITY,
        role=Role.POLICY_ANALYST,
        user__email="beleid@netwerk.test",
    ).exists()
    assert Participant.objects.filter(organisation=organisation).count() >= 20
    assert Volunteer.objects.filter(organisation=organisation).count() >= 10
    # Files that are past the intake have consent and something logged, through the services.
    active = Participant.objects.filter(organisation=organisation, status="active")
    assert active.exists()
    assert all(p.consents.filter(purpose="file").exists() for p in active)
    assert Intervention.objects.filter(participant__in=active).exists()
    assert User.objects.get(email="maatschappelijkwerker@netwerk.test").check_password(
        "demo-password-for-tests"
    )


def test_seed_demo_run_twice_creates_nothing_twice():
    call_command("seed_demo")
    first = _counts()
    call_command("seed_demo")
    assert _counts() == first


def test_every_role_meets_a_living_app_on_first_login():
    call_command("seed_demo")
    organisation = Organisation.objects.get(name="CAW Demo Oost-Vlaanderen")
    volunteer = Volunteer.objects.get(user__email="vrijwilliger@netwerk.test")
    match = Match.objects.get(volunteer=volunteer, status=Match.Status.ACTIVE)
    assert match.contact_logs.count() >= 2 and match.intro_at is not None
    group = Group.objects.get(organisation=organisation, name="Praatgroep De Brug")
    assert group.sessions.count() == 4 and group.members.count() >= 3
    assert Attendance.objects.filter(session__group=group).exists()
    assert volunteer.user in group.facilitators.all()
    assert Initiative.objects.filter(organisation=organisation).count() >= WorkModel.objects.count()
    own_findings = Finding.objects.filter(organisation=organisation)
    assert set(own_findings.values_list("work_model", flat=True)) == set(
        WorkModel.objects.values_list("pk", flat=True)
    )


def test_the_demo_map_has_ties_and_a_follow_up_that_lost_one():
    call_command("seed_demo")
    worker = User.objects.get(email="maatschappelijkwerker@netwerk.test")
    participant = (
        Participant.objects.filter(network_members__label="Zus Leen")
        .distinct()
        .get(social_worker=worker)
    )
    before, after = NetworkSnapshot.objects.filter(participant=participant).order_by("taken_on")
    diff = tie_diff(before.ties.all(), after.ties.all(), before.members.all(), after.members.all())
    assert (len(diff.lost), len(diff.gained), len(diff.changed)) == (1, 1, 1)
    assert participant.network_members.exclude(origin="").count() >= 5
