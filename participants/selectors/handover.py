"""Reads for hand-overs and stand-ins: the org admin's list of files to hand over, the
stand-ins page, the timeline entries and the check that keeps files from being orphaned."""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.hooks import Blocker
from accounts.models import Membership, Role

from ..models import FileHandover, Participant, StandIn
from .access_blocks import blocked_for
from .files import SEARCH_NAME_ORDER, matching_name_or_reference
from .timeline import TimelineEntry

HANDOVER_ENTRY = "participants/_timeline_handover.html"


@dataclass(frozen=True)
class HandoverFilters:
    worker: int | None = None
    status: str = ""
    q: str = ""


def handover_candidates(membership: Membership, filters: HandoverFilters) -> QuerySet[Participant]:
    """The organisation's files an org admin may hand over, filtered like the caseload
    (worker, status, name or reference). Nobody else gets any."""
    if membership.role != Role.ORG_ADMIN or not membership.is_active:
        return Participant.objects.none()
    files = (
        Participant.objects.filter(
            organisation_id=membership.organisation_id, anonymised_on__isnull=True
        )
        .exclude(pk__in=blocked_for(membership.user_id))
        .select_related("social_worker")
    )
    if filters.worker:
        files = files.filter(social_worker_id=filters.worker)
    if filters.status:
        files = files.filter(status=filters.status)
    if filters.q.strip():
        return matching_name_or_reference(files, filters.q).order_by(*SEARCH_NAME_ORDER)
    return files.order_by("first_name", "last_name", "id")


def stand_ins_of(membership: Membership) -> QuerySet[StandIn]:
    """The organisation's stand-ins that hold today or later, then the recent past ones."""
    if membership.role != Role.ORG_ADMIN:
        return StandIn.objects.none()
    return (
        StandIn.objects.filter(organisation_id=membership.organisation_id)
        .select_related("absent_worker", "stand_in")
        .order_by("-ends_on", "-id")
    )


def handover_entries(participant: Participant, limit: int) -> list[TimelineEntry]:
    """Timeline source: the file's hand-overs (one query)."""
    rows = (
        FileHandover.objects.filter(participant=participant)
        .select_related("from_worker", "to_worker", "created_by")
        .order_by("-handed_over_on", "-id")[:limit]
    )
    return [
        TimelineEntry(
            "handover",
            row.handed_over_on,
            (row.handed_over_on, row.created_at),
            row,
            template=HANDOVER_ENTRY,
        )
        for row in rows
    ]


def files_left_behind(membership: Membership, role: str, is_active: bool) -> Blocker | None:
    """A social worker who would stop being one (another role, or inactive) while files are
    still assigned to them: refused until the files are handed over (no orphan files)."""
    if membership.role != Role.SOCIAL_WORKER or (role == Role.SOCIAL_WORKER and is_active):
        return None
    count = Participant.objects.filter(
        organisation_id=membership.organisation_id, social_worker_id=membership.user_id
    ).count()
    if not count:
        return None
    return Blocker(
        message=ngettext(
            "%(name)s still has %(count)s participant file. Hand it over to a colleague "
            "first, then change the role.",
            "%(name)s still has %(count)s participant files. Hand them over to a colleague "
            "first, then change the role.",
            count,
        )
        % {"name": membership.user, "count": count},
        link=reverse("participants:handover") + "?" + urlencode({"worker": membership.user_id}),
        link_label=_("Hand over the files of this worker"),
    )
