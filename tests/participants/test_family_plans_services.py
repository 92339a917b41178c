"""Family group plans: agreements that can be tracked, and follow-up dates for reminders."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from participants import services
from participants.models import FamilyPlan
from participants.selectors.network import family_plan_follow_ups_due
from participants.services import family_plans as svc
from participants.services.network import network_member_create, network_member_delete
from workmodels.models import WorkModel

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture
def own_network(social_worker, participant):
    services.trajectory_create(
        membership=social_worker,
        participant=participant,
        data={
            "work_model": WorkModel.objects.get(code="own_network"),
            "started_on": TODAY - 30 * DAY,
        },
    )
    return participant


def plan_for(membership, participant, **data):
    return svc.family_plan_create(
        membership=membership,
        participant=participant,
        data={
            "kind": "conference",
            "held_on": TODAY - 20 * DAY,
            "evaluation_on": TODAY + 8 * DAY,
            "fallback": "Zus belt de CAW-werker.",
            **data,
        },
    )


def test_a_plan_needs_the_own_network_work_model(social_worker, participant):
    with pytest.raises(ValidationError):
        plan_for(social_worker, participant)
    assert not FamilyPlan.objects.exists()


@pytest.mark.parametrize(
    ("field", "data"),
    [("held_on", {"held_on": TODAY + DAY}), ("evaluation_on", {"evaluation_on": TODAY - 30 * DAY})],
)
def test_bad_plan_dates_are_refused(social_worker, own_network, field, data):
    with pytest.raises(ValidationError) as error:
        plan_for(social_worker, own_network, **data)
    assert field in error.value.message_dict


def test_agreements_are_carried_by_a_network_member_or_a_name(
    social_worker, own_network, colleague
):
    plan = plan_for(social_worker, own_network)
    sister = network_member_create(
        membership=social_worker,
        participant=own_network,
        data={"label": "Zus", "sector": "family", "ring": "very_close"},
    )
    first = svc.agreement_add(
        membership=social_worker,
        plan=plan,
        data={"what": "Boodschappen op zaterdag", "member": sister.pk, "due_on": TODAY + 7 * DAY},
    )
    assert first.who == "Zus"
    with pytest.raises(ValidationError):
        svc.agreement_add(membership=social_worker, plan=plan, data={"what": "Niemand"})
    with pytest.raises(PermissionDenied):
        svc.agreement_add(membership=colleague, plan=plan, data={"what": "x", "carried_by": "Mia"})
    svc.agreement_update(
        membership=social_worker, agreement=first, data={"status": "partly", "note": "Twee keer"}
    )
    network_member_delete(membership=social_worker, member=sister)
    first.refresh_from_db()
    assert (first.member, first.who, first.status) == (None, "Zus", "partly")


def test_follow_ups_due_are_overdue_agreements_and_evaluations(
    social_worker, own_network, other_org_worker
):
    due_plan = plan_for(social_worker, own_network, held_on=TODAY - 40 * DAY, evaluation_on=TODAY)
    later_plan = plan_for(social_worker, own_network)
    overdue = svc.agreement_add(
        membership=social_worker,
        plan=later_plan,
        data={"what": "Wekelijks bellen", "carried_by": "Buurvrouw", "due_on": TODAY - 2 * DAY},
    )
    for status, due_on in [
        ("done", TODAY - 3 * DAY),
        ("open", TODAY + DAY),
        ("not_done", TODAY - 3 * DAY),
    ]:
        svc.agreement_add(
            membership=social_worker,
            plan=later_plan,
            data={"what": status, "carried_by": "X", "due_on": due_on, "status": status},
        )
    due = family_plan_follow_ups_due(social_worker.organisation, TODAY)
    assert [(f.kind, f.plan_id, f.agreement_id, f.due_on) for f in due] == [
        ("agreement", later_plan.pk, overdue.pk, TODAY - 2 * DAY),
        ("evaluation", due_plan.pk, None, TODAY),
    ]
    assert all(f.social_worker_id == social_worker.user_id for f in due)
    assert family_plan_follow_ups_due(other_org_worker.organisation, TODAY) == []
    svc.family_plan_update(membership=social_worker, plan=due_plan, data={"evaluated_on": TODAY})
    assert [f.kind for f in family_plan_follow_ups_due(social_worker.organisation, TODAY)] == [
        "agreement"
    ]
