"""A participant's flags in their rights export, and scrubbed on erasure (registered from
`SafetyConfig.ready`, so participants never imports safety). On erasure the texts go, the
kinds and dates stay for the figures, and flags still in force end: nobody works with an
anonymised person."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from participants.models import Participant
from participants.rights.erasure import register_erasure_step, scrub
from participants.rights.export import Section, register_rights_section, section

from .models import Flag

FIELDS = (
    "kind",
    "match",
    "text",
    "raised_at",
    "pass_on_to_volunteer",
    "volunteer_text",
    "ending_requested_at",
    "ending_reason",
    "ended_at",
)


def _about(participant_id: int) -> Q:
    return Q(participant_id=participant_id) | Q(match__participant_id=participant_id)


def flag_sections(participant: Participant) -> list[Section]:
    flags = (
        Flag.objects.filter(_about(participant.pk)).select_related("kind", "match").order_by("pk")
    )
    return [section("safety_flags", _("Safety flags"), flags, FIELDS)]


def erase_flags(participant: Participant) -> None:
    flags = Flag.objects.filter(_about(participant.pk))
    scrub(flags, texts=("text", "volunteer_text", "ending_reason"))
    now = timezone.now()
    flags.filter(ending_requested_at__isnull=True).update(ending_requested_at=now)
    flags.filter(ended_at__isnull=True).update(ended_at=now)


register_rights_section(flag_sections)
register_erasure_step(erase_flags)
