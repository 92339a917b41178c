"""Following a match: the volunteer's contact logs, agreements, and the coordinator's check-ins."""

from typing import Any
from uuid import UUID

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership, Role
from netwerk.services import audit

from .. import reminders
from ..models import CheckIn, ContactLog, Match
from .common import require_manager

CONTACT_FIELDS = ("date", "duration_minutes", "what_we_did", "how_it_went", "worried", "worry_note")
CHECK_IN_FIELDS = ("date", "volunteer_side", "participant_side", "notes")


def _own_open_match(membership: Membership, match: Match) -> None:
    if not (
        membership.role == Role.VOLUNTEER
        and membership.is_active
        and match.organisation_id == membership.organisation_id
        and match.volunteer.user_id == membership.user_id
    ):
        raise PermissionDenied
    if not match.is_open:
        raise ValidationError(_("This match is no longer running."), code="match_not_open")


def contact_log_allowed(membership: Membership, match: Match) -> None:
    """The match's volunteer logs their meetings; for a volunteer without a log-in, the
    coordinator logs what the volunteer tells them (PermissionDenied otherwise: the API asks
    before it parses the input)."""
    if membership.role == Role.VOLUNTEER:
        _own_open_match(membership, match)
        return
    require_manager(membership, match.organisation_id)
    if match.volunteer.user_id is not None:
        raise PermissionDenied
    if not match.is_open:
        raise ValidationError(_("This match is no longer running."), code="match_not_open")


def contact_log_already_sent(
    *, membership: Membership, match: Match, client_id: UUID | None
) -> ContactLog | None:
    """The log a phone sent before under this id (a retry after a lost answer, or the offline
    queue sending again): that one is the answer, nothing new is made. An id used by someone
    else, or for another match, is refused rather than revealed."""
    if client_id is None:
        return None
    existing = ContactLog.objects.filter(client_id=client_id).first()
    if existing is None:
        return None
    if existing.logged_by_id != membership.user_id or existing.match_id != match.pk:
        raise ValidationError(_("This contact was already sent."), code="client_id_taken")
    return existing


@transaction.atomic
def contact_log_create(
    *,
    membership: Membership,
    match: Match,
    data: dict[str, Any],
    client_id: UUID | None = None,
) -> ContactLog:
    """The volunteer (or, for one without a log-in, the coordinator) logs a meeting. A worry
    note only makes sense with the worry flag. With a `client_id` the phone made, sending the
    same log again returns the first one (the queue of the offline pages relies on this)."""
    existing = contact_log_already_sent(membership=membership, match=match, client_id=client_id)
    if existing is not None:
        return existing
    contact_log_allowed(membership, match)
    log = ContactLog(match=match, logged_by=membership.user, client_id=client_id)
    for field in CONTACT_FIELDS:
        if field in data and data[field] is not None:
            setattr(log, field, data[field])
    if log.date is None:
        log.date = timezone.localdate()
    errors = {}
    if log.date > timezone.localdate():
        errors["date"] = _("A contact cannot be logged in the future.")
    if log.worry_note.strip() and not log.worried:
        errors["worried"] = _("Tick “I am worried” to send this note to your coordinator.")
    if errors:
        raise ValidationError(errors)
    log.full_clean(exclude=["match", "logged_by"], validate_constraints=False)
    try:
        # Two sends of one id at the same moment: the database keeps one, the other gets it.
        with transaction.atomic():
            log.save()
    except IntegrityError:
        if client_id is None:
            raise
        existing = contact_log_already_sent(membership=membership, match=match, client_id=client_id)
        if existing is None:
            raise
        return existing
    next_meeting = data.get("next_meeting_on")
    if next_meeting:
        if next_meeting < timezone.localdate():
            raise ValidationError({"next_meeting_on": _("The next meeting lies in the future.")})
        Match.objects.filter(pk=match.pk).update(next_meeting_on=next_meeting)
    audit(membership, AuditEvent.Action.CREATE, log)
    reminders.contact_logged(log)
    return log


@transaction.atomic
def match_agreements_update(*, membership: Membership, match: Match, data: dict[str, Any]) -> Match:
    """Practical agreements and the next meeting: the coordinator, or the match's volunteer."""
    if membership.role == Role.VOLUNTEER:
        _own_open_match(membership, match)
    else:
        require_manager(membership, match.organisation_id)
    changed = [f for f in ("agreements", "next_meeting_on") if f in data]
    for field in changed:
        setattr(match, field, data[field] if field == "next_meeting_on" else data[field].strip())
    match.save(update_fields=changed)
    audit(membership, AuditEvent.Action.UPDATE, match, changed)
    return match


@transaction.atomic
def check_in_create(*, membership: Membership, match: Match, data: dict[str, Any]) -> CheckIn:
    require_manager(membership, match.organisation_id)
    if match.status not in (Match.Status.INTRO_PLANNED, Match.Status.ACTIVE, Match.Status.CLOSING):
        raise ValidationError(_("Check-ins are for running matches."), code="match_not_running")
    check_in = CheckIn(match=match, coordinator=membership.user)
    for field in CHECK_IN_FIELDS:
        if field in data and data[field] is not None:
            setattr(check_in, field, data[field])
    if check_in.date is None:
        check_in.date = timezone.localdate()
    if check_in.date > timezone.localdate():
        raise ValidationError({"date": _("A check-in cannot be in the future.")})
    check_in.full_clean(exclude=["match", "coordinator"])
    check_in.save()
    audit(membership, AuditEvent.Action.CREATE, check_in)
    reminders.check_in_done(check_in)
    return check_in
