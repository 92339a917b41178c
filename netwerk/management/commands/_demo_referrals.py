"""Demo referrals: the partner buddy project enters and runs a shared initiative on Netwerk,
a praatcafé outside Netwerk takes e-mail, and the demo social worker has sent a few referrals
that stand at different steps."""

import datetime

from django.utils import timezone

from accounts.models import Membership, Organisation, User
from participants.models import Consent, Participant
from referrals.models import Referral, SharedItem
from referrals.services.sending import referral_consent_withdraw, referral_send
from referrals.services.steps import step_record
from workmodels import services as directory
from workmodels.models import Initiative, WorkModel

NOTES = {
    "accepted": "Welkom! We bellen je deze week.",
    "declined": "Geen plaats meer dit najaar.",
}


PARTNER_INITIATIVE = "Een vaste buddy in Gent"


def _initiatives(organisation: Organisation, partner: Organisation, users: dict[str, User]):
    coordinator = Membership.objects.get(organisation=organisation, user=users["coordinator"])
    # The partner enters its own initiative and links itself as the one running it.
    buddy = Initiative.objects.filter(organisation=partner, name=PARTNER_INITIATIVE).first()
    if buddy is None:
        buddy = directory.initiative_create(
            membership=Membership.objects.get(organisation=partner, user=users["beheerder"]),
            data={
                "name": PARTNER_INITIATIVE,
                "provider": partner.name,
                "run_by": partner,
                "municipalities": ["Gent"],
                "languages": ["nl", "fr", "ar"],
                "target_groups": "Volwassenen die er alleen voor staan",
                "sign_up": "Via een doorverwijzing op Netwerk of via je maatschappelijk werker.",
            },
            work_models=WorkModel.objects.filter(code="buddy"),
        )
    cafe = Initiative.objects.get(organisation=organisation, name="Praatcafé De Brug")
    if not cafe.contact_email:
        directory.initiative_update(
            membership=coordinator,
            initiative=cafe,
            data={"contact_email": "praatcafe@demo.netwerk.test"},
        )
    return buddy, cafe


def referrals(organisation: Organisation, partner: Organisation, users: dict[str, User]) -> None:
    buddy, cafe = _initiatives(organisation, partner, users)
    if Referral.objects.filter(organisation=organisation).exists():
        return
    worker = Membership.objects.get(organisation=organisation, user=users["maatschappelijkwerker"])
    receiver = Membership.objects.get(organisation=partner, user=users["beheerder"])
    files = list(
        Participant.objects.filter(
            organisation=organisation,
            social_worker=worker.user,
            status=Participant.Status.ACTIVE,
            consents__purpose=Consent.Purpose.FILE,
            consents__withdrawn_on__isnull=True,
        )
        .distinct()
        .order_by("reference_code")[:4]
    )
    today = timezone.localdate()
    plans = [
        (buddy, [SharedItem.LANGUAGES, SharedItem.CONTACT], ["received"], False),
        (
            buddy,
            [SharedItem.LANGUAGES, SharedItem.MUNICIPALITY],
            ["accepted", "first_contact"],
            False,
        ),
        (cafe, [SharedItem.CONTACT], [], False),
        (buddy, [SharedItem.BIRTH_YEAR], ["declined"], True),
    ]
    for participant, (initiative, items, steps, withdraw) in zip(files, plans, strict=False):
        referral = referral_send(
            membership=worker,
            participant=participant,
            initiative=initiative,
            shared_items=items,
            reason="Ik zou graag iemand hebben om af en toe mee te praten of te wandelen.",
            consent_method=Consent.Method.ORAL,
            consent_given_on=today - datetime.timedelta(days=3),
            consent_purpose=f"Doorverwijzing naar {initiative.name}",
            email_consented=initiative.run_by_id is None,
        )
        for status in steps:
            step_record(
                membership=receiver,
                referral=referral,
                status=status,
                note=NOTES.get(status, ""),
            )
        if withdraw:
            referral_consent_withdraw(membership=worker, referral=referral)
