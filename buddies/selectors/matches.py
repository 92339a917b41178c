"""Reads for matches: one visibility rule, the board, the volunteer's contacts, the figures."""

import datetime
import statistics
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.models import Membership, Role
from notifications.models import RuleSetting
from notifications.rules import SweepContext
from participants.models import Consent
from participants.selectors.access_blocks import blocked_for
from participants.selectors.files import worked_on_by

from ..models import CheckIn, ContactLog, Match
from ..reminders import CHECK_IN_DUE, check_ins_due

MANAGERS = (Role.COORDINATOR, Role.ORG_ADMIN)
EARLY_CLOSURE_DAYS = 91  # "closed before 3 months"


def matches_visible_to(membership: Membership | None) -> QuerySet[Match]:
    """Coordinators and org admins: all of the organisation. A volunteer: their own open matches
    only. A social worker: matches of their own caseload that were approved (not declined)."""
    if membership is None:
        return Match.objects.none()
    # Never a match about a file this person is blocked from (the buddy card included).
    in_org = Match.objects.filter(organisation_id=membership.organisation_id).exclude(
        participant_id__in=blocked_for(membership.user_id)
    )
    if membership.role in MANAGERS:
        return in_org
    if membership.role == Role.VOLUNTEER:
        return in_org.filter(volunteer__user_id=membership.user_id, status__in=Match.OPEN)
    if membership.role == Role.SOCIAL_WORKER:
        return in_org.filter(worked_on_by(membership, "participant__")).exclude(
            status=Match.Status.DECLINED
        )
    return Match.objects.none()


def buddy_consent_active():
    """Annotation: the participant's consent to share contact details with a buddy holds now."""
    return Exists(
        Consent.objects.in_force().filter(
            participant_id=OuterRef("participant_id"), purpose=Consent.Purpose.BUDDY_SHARING
        )
    )


def match_board(membership: Membership) -> QuerySet[Match]:
    """Running and proposed matches with their last contact and worries, in one query."""
    return (
        matches_visible_to(membership)
        .filter(status__in=Match.OPEN)
        .select_related("volunteer__user", "participant")
        .annotate(
            last_contact_on=Max("contact_logs__date"),
            worries=Count("contact_logs", filter=Q(contact_logs__worried=True)),
        )
        .order_by("status", "-proposed_at", "-id")
    )


def volunteer_contacts(membership: Membership) -> QuerySet[Match]:
    """A volunteer's contacts: their open matches, with whether contact details may be shown."""
    if membership is None or membership.role != Role.VOLUNTEER:
        return Match.objects.none()
    return (
        matches_visible_to(membership)
        .select_related("participant", "request", "volunteer")
        .annotate(sharing=buddy_consent_active())
        .order_by("next_meeting_on", "id")
    )


def match_detail_for(membership: Membership, pk: int) -> Match | None:
    return (
        matches_visible_to(membership)
        .select_related("volunteer__user", "participant", "request", "declined_by", "proposed_by")
        .annotate(sharing=buddy_consent_active())
        .filter(pk=pk)
        .first()
    )


def contact_logs_visible_to(membership: Membership | None) -> QuerySet[ContactLog]:
    """Coordinators read every log (worry notes included); a volunteer their own logs; a
    social worker the worries about their own participants (not the other logs)."""
    if membership is None:
        return ContactLog.objects.none()
    if membership.role in MANAGERS:
        return ContactLog.objects.filter(match__in=matches_visible_to(membership))
    if membership.role == Role.VOLUNTEER:
        return ContactLog.objects.filter(
            match__in=matches_visible_to(membership), logged_by_id=membership.user_id
        )
    if membership.role == Role.SOCIAL_WORKER:
        return ContactLog.objects.filter(match__in=matches_visible_to(membership), worried=True)
    return ContactLog.objects.none()


def check_ins_visible_to(membership: Membership | None) -> QuerySet[CheckIn]:
    if membership is None or membership.role not in MANAGERS:
        return CheckIn.objects.none()
    return CheckIn.objects.filter(match__in=matches_visible_to(membership))


def open_worries(membership: Membership) -> QuerySet[ContactLog]:
    """Worry flags on running matches, newest first: what a coordinator must read."""
    return (
        contact_logs_visible_to(membership)
        .filter(worried=True, match__status__in=Match.OPEN)
        .select_related("match__volunteer__user", "match__participant")
        .order_by("-date", "-id")
    )


