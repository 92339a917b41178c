"""The group records of one participant in their rights export, and scrubbed on erasure.

Registered with participants' registries on import (from `GroupsConfig.ready`), so
participants never imports groups. Memberships, attendance and hours stay for the figures;
"met here" labels and placements' free texts go. Current memberships end today.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from participants.models import Participant
from participants.rights.erasure import PLACEHOLDER, register_erasure_step, scrub
from participants.rights.export import Section, register_rights_section, section

from .models import GroupMember, GroupSession, MetHereTie, VolunteerPlacement


def group_sections(participant: Participant) -> list[Section]:
    return [
        section(
            "group_memberships",
            _("Groups"),
            GroupMember.objects.filter(participant=participant).select_related("group"),
            ("group", "joined_on", "left_on", "certificate_on"),
        ),
        section(
            "group_attendance",
            _("Group sessions attended"),
            GroupSession.objects.filter(attendances__member__participant=participant)
            .select_related("group")
            .distinct(),
            ("group", "date", "topic"),
        ),
        section(
            "group_ties",
            _("People met in a group"),
            MetHereTie.objects.filter(participant=participant).select_related("group"),
            ("group", "label", "sector", "status", "decided_on"),
        ),
        section(
            "volunteer_placements",
            _("Volunteer placements"),
            VolunteerPlacement.objects.filter(participant=participant),
            ("where", "what", "since", "ended_on", "hours", "per", "contact_person", "status"),
        ),
    ]


def erase_group_records(participant: Participant) -> None:
    pk = participant.pk
    today = timezone.localdate()
    scrub(MetHereTie.objects.filter(participant_id=pk), texts=("label",))
    scrub(
        VolunteerPlacement.objects.filter(participant_id=pk),
        texts=("contact_person",),
        where=PLACEHOLDER,
        what=PLACEHOLDER,
    )
    GroupMember.objects.filter(
        participant_id=pk, left_on__isnull=True, joined_on__lte=today
    ).update(left_on=today)


register_rights_section(group_sections)
register_erasure_step(erase_group_records)
