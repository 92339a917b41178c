"""Attendance, completion and the three-missed-sessions signal.

Taking attendance: each tap saves one presence at once (`attendance_toggle`), so nothing is
lost when a tablet drops out; "attendance done" (`attendance_record`, also the form without
JavaScript) saves the whole list and the extra attendees, marks the session taken and checks
the signals. Only a taken session counts an absence.
"""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership
from netwerk.services import audit

from ..completion import is_completed
from ..models import Attendance, AttendanceSignal, Group, GroupMember, GroupSession
from ..selectors.pages import members_at
from .groups import require_manager

MISSED_IN_A_ROW = 3
# People without a file at one session: a crowded neighbourhood party, not a stadium.
MAX_EXTRA_ATTENDEES = 1_000


def _check_not_in_future(session: GroupSession) -> None:
    if session.date > timezone.localdate():
        raise ValidationError(_("Attendance is taken on the day of the session or later."))


@transaction.atomic
def attendance_record(
    *,
    membership: Membership,
    session: GroupSession,
    present: Iterable[int],
    extra_attendees: int = 0,
) -> GroupSession:
    """Save who was there (member ids) and how many came without a file; all or nothing."""
    require_manager(membership, session.group)
    _check_not_in_future(session)
    present = set(present)
    # A facilitator blocked from a member's file neither sees nor changes that member's mark.
    expected = set(members_at(session, membership.user_id).values_list("pk", flat=True))
    if present - expected:
        raise ValidationError(
            {"present": _("Attendance is recorded only for members of the group on that date.")}
        )
    if extra_attendees is None or not 0 <= extra_attendees <= MAX_EXTRA_ATTENDEES:
        raise ValidationError(
            {
                "extra_attendees": _("Give a number from 0 to %(max)s.")
                % {"max": number_format(MAX_EXTRA_ATTENDEES, force_grouping=True)}
            }
        )
    session = GroupSession.objects.select_for_update().get(pk=session.pk)
    existing = set(Attendance.objects.filter(session=session).values_list("member_id", flat=True))
    Attendance.objects.filter(
        session=session, member_id__in=(existing & expected) - present
    ).delete()
    Attendance.objects.bulk_create(
        Attendance(session=session, member_id=pk, recorded_by=membership.user)
        for pk in sorted(present - existing)
    )
    session.extra_attendees = extra_attendees
    session.attendance_taken_at = session.attendance_taken_at or timezone.now()
    session.save(update_fields=["extra_attendees", "attendance_taken_at"])
    audit(membership, AuditEvent.Action.UPDATE, session, ["attendance", "extra_attendees"])
    signals_refresh(membership=membership, group=session.group)
    return session


@transaction.atomic
def attendance_toggle(
    *, membership: Membership, session: GroupSession, member: GroupMember, present: bool
) -> bool:
    """One tap: save one member's presence. Returns whether they are now marked present."""
    require_manager(membership, session.group)
    _check_not_in_future(session)
    if not members_at(session, membership.user_id).filter(pk=member.pk).exists():
        raise ValidationError(
            _("Attendance is recorded only for members of the group on that date.")
        )
    if present:
        Attendance.objects.get_or_create(
            session=session, member=member, defaults={"recorded_by": membership.user}
        )
    else:
        Attendance.objects.filter(session=session, member=member).delete()
    audit(membership, AuditEvent.Action.UPDATE, session, ["attendance"])
    if session.attendance_taken:
        # A correction of attendance already taken: the signals follow it.
        signals_refresh(membership=membership, group=session.group)
    return present


def signals_refresh(
    *, membership: Membership, group: Group, today: datetime.date | None = None
) -> list[AttendanceSignal]:
    """Open a signal for every current member whose last three taken sessions (since joining)
    were all missed, unless a signal already covers one of those sessions; resolve an open
    signal when the member came to the latest one. A fixed number of queries per group."""
    today = today or timezone.localdate()
    sessions = list(
        GroupSession.objects.filter(group=group, attendance_taken_at__isnull=False)
        .order_by("-date", "-starts_at", "-id")
        .values_list("pk", "date")
    )
    if not sessions:
        return []
    members = list(GroupMember.objects.filter(group=group, left_on__isnull=True))
    present = set(
        Attendance.objects.filter(session__group=group).values_list("member_id", "session_id")
    )
    signals = AttendanceSignal.objects.filter(group=group)
    open_signals = {s.member_id: s for s in signals.filter(resolved_on__isnull=True)}
    covered = set(signals.values_list("member_id", "last_session_id"))
    created = []
    for member in members:
        mine = [pk for pk, date in sessions if date >= member.joined_on][:MISSED_IN_A_ROW]
        if not mine:
            continue
        signal = open_signals.get(member.pk)
        if signal is not None and (member.pk, mine[0]) in present:
            signal.resolved_on, signal.resolved_by = today, membership.user
            signal.save(update_fields=["resolved_on", "resolved_by"])
            continue
        missed_all = len(mine) == MISSED_IN_A_ROW and not any(
            (member.pk, s) in present for s in mine
        )
        already = signal is not None or any((member.pk, s) in covered for s in mine)
        if missed_all and not already:
            created.append(
                AttendanceSignal(
                    group=group,
                    member=member,
                    participant_id=member.participant_id,
                    last_session_id=mine[0],
                    detected_on=today,
                )
            )
    AttendanceSignal.objects.bulk_create(created)
    return created


@transaction.atomic
def signal_resolve(*, membership: Membership, signal: AttendanceSignal) -> AttendanceSignal:
    """The facilitator reached out."""
    require_manager(membership, signal.group)
    if signal.resolved_on is None:
        signal.resolved_on, signal.resolved_by = timezone.localdate(), membership.user
        signal.save(update_fields=["resolved_on", "resolved_by"])
        audit(membership, AuditEvent.Action.UPDATE, signal, ["resolved_on"])
    return signal


def attended_count(member: GroupMember) -> int:
    return Attendance.objects.filter(
        member=member, session__attendance_taken_at__isnull=False
    ).count()


def taken_count(member: GroupMember) -> int:
    """Taken sessions of the group while they were a member."""
    sessions = GroupSession.objects.filter(
        group_id=member.group_id, attendance_taken_at__isnull=False, date__gte=member.joined_on
    )
    if member.left_on:
        sessions = sessions.filter(date__lte=member.left_on)
    return sessions.count()


@transaction.atomic
def certificate_hand_out(
    *, membership: Membership, member: GroupMember, on: datetime.date | None = None
) -> GroupMember:
    """The certificate of a member who completed the course (by the rule, or decided so)."""
    require_manager(membership, member.group)
    group = member.group
    if not (group.completion_threshold or group.completion_percent) and (
        member.completion_override is None
    ):
        raise ValidationError(
            _("This group has no completion rule: set the sessions needed first.")
        )
    attended = attended_count(member)
    if not is_completed(member, attended, taken_count(member)):
        if group.completion_threshold:
            raise ValidationError(
                _(
                    "%(attended)d of the %(needed)d sessions needed were attended: "
                    "not completed yet."
                )
                % {"attended": attended, "needed": group.completion_threshold}
            )
        raise ValidationError(
            _("Not completed (yet): %(percent)d%% of the sessions is needed once the course ends.")
            % {"percent": group.completion_percent or 0}
        )
    member.certificate_on = on or timezone.localdate()
    member.save(update_fields=["certificate_on"])
    audit(membership, AuditEvent.Action.UPDATE, member, ["certificate_on"])
    return member
