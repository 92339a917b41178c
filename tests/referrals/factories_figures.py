"""Referrals for the reminder and figures tests, written with the ORM as the two sides'
services would leave them: the referral, its status and its steps with their dates."""

import datetime

from django.utils import timezone

from accounts.models import Membership, Organisation
from referrals.models import Referral, ReferralStep
from tests.factories import ParticipantFactory
from workmodels.models import Initiative, WorkModel

S = Referral.Status
# The steps a status is reached through, in order.
PATH = {
    S.SENT: [],
    S.RECEIVED: [S.RECEIVED],
    S.ACCEPTED: [S.ACCEPTED],
    S.DECLINED: [S.DECLINED],
    S.FIRST_CONTACT: [S.ACCEPTED, S.FIRST_CONTACT],
    S.ENDED: [S.ACCEPTED, S.FIRST_CONTACT, S.ENDED],
}


def moment(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=timezone.get_current_timezone())


def initiative(organisation: Organisation, name: str, *, run_by=None, model="buddy"):
    item = Initiative.objects.create(
        organisation=organisation, name=name, provider=name, run_by=run_by
    )
    item.work_models.set(WorkModel.objects.filter(code=model))
    return item


def make_referral(
    sender: Membership,
    *,
    to: Organisation | None,
    sent_on: datetime.date,
    status: str = S.SENT,
    work_model: str | None = "buddy",
    to_initiative: Initiative | None = None,
    initiative_name: str = "",
    steps: dict[str, datetime.date] | None = None,
    decline_reason: str = "",
    first_name: str = "Amina",
    participant=None,
    handled_by=None,
    consent_withdrawn_on: datetime.date | None = None,
) -> Referral:
    """A referral sent on `sent_on` and moved to `status`; each step on the date in `steps`
    (by default the day it was sent)."""
    if participant is None:
        participant = ParticipantFactory(
            organisation=sender.organisation,
            social_worker=sender.user,
            first_name=first_name,
            last_name="Verstraeten",
        )
    referral = Referral.objects.create(
        organisation=sender.organisation,
        participant=participant,
        sent_by=sender.user,
        initiative=to_initiative,
        initiative_name=initiative_name or (to_initiative.name if to_initiative else "Elders"),
        to_organisation=to,
        work_model=WorkModel.objects.get(code=work_model) if work_model else None,
        shared_items=["first_name", "reason"],
        shared={"first_name": first_name, "reason": "Ik wil meer mensen leren kennen."},
        consent_method="written",
        consent_given_on=sent_on,
        consent_purpose="Doorverwijzing",
        consent_recorded_by=sender.user,
        consent_withdrawn_on=consent_withdrawn_on,
        status=status,
        decline_reason=decline_reason,
        handled_by=handled_by,
    )
    steps = steps or {}
    last = sent_on
    for step in PATH[status]:
        last = steps.get(step, last)
        ReferralStep.objects.create(
            referral=referral,
            status=step,
            happened_on=last,
            by_organisation=to or sender.organisation,
        )
    Referral.objects.filter(pk=referral.pk).update(
        sent_at=moment(sent_on), status_changed_at=moment(last)
    )
    referral.refresh_from_db()
    return referral
