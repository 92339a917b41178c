"""A STOP by SMS withdraws the contact consent ("contact by e-mail or text message") of the
participants Netwerk sent SMS to at that number. The notifications app records the STOP and
sends `sms_opted_out`; connected in `ParticipantsConfig.ready`."""

from django.db.models import Q
from django.dispatch import receiver
from django.utils import timezone

from accounts.audit import audit_record
from accounts.models import AuditEvent
from notifications.inbound import sms_opted_out

from .models import Consent
from .reminders import consent_ended


@receiver(sms_opted_out, dispatch_uid="participants.sms_stop")
def withdraw_contact_consent(sender, *, recipients, organisation_ids, **kwargs) -> int:
    participant_ids = [pk for kind, pk in recipients if kind == "participant"]
    if not participant_ids:
        return 0
    consents = list(
        Consent.objects.current()
        .filter(
            Q(participant__organisation_id__in=organisation_ids),
            purpose=Consent.Purpose.CONTACT,
            participant_id__in=participant_ids,
            withdrawn_on__isnull=True,
        )
        .select_related("participant__organisation")
    )
    today = timezone.localdate()
    for consent in consents:
        # Recorded by nobody: the participant withdrew it themselves, by SMS.
        consent.withdrawn_on = max(today, consent.given_on)
        consent.save(update_fields=["withdrawn_on"])
        audit_record(
            actor=None,
            organisation=consent.participant.organisation,
            action=AuditEvent.Action.UPDATE,
            obj=consent,
            fields=["withdrawn_on"],
        )
        consent_ended(consent)
    return len(consents)
