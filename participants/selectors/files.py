"""Who may open which participant file."""

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.db.models.functions import Upper
from django.http import Http404
from django.utils import timezone

from accounts.models import Membership, Role

from ..models import Participant, StandIn
from .access_blocks import blocked_for


def stood_in_for(membership: Membership) -> QuerySet:
    """The social workers this membership stands in for today (a subquery of user ids: no
    query of its own). A stand-in ends by itself after its end date."""
    return (
        StandIn.objects.current()
        .filter(organisation_id=membership.organisation_id, stand_in_id=membership.user_id)
        .values("absent_worker_id")
    )


def standing_in_for(membership: Membership) -> frozenset[int]:
    """The same as a set, read once per membership object and day (the file page's checks)."""
    today = timezone.localdate()
    cached = getattr(membership, "_standing_in_for", None)
    if cached is None or cached[0] != today:
        ids: frozenset[int] = frozenset()
        if membership.role == Role.SOCIAL_WORKER and membership.is_active:
            ids = frozenset(stood_in_for(membership).values_list("absent_worker_id", flat=True))
        cached = (today, ids)
        membership._standing_in_for = cached
    return cached[1]


def worked_on_by(membership: Membership, path: str = "") -> Q:
    """The files a social worker works on: their own, and those of the colleagues they stand
    in for today. `path` leads to the participant ("participant__")."""
    return Q(**{f"{path}social_worker_id": membership.user_id}) | Q(
        **{f"{path}social_worker_id__in": stood_in_for(membership)}
    )


def participants_visible_to(membership: Membership | None) -> QuerySet[Participant]:
    """Participant files this membership may open.

    Social workers see their own caseload and the files of colleagues they stand in for
    today, and their colleagues' files too where the organisation enabled team access
    (read-only: writes check `participant_editable_by`).
    Org admins see every file of their organisation (their reads are audited). Coordinators,
    volunteers and researchers never open a file: they get purpose-built views instead.
    Nobody sees a file they are blocked from (`AccessBlock`), whatever their role.
    """
    if membership is None:
        return Participant.objects.none()
    # A file the person is blocked from is out of reach whatever their role (AccessBlock).
    in_org = Participant.objects.filter(organisation_id=membership.organisation_id).exclude(
        pk__in=blocked_for(membership.user_id)
    )
    if membership.role == Role.ORG_ADMIN:
        return in_org
    if membership.role == Role.SOCIAL_WORKER:
        if membership.organisation.team_access:
            return in_org
        return in_org.filter(worked_on_by(membership))
    return Participant.objects.none()


def organisation_file_count(membership: Membership) -> int:
    """How many files the organisation keeps: a figure that names no one, so it counts the
    files blocked from this person too (an access block hides a file, not a number)."""
    return Participant.objects.filter(organisation_id=membership.organisation_id).count()


# The roles that open participant files (`participants_visible_to`); the others never do.
FILE_ROLES = frozenset({Role.SOCIAL_WORKER, Role.ORG_ADMIN})


def participant_editable_by(membership: Membership, participant: Participant) -> bool:
    """Who may write to a file: its assigned social worker, or their stand-in while the
    stand-in holds (colleagues and admins read), and nobody once it was anonymised. Services
    enforce it (`services.common.require_writer`); pages use it to offer the forms."""
    if not (
        membership.role == Role.SOCIAL_WORKER
        and membership.is_active
        and participant.organisation_id == membership.organisation_id
        and participant.anonymised_on is None
        and participant.social_worker_id is not None
    ):
        return False
    if participant.social_worker_id == membership.user_id:
        return True
    return participant.social_worker_id in standing_in_for(membership)


def can_see_special_categories(membership: Membership, participant: Participant) -> bool:
    """Special-category fields: the assigned worker and org admins only, not team colleagues."""
    if participant.organisation_id != membership.organisation_id:
        return False
    return membership.role == Role.ORG_ADMIN or participant_editable_by(membership, participant)


def participant_get_for(membership: Membership | None, pk: int) -> Participant:
    """The file, or 404 when it does not exist *or* is outside this membership's reach."""
    participant = (
        participants_visible_to(membership).select_related("social_worker").filter(pk=pk).first()
    )
    if participant is None:
        raise Http404
    return participant


def participant_get_editable(membership: Membership, pk: int) -> Participant:
    """The file to change: 404 when it is out of reach, 403 when it is visible but read-only."""
    participant = participant_get_for(membership, pk)
    if not participant_editable_by(membership, participant):
        raise PermissionDenied
    return participant


def caseload(membership: Membership) -> QuerySet[Participant]:
    """The files one works on: one's own and those one stands in for today."""
    return participants_visible_to(membership).filter(worked_on_by(membership))


# A search sorts names by an expression that no index provides. PostgreSQL then finds the
# matches through the trigram indexes (migration 0008) and sorts only those, instead of
# walking the whole organisation in name order to filter it (bench: 100 ms to a few ms).
SEARCH_NAME_ORDER = (Upper("first_name"), Upper("last_name"), "id")


# A search of more words than a name has is not a name: the extra words are ignored rather
# than turned into an ever longer query.
SEARCH_MAX_WORDS = 6


def matching_name_or_reference(participants: QuerySet[Participant], q: str):
    """Files whose names contain every word of `q`, or whose reference code is `q` (both
    case-insensitive). An empty search keeps them all.

    Each word may be found in the first, last or preferred name, so "Test Walker", "walker
    test" and "Wal Te" all find Test Walker. On PostgreSQL every word is an OR over the three
    trigram indexes (migration 0008) and the words are combined with AND: a BitmapAnd of
    BitmapOrs, still one query and no scan of the organisation.
    """
    q = q.strip()
    if not q:
        return participants
    every_word = Q()
    for word in q.split()[:SEARCH_MAX_WORDS]:
        every_word &= (
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(preferred_name__icontains=word)
        )
    return participants.filter(every_word | Q(reference_code__iexact=q))
