"""The match lifecycle: proposed → intro planned → active → closing → closed, or declined.

Every step writes a MatchEvent (the history) and an audit row. A proposal is made only when a
coordinator approves a suggestion, and the pair is checked again at that moment.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import AuditEvent, Membership
from netwerk.services import audit

from .. import reminders
from ..models import BuddyRequest, Match, MatchEvent, Volunteer
from ..selectors.proposals import pair_check
from .common import require_manager
from .network import buddy_network_member_end, buddy_network_member_sync

S = Match.Status
# action → (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[tuple[str, ...], str]] = {
    "plan_intro": ((S.PROPOSED, S.INTRO_PLANNED), S.INTRO_PLANNED),
    "activate": ((S.INTRO_PLANNED,), S.ACTIVE),
    "start_closing": ((S.ACTIVE,), S.CLOSING),
    "resume": ((S.CLOSING,), S.ACTIVE),
    "close": ((S.CLOSING,), S.CLOSED),
    "decline": ((S.PROPOSED, S.INTRO_PLANNED), S.DECLINED),
}

PAIR_PROBLEMS = {
    "gone": gettext_lazy("This request or volunteer no longer exists in your organisation."),
    "not_eligible": gettext_lazy(
        "This volunteer can no longer be matched: not active, screening missing or expired, "
        "training or agreement missing."
    ),
    "no_capacity": gettext_lazy("This volunteer has no place left."),
    "blocked": gettext_lazy(
        "This pair was declined before or ended badly; it is not proposed again."
    ),
    "constraints": gettext_lazy(
        "This pair no longer meets the hard conditions (language, gender wish, distance or "
        "availability)."
    ),
}


def _event(match: Match, membership: Membership, before: str, note: str = "") -> None:
    MatchEvent.objects.create(
        match=match, from_status=before, to_status=match.status, actor=membership.user, note=note
    )


def _step(membership: Membership, match: Match, action: str) -> tuple[Match, str]:
    """Lock the match, check the transition is allowed; return it and its old status."""
    require_manager(membership, match.organisation_id)
    match = Match.objects.select_for_update().get(pk=match.pk)
    allowed_from, _to = TRANSITIONS[action]
    if match.status not in allowed_from:
        raise ValidationError(
            _("A match that is “%(status)s” cannot be changed this way.")
            % {"status": match.get_status_display()},
            code="transition_not_allowed",
        )
    return match, match.status


@transaction.atomic
def match_propose(*, membership: Membership, request: BuddyRequest, volunteer: Volunteer) -> Match:
    """The coordinator approves a suggestion: only now do the volunteer and the social worker
    see it. The pair is checked again, under locks, so a volunteer who meanwhile became
    unavailable is refused with nothing changed."""
    require_manager(membership, request.organisation_id)
    request = BuddyRequest.objects.select_for_update().get(pk=request.pk)
    Volunteer.objects.select_for_update().filter(pk=volunteer.pk).first()
    if request.status != BuddyRequest.Status.WAITING:
        raise ValidationError(
            _("This request is no longer on the waiting list."), code="not_waiting"
        )
    check = pair_check(request, volunteer)
    if check.proposal is None:
        raise ValidationError(str(PAIR_PROBLEMS[check.problem]), code=check.problem)
    match = Match.objects.create(
        organisation_id=request.organisation_id,
        request=request,
        participant_id=request.participant_id,
        volunteer=volunteer,
        status=S.PROPOSED,
        score=check.proposal.total,
        explanation=check.proposal.explanation,
        proposed_by=membership.user,
    )
    request.status = BuddyRequest.Status.MATCHED
    request.save(update_fields=["status"])
    _event(match, membership, "")
    audit(membership, AuditEvent.Action.CREATE, match)
    return match


@transaction.atomic
def suggestion_decline(
    *, membership: Membership, request: BuddyRequest, volunteer: Volunteer, reason: str
) -> Match:
    """The coordinator sets a suggestion aside: recorded, so the pair is not proposed again."""
    require_manager(membership, request.organisation_id)
    if volunteer.organisation_id != request.organisation_id:
        raise ValidationError(str(PAIR_PROBLEMS["gone"]), code="gone")
    if not reason.strip():
        raise ValidationError({"reason": _("Say why, so colleagues understand later.")})
    match = Match.objects.create(
        organisation_id=request.organisation_id,
        request=request,
        participant_id=request.participant_id,
        volunteer=volunteer,
        status=S.DECLINED,
        proposed_by=membership.user,
        declined_by=membership.user,
        declined_side=Match.Side.COORDINATOR,
        decline_reason=reason.strip(),
    )
    _event(match, membership, "", reason.strip())
    audit(membership, AuditEvent.Action.CREATE, match)
    return match


# An introduction may be written down afterwards, up to three months late (catching up after
# a holiday); planned, up to a year ahead. Anything further off is a typing error (2020 for
# 2026).
INTRO_LATE = datetime.timedelta(days=92)
INTRO_AHEAD = datetime.timedelta(days=366)


def check_intro_at(intro_at: datetime.datetime) -> None:
    today = timezone.localdate()
    day = timezone.localtime(intro_at).date() if timezone.is_aware(intro_at) else intro_at.date()
    if day < today - INTRO_LATE:
        raise ValidationError(
            {
                "intro_at": _(
                    "An introduction lies at most three months in the past. Check the year: "
                    "%(date)s is too long ago."
                )
                % {"date": date_format(day, "SHORT_DATE_FORMAT")}
            }
        )
    if day > today + INTRO_AHEAD:
        raise ValidationError(
            {"intro_at": _("Plan the introduction within a year from today. Check the year.")}
        )


@transaction.atomic
def match_plan_intro(
    *, membership: Membership, match: Match, intro_at: datetime.datetime, intro_place: str
) -> Match:
    match, before = _step(membership, match, "plan_intro")
    check_intro_at(intro_at)
    if not intro_place.strip():
        raise ValidationError({"intro_place": _("Say where the introduction takes place.")})
    match.intro_at, match.intro_place = intro_at, intro_place.strip()
    match.next_meeting_on = timezone.localtime(intro_at).date()
    match.status = S.INTRO_PLANNED
    match.save()
    _event(match, membership, before)
    audit(membership, AuditEvent.Action.UPDATE, match, ["status", "intro_at", "intro_place"])
    reminders.intro_planned(match)
    return match


@transaction.atomic
def match_activate(
    *, membership: Membership, match: Match, started_on: datetime.date | None = None
) -> Match:
    """After a good introduction: the match starts, and the buddy joins the network map."""
    match, before = _step(membership, match, "activate")
    match.started_on = started_on or timezone.localdate()
    if match.started_on > timezone.localdate():
        raise ValidationError({"started_on": _("A match cannot start in the future.")})
    intro_day = match.intro_at and timezone.localtime(match.intro_at).date()
    if intro_day and match.started_on < intro_day:
        raise ValidationError(
            {
                "started_on": _(
                    "A match starts on or after its introduction (%(date)s), not before."
                )
                % {"date": date_format(intro_day, "SHORT_DATE_FORMAT")}
            }
        )
    match.status = S.ACTIVE
    match.save()
    _event(match, membership, before)
    audit(membership, AuditEvent.Action.UPDATE, match, ["status", "started_on"])
    buddy_network_member_sync(membership=membership, match=match)
    return match


@transaction.atomic
def match_start_closing(*, membership: Membership, match: Match, note: str = "") -> Match:
    """The match winds down: no more check-in or no-contact reminders; the volunteer keeps the
    contact until the match is closed. `match_resume` undoes it."""
    match, before = _step(membership, match, "start_closing")
    match.status = S.CLOSING
    match.save()
    _event(match, membership, before, note.strip())
    audit(membership, AuditEvent.Action.UPDATE, match, ["status"])
    return match


@transaction.atomic
def match_resume(*, membership: Membership, match: Match, note: str = "") -> Match:
    """Undo "start closing": the match runs on as before."""
    match, before = _step(membership, match, "resume")
    match.status = S.ACTIVE
    match.save()
    _event(match, membership, before, note.strip())
    audit(membership, AuditEvent.Action.UPDATE, match, ["status"])
    return match


@transaction.atomic
def match_close(*, membership: Membership, match: Match, data: dict[str, Any]) -> Match:
    """Closure with a reason and an evaluation from both sides."""
    match, before = _step(membership, match, "close")
    errors = {}
    if not data.get("close_reason"):
        errors["close_reason"] = _("Choose a reason.")
    if not (data.get("evaluation_volunteer") or "").strip():
        errors["evaluation_volunteer"] = _("Write down how the volunteer looks back on it.")
    if not (data.get("evaluation_participant") or "").strip():
        errors["evaluation_participant"] = _(
            "Write down how the participant looks back on it (through the social worker)."
        )
    if errors:
        raise ValidationError(errors)
    match.closed_on = data.get("closed_on") or timezone.localdate()
    if match.started_on and match.closed_on < match.started_on:
        raise ValidationError({"closed_on": _("A match cannot close before it started.")})
    if match.closed_on > timezone.localdate():
        raise ValidationError({"closed_on": _("A match cannot close in the future.")})
    match.close_reason = data["close_reason"]
    match.ended_badly = bool(data.get("ended_badly"))
    match.evaluation_volunteer = data["evaluation_volunteer"].strip()
    match.evaluation_participant = data["evaluation_participant"].strip()
    match.status = S.CLOSED
    match.full_clean(exclude=["organisation", "request", "participant", "volunteer", "proposed_by"])
    match.save()
    BuddyRequest.objects.filter(pk=match.request_id).update(status=BuddyRequest.Status.CLOSED)
    buddy_network_member_end(membership=membership, match=match)
    _event(match, membership, before)
    audit(membership, AuditEvent.Action.UPDATE, match, ["status", "close_reason", "ended_badly"])
    reminders.match_closed(match)
    return match


@transaction.atomic
def match_decline(*, membership: Membership, match: Match, side: str, reason: str) -> Match:
    """The volunteer, the participant or the coordinator says no: the request waits again."""
    match, before = _step(membership, match, "decline")
    errors = {}
    if side not in Match.Side.values:
        errors["side"] = _("Say who declined.")
    if not reason.strip():
        errors["reason"] = _("Say why, so colleagues understand later.")
    if errors:
        raise ValidationError(errors)
    match.status = S.DECLINED
    match.declined_by, match.declined_side = membership.user, side
    match.decline_reason = reason.strip()
    match.next_meeting_on = None
    match.save()
    BuddyRequest.objects.filter(pk=match.request_id).update(status=BuddyRequest.Status.WAITING)
    _event(match, membership, before, reason.strip())
    audit(membership, AuditEvent.Action.UPDATE, match, ["status", "declined_side"])
    return match
