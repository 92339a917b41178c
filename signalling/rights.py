"""The signals recorded from one participant's file or match in their rights export, and
unlinked on erasure. Registered with participants' registries on import (from
`SignallingConfig.ready`), so participants never imports signalling. The signal itself stays
(a barrier, without names, counted in the figures); only its link to the person goes."""

from django.db.models import Q
from django.utils.translation import gettext as _

from participants.models import Participant
from participants.rights.erasure import register_erasure_step
from participants.rights.export import Section, register_rights_section, section

from .models import Signal


def _of(participant_id: int):
    return Signal.objects.filter(
        Q(participant_id=participant_id) | Q(match__participant_id=participant_id)
    )


def signal_sections(participant: Participant) -> list[Section]:
    return [
        section(
            "structural_signals",
            _("Signals recorded from the file"),
            _of(participant.pk).select_related("theme").order_by("occurred_on", "pk"),
            ("theme", "occurred_on", "municipality", "story", "participant_counted"),
        )
    ]


def unlink_signals(participant: Participant) -> None:
    Signal.objects.filter(participant_id=participant.pk).update(participant=None)


register_rights_section(signal_sections)
register_erasure_step(unlink_signals)
