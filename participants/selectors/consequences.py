"""What an irreversible action will do, in words, for the page that asks to confirm it."""

from django.utils.translation import gettext as _

from ..models import SPECIAL_CATEGORY_FIELDS, Consent, NetworkMember, Participant


def consent_withdraw_consequences(consent: Consent) -> list[str]:
    """What withdrawing this consent changes, today, for this file."""
    participant = consent.participant
    if consent.purpose == Consent.Purpose.FILE:
        consequences = []
        if participant.status == Participant.Status.ACTIVE:
            consequences.append(
                _("The file is paused at once: it leaves the active caseload and its reminders.")
            )
        emptied = [
            str(Participant._meta.get_field(name).verbose_name)
            for name in SPECIAL_CATEGORY_FIELDS
            if getattr(participant, name)
        ]
        if emptied:
            consequences.append(
                _("These sensitive details are emptied at once: %(fields)s.")
                % {"fields": ", ".join(emptied)}
            )
        consequences.append(
            _(
                "Nothing new can be written on the file (interventions, network map, "
                "measurements) until the participant agrees again."
            )
        )
        return consequences
    return [
        {
            Consent.Purpose.BUDDY_SHARING: _(
                "Buddies and coordinators no longer get this participant's contact details."
            ),
            Consent.Purpose.RESEARCH: _("From now on the file is left out of research exports."),
            Consent.Purpose.CONTACT: _(
                "The participant gets no more e-mails or text messages from the organisation."
            ),
        }.get(consent.purpose, _("The consent no longer counts, from today."))
    ]


def consent_withdraw_undo(consent: Consent) -> str:
    if consent.purpose == Consent.Purpose.FILE:
        return _(
            "This cannot be undone with one click. When the participant agrees again, record "
            "the consent again and fill in the emptied details anew; set the file to active "
            "again on its edit page."
        )
    return _("When the participant agrees again, record the consent again.")


def network_member_delete_consequences(member: NetworkMember) -> list[str]:
    consequences = [
        _("%(name)s is taken off today's network map.") % {"name": member.label},
        _("Snapshots taken earlier keep %(name)s as they were.") % {"name": member.label},
    ]
    carried = member.agreements.count()
    if carried:
        consequences.append(
            _("The agreements %(name)s carries keep their name as text (%(count)s).")
            % {"name": member.label, "count": carried}
        )
    return consequences
