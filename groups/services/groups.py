"""Groups, their members and their sessions."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership, User
from netwerk.services import apply_changes, audit
from participants.models import Participant
from participants.selectors import participants_visible_to
from participants.services.common import require_file_consent
from workmodels.selectors import initiatives_visible_to

from .. import reminders
from ..models import Group, GroupMember, GroupSession
from ..selectors.access import (
    can_add_members,
    can_create_groups,
    can_manage,
    facilitator_choices,
)

GROUP_FIELDS = (
    "name",
    "kind",
    "work_model",
    "initiative",
    "initiative_name",
    "place",
    "online",
    "language",
    "starts_on",
    "ends_on",
    "capacity",
    "completion_threshold",
    "completion_percent",
    "reached_without_file",
)
SESSION_FIELDS = ("date", "starts_at", "ends_at", "topic")
# A head-count of people reached without a file: a neighbourhood's people, not a country's.
MAX_REACHED = 100_000


def require_manager(membership: Membership, group: Group) -> None:
    if not can_manage(membership, group):
        raise PermissionDenied


def _clean_facilitators(membership: Membership, users: Iterable[User]) -> list[User]:
    users = list(users)
    allowed = set(
        facilitator_choices(membership.organisation_id)
        .filter(pk__in=[u.pk for u in users])
        .values_list("pk", flat=True)
    )
    if any(user.pk not in allowed for user in users):
        raise ValidationError(
            {"facilitators": _("Facilitators are staff or volunteers of this organisation.")}
        )
    return users


def _lock(group: Group) -> None:
    list(Group.objects.select_for_update().filter(pk=group.pk).values_list("pk"))


def _check_initiative(membership: Membership, group: Group) -> None:
    if group.initiative_id and not (
        initiatives_visible_to(membership).filter(pk=group.initiative_id).exists()
    ):
        raise ValidationError({"initiative": _("Choose an initiative from the directory.")})


def _check_reached(group: Group) -> None:
    if (
        isinstance(group.reached_without_file, int)
        and not 0 <= group.reached_without_file <= MAX_REACHED
    ):
        raise ValidationError(
            {
                "reached_without_file": _(
                    "Give a number from 0 to %(max)s: the people the group reached, "
                    "each counted once."
                )
                % {"max": number_format(MAX_REACHED, force_grouping=True)}
            }
        )


def _check_one_completion_rule(group: Group) -> None:
    if group.completion_threshold and group.completion_percent:
        raise ValidationError(
            {
                "completion_percent": _(
                    "Choose one rule: a number of sessions or a share of them, not both."
                )
            }
        )


def _check_end_after_start(group: Group) -> None:
    if group.starts_on and group.ends_on and group.ends_on < group.starts_on:
        raise ValidationError({"ends_on": _("The end date cannot be before the start date.")})


def _check_dates_hold_sessions(group: Group) -> None:
    if group.pk is None:
        return
    sessions = GroupSession.objects.filter(group=group)
    outside = sessions.filter(date__lt=group.starts_on)
    if group.ends_on:
        outside = outside | sessions.filter(date__gt=group.ends_on)
    if outside.exists():
        raise ValidationError(
            {"starts_on": _("Some sessions fall outside these dates. Move those sessions first.")}
        )


@transaction.atomic
def group_create(
    *, membership: Membership, data: dict[str, Any], facilitators: Iterable[User] = ()
) -> Group:
    if not can_create_groups(membership):
        raise PermissionDenied
    facilitators = _clean_facilitators(membership, facilitators) or [membership.user]
    data = {key: value for key, value in data.items() if key in GROUP_FIELDS}
    group = Group(organisation=membership.organisation, created_by=membership.user, **data)
    # The head-count's own words (what it counts) before the generic bound on every number.
    _check_reached(group)
    group.clean_fields()  # first: a date out of bounds is named before a rule between dates
    _check_initiative(membership, group)
    _check_end_after_start(group)
    _check_one_completion_rule(group)
    group.full_clean()
    group.save()
    group.facilitators.set(facilitators)
    audit(membership, AuditEvent.Action.CREATE, group, [*data.keys(), "facilitators"])
    return group


@transaction.atomic
def group_update(
    *,
    membership: Membership,
    group: Group,
    data: dict[str, Any],
    facilitators: Iterable[User] | None = None,
) -> Group:
    require_manager(membership, group)
    _lock(group)
    changed = apply_changes(group, {k: v for k, v in data.items() if k in GROUP_FIELDS})
    current = GroupMember.objects.filter(group=group, left_on__isnull=True).count()
    if group.capacity is not None and group.capacity < current:
        raise ValidationError(
            {
                "capacity": _("The group has %(count)d members now: the capacity cannot be lower.")
                % {"count": current}
            }
        )
    # The head-count's own words (what it counts) before the generic bound on every number.
    _check_reached(group)
    group.clean_fields()  # first: a date out of bounds is named before a rule between dates
    _check_initiative(membership, group)
    _check_end_after_start(group)
    _check_one_completion_rule(group)
    group.full_clean()
    _check_dates_hold_sessions(group)
    if changed:
        group.save()
    if facilitators is not None:
        facilitators = _clean_facilitators(membership, facilitators)
        if not facilitators:
            raise ValidationError({"facilitators": _("A group needs at least one facilitator.")})
        group.facilitators.set(facilitators)
        changed.append("facilitators")
    if changed:
        audit(membership, AuditEvent.Action.UPDATE, group, changed)
    return group


@transaction.atomic
def member_add(
    *,
    membership: Membership,
    group: Group,
    participant: Participant,
    joined_on: datetime.date | None = None,
) -> GroupMember:
    """Add a participant whose file the caller may open (and who consented to a file)."""
    if not can_add_members(membership, group):
        raise PermissionDenied
    if not participants_visible_to(membership).filter(pk=participant.pk).exists():
        raise PermissionDenied
    require_file_consent(participant)
    _lock(group)  # one seat, one writer
    # Enrolling before a course starts: a member from its first day, without attendance yet.
    joined_on = joined_on or max(timezone.localdate(), group.starts_on)
    member = GroupMember.objects.filter(group=group, participant=participant).first()
    if member is not None and member.left_on is None:
        raise ValidationError({"participant": _("This participant is already a member.")})
    current = GroupMember.objects.filter(group=group, left_on__isnull=True).count()
    if group.capacity is not None and current >= group.capacity:
        raise ValidationError({"participant": _("The group is full.")})
    if joined_on < group.starts_on or (group.ends_on and joined_on > group.ends_on):
        raise ValidationError({"joined_on": _("Choose a date within the group's dates.")})
    if member is None:
        member = GroupMember(group=group, participant=participant, added_by=membership.user)
    member.joined_on, member.left_on = joined_on, None
    member.full_clean()
    member.save()
    audit(membership, AuditEvent.Action.CREATE, member, ["group", "participant", "joined_on"])
    return member


@transaction.atomic
def member_leave(
    *, membership: Membership, member: GroupMember, left_on: datetime.date | None = None
) -> GroupMember:
    """The member stopped: dated, never removed. Their attendance and history stay, and
    `member_rejoin` undoes it."""
    require_manager(membership, member.group)
    left_on = left_on or timezone.localdate()
    if member.left_on is not None:
        return member
    if left_on < member.joined_on:
        raise ValidationError(
            {
                "left_on": _("A member cannot stop before joining (%(date)s).")
                % {"date": date_format(member.joined_on, "SHORT_DATE_FORMAT")}
            }
        )
    if left_on > timezone.localdate():
        raise ValidationError({"left_on": _("Record that someone stopped once they did.")})
    member.left_on = left_on
    member.save(update_fields=["left_on"])
    member.signals.filter(resolved_on__isnull=True).update(resolved_on=left_on)
    audit(membership, AuditEvent.Action.UPDATE, member, ["left_on"])
    return member


@transaction.atomic
def member_rejoin(*, membership: Membership, member: GroupMember) -> GroupMember:
    """Undo "stopped with the group": a current member again, from the date they joined."""
    require_manager(membership, member.group)
    if member.left_on is None:
        return member
    _lock(member.group)
    current = GroupMember.objects.filter(group=member.group, left_on__isnull=True).count()
    if member.group.capacity is not None and current >= member.group.capacity:
        raise ValidationError(_("The group is full."))
    member.left_on = None
    member.save(update_fields=["left_on"])
    audit(membership, AuditEvent.Action.UPDATE, member, ["left_on"])
    return member


def _check_session_date(group: Group, date: datetime.date) -> None:
    if date < group.starts_on or (group.ends_on and date > group.ends_on):
        raise ValidationError(
            {
                "date": _("A session takes place within the group's dates (%(dates)s).")
                % {"dates": _dates_text(group)}
            }
        )


def _dates_text(group: Group) -> str:
    start = date_format(group.starts_on, "SHORT_DATE_FORMAT")
    if group.ends_on is None:
        return _("from %(start)s") % {"start": start}
    end = date_format(group.ends_on, "SHORT_DATE_FORMAT")
    return _("%(start)s to %(end)s") % {"start": start, "end": end}


@transaction.atomic
def session_create(*, membership: Membership, group: Group, data: dict[str, Any]) -> GroupSession:
    require_manager(membership, group)
    data = {key: value for key, value in data.items() if key in SESSION_FIELDS}
    session = GroupSession(group=group, created_by=membership.user, **data)
    if session.date is not None:
        _check_session_date(group, session.date)
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        raise ValidationError({"ends_at": _("A session ends after it starts.")})
    session.full_clean()
    session.save()
    audit(membership, AuditEvent.Action.CREATE, session, data.keys())
    reminders.session_planned(session)
    return session