@dataclass
class MatchFigures:
    by_status: dict[str, int]
    active: int
    median_days: float | None
    closed: int
    closed_early: int
    early_reasons: list[tuple[str, int]]


def match_figures(membership: Membership) -> MatchFigures:
    """Active matches, median duration of closed ones, closures before 3 months and why.
    Figures name no one: for coordinators and admins they count every match of the
    organisation, those of files blocked from them included (AccessBlock)."""
    matches = matches_visible_to(membership)
    if membership.role in MANAGERS:
        matches = Match.objects.filter(organisation_id=membership.organisation_id)
    by_status = dict.fromkeys(Match.Status.values, 0)
    by_status.update(
        {
            row["status"]: row["n"]
            for row in matches.order_by().values("status").annotate(n=Count("id"))
        }
    )
    closed = list(
        matches.filter(status=Match.Status.CLOSED, started_on__isnull=False).values_list(
            "started_on", "closed_on", "close_reason"
        )
    )
    durations = [(end - start).days for start, end, _reason in closed]
    reasons: dict[str, int] = {}
    for start, end, reason in closed:
        if (end - start).days < EARLY_CLOSURE_DAYS:
            reasons[reason] = reasons.get(reason, 0) + 1
    labels = dict(Match.CloseReason.choices)
    return MatchFigures(
        by_status=by_status,
        active=by_status[Match.Status.ACTIVE],
        median_days=statistics.median(durations) if durations else None,
        closed=len(closed),
        closed_early=sum(reasons.values()),
        early_reasons=sorted(
            ((str(labels.get(r, r)), n) for r, n in reasons.items()), key=lambda x: -x[1]
        ),
    )


def participant_buddy_matches(membership: Membership, participant_id: int) -> QuerySet[Match]:
    """For the participant file: the matched buddy (name and how to reach them), if any."""
    return (
        matches_visible_to(membership)
        .filter(participant_id=participant_id, status__in=Match.OPEN)
        .select_related("volunteer__user")
    )


def participant_buddy_history(membership: Membership, participant_id: int) -> QuerySet[Match]:
    """For the participant file: earlier buddies, with when and why the match ended."""
    return (
        matches_visible_to(membership)
        .filter(participant_id=participant_id, status=Match.Status.CLOSED)
        .select_related("volunteer__user")
        .order_by("-closed_on", "-id")
    )


def participant_worries(membership: Membership, participant_id: int) -> QuerySet[ContactLog]:
    """For the participant file: what the buddy is worried about, on running matches."""
    return (
        contact_logs_visible_to(membership)
        .filter(
            worried=True,
            match__participant_id=participant_id,
            match__status__in=Match.OPEN,
        )
        .select_related("match__volunteer__user")
        .order_by("-date", "-id")
    )


def check_ins_due_on(organisation_id: int, match_ids: list[int]) -> dict[int, datetime.date]:
    """The date from which a check-in is due, per running match that has one due now: the same
    rule as the reminder (`buddies.reminders.check_ins_due`), so the board and the bell agree.
    Two queries whatever the number of matches."""
    if not match_ids:
        return {}
    setting = RuleSetting.objects.filter(
        organisation_id=organisation_id, rule=CHECK_IN_DUE.code
    ).first()
    if setting is not None and not setting.enabled:
        return {}
    overrides = {organisation_id: tuple(setting.intervals)} if setting and setting.intervals else {}
    context = SweepContext(
        today=timezone.localdate(), defaults=CHECK_IN_DUE.defaults, overrides=overrides
    )
    return {draft.object_id: draft.due_on for draft in check_ins_due(context, match_ids)}


def own_match_any_status(membership: Membership | None, pk: int) -> Match | None:
    """One of the volunteer's own matches, closed ones too: what the offline queue needs to
    say "this match has ended" instead of "not found" for a log made before it was closed."""
    if membership is None or membership.role != Role.VOLUNTEER:
        return None
    return (
        Match.objects.filter(
            organisation_id=membership.organisation_id,
            volunteer__user_id=membership.user_id,
            pk=pk,
        )
        .select_related("participant", "volunteer")
        .first()
    )
