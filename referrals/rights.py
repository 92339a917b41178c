"""A participant's referrals in their rights export, and the sender's copy on erasure.

Registered from `ReferralsConfig.ready()`, so participants never imports referrals.

Erasure (anonymisation) of the sender's file: a referral outside Netwerk (`to_organisation`
empty) holds the only copy of what was shared on Netwerk, and it is the sender's: its values
are cleared. A referral to an organisation on Netwerk: what was shared was received by that
organisation, which keeps it as its own controller (docs/architecture.md, "Referrals"); the
sender's pages no longer show it once the file is anonymised, and the participant exercises
their rights there with the receiving organisation. The referral's dates, status, work model
and the names of the items shared stay for the figures.
"""

from django.utils.translation import gettext as _

from participants.models import Participant
from participants.rights.erasure import PLACEHOLDER, register_erasure_step
from participants.rights.export import Section, register_rights_section, section

from .models import Referral

EXPORT_FIELDS = (
    "initiative_name",
    "to_organisation",
    "work_model",
    "sent_at",
    "status",
    "shared_items",
    "shared",
    "consent_method",
    "consent_given_on",
    "consent_purpose",
    "consent_withdrawn_on",
    "email_consented",
    "emailed_at",
)


def referral_sections(participant: Participant) -> list[Section]:
    return [
        section(
            "referrals",
            _("Referrals"),
            Referral.objects.filter(participant=participant).select_related(
                "to_organisation", "work_model"
            ),
            EXPORT_FIELDS,
        )
    ]


def erase_sent_referrals(participant: Participant) -> None:
    Referral.objects.filter(participant_id=participant.pk, to_organisation__isnull=True).update(
        shared={}, consent_purpose=PLACEHOLDER
    )


register_rights_section(referral_sections)
register_erasure_step(erase_sent_referrals)
