"""Writes for flags. Every write checks who may make it again, saves in a transaction and
writes the audit record (field names only, never the text)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership, Organisation, Role
from buddies.models import ContactLog, Match
from netwerk.services import apply_changes, audit
from participants.models import Participant
from participants.selectors import participant_editable_by

from .models import Flag, FlagKind
from .selectors import MANAGERS, can_pass_on, flag_is_changeable

DEFAULT_KINDS = tuple(FlagKind.Code)


def kinds_create_defaults(organisation: Organisation) -> None:
    """The four default kinds, for an organisation that has none of them yet."""
    have = set(FlagKind.objects.filter(organisation=organisation).values_list("code", flat=True))
    FlagKind.objects.bulk_create(
        FlagKind(organisation=organisation, code=code, order=order)
        for order, code in enumerate(DEFAULT_KINDS, start=1)
        if code not in have
    )


def kinds_create_defaults_receiver(sender, instance, created, raw=False, **kwargs) -> None:
    if created and not raw:
        kinds_create_defaults(instance)


def may_raise_on_match(membership: Membership, match: Match) -> bool:
    if membership.organisation_id != match.organisation_id:
        return False
    if membership.role in MANAGERS:
        return True
    return membership.role == Role.SOCIAL_WORKER and participant_editable_by(
        membership, match.participant
    )


def _clean_texts(text: str, pass_on: bool, volunteer_text: str) -> dict[str, str]:
    errors = {}
    if not text.strip():
        errors["text"] = _("Write in a few words what others must know.")
    if pass_on and not volunteer_text.strip():
        errors["volunteer_text"] = _(
            "Write what the volunteer may know: they read only this, not the flag's text."
        )
    return errors


@transaction.atomic
def flag_raise(
    *,
    membership: Membership,
    kind: FlagKind,
    text: str,
    participant: Participant | None = None,
    match: Match | None = None,
    source_worry: ContactLog | None = None,
    pass_on_to_volunteer: bool = False,
    volunteer_text: str = "",
) -> Flag:
    """Raise a flag on a file (its social worker) or on a match (the coordinator, the org
    admin, or the participant's social worker). Only a coordinator passes it on."""
    if (participant is None) == (match is None):
        raise ValidationError(_("A flag is on a file or on a match, not both."))
    if participant is not None and not participant_editable_by(membership, participant):
        raise PermissionDenied
    if match is not None and not may_raise_on_match(membership, match):
        raise PermissionDenied
    if pass_on_to_volunteer and not can_pass_on(membership):
        raise PermissionDenied
    errors = _clean_texts(text, pass_on_to_volunteer, volunteer_text)
    if kind.organisation_id != membership.organisation_id or not kind.active:
        errors["kind"] = _("Choose one of your organisation's kinds of flag.")
    if source_worry is not None and (match is None or source_worry.match_id != match.pk):
        errors["source_worry"] = _("This worry is about another match.")
    if errors:
        raise ValidationError(errors)
    flag = Flag(
        organisation_id=membership.organisation_id,
        participant=participant,
        match=match,
        kind=kind,
        text=text.strip(),
        raised_by=membership.user,
        source_worry=source_worry,
        pass_on_to_volunteer=pass_on_to_volunteer,
        volunteer_text=volunteer_text.strip() if pass_on_to_volunteer else "",
    )
    flag.full_clean()
    flag.save()
    audit(membership, AuditEvent.Action.CREATE, flag)
    return flag


@transaction.atomic
def flag_pass_on(
    *, membership: Membership, flag: Flag, pass_on_to_volunteer: bool, volunteer_text: str
) -> Flag:
    """The coordinator chooses what the volunteer reads (or that they read nothing)."""
    if not can_pass_on(membership) or not flag_is_changeable(membership, flag):
        raise PermissionDenied
    errors = _clean_texts("-", pass_on_to_volunteer, volunteer_text)
    if flag.is_ended:
        errors["pass_on_to_volunteer"] = _("This flag has ended.")
    if errors:
        raise ValidationError(errors)
    changed = apply_changes(
        flag,
        {
            "pass_on_to_volunteer": pass_on_to_volunteer,
            "volunteer_text": volunteer_text.strip() if pass_on_to_volunteer else "",
        },
    )
    if changed:
        flag.full_clean()
        flag.save(update_fields=changed)
        audit(membership, AuditEvent.Action.UPDATE, flag, changed)
    return flag


@transaction.atomic
def flag_request_end(*, membership: Membership, flag: Flag, reason: str) -> Flag:
    """The first of the two people: asks to end the flag and says why. It stays shown."""
    if not flag_is_changeable(membership, flag):
        raise PermissionDenied
    flag = Flag.objects.select_for_update().get(pk=flag.pk)
    if flag.is_ended:
        raise ValidationError({"reason": _("This flag has ended already.")})
    if flag.ending_requested_at is not None:
        raise ValidationError(
            {"reason": _("Someone asked to end this flag already: a colleague confirms it.")}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the flag can end.")})
    flag.ending_requested_by = membership.user
    flag.ending_requested_at = timezone.now()
    flag.ending_reason = reason.strip()
    flag.full_clean()
    flag.save(update_fields=["ending_requested_by", "ending_requested_at", "ending_reason"])
    audit(membership, AuditEvent.Action.UPDATE, flag, ["ending_requested_at", "ending_reason"])
    return flag


@transaction.atomic
def flag_confirm_end(*, membership: Membership, flag: Flag) -> Flag:
    """The second person: a different staff member confirms; then the flag ends."""
    if not flag_is_changeable(membership, flag):
        raise PermissionDenied
    flag = Flag.objects.select_for_update().get(pk=flag.pk)
    if flag.is_ended:
        raise ValidationError(_("This flag has ended already."))
    if flag.ending_requested_at is None:
        raise ValidationError(_("Nobody asked to end this flag yet."))
    if flag.ending_requested_by_id == membership.user_id:
        raise ValidationError(
            _(
                "You asked to end this flag yourself. A second staff member must confirm it: "
                "that is the rule for ending a flag."
            ),
            code="same_person",
        )
    flag.ended_by = membership.user
    flag.ended_at = timezone.now()
    flag.full_clean()
    flag.save(update_fields=["ended_by", "ended_at"])
    audit(membership, AuditEvent.Action.UPDATE, flag, ["ended_at"])
    return flag
