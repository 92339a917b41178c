"""Access blocks: the one subquery every visibility rule excludes, and the admin's lists."""

from django.db.models import QuerySet

from accounts.models import Membership, Role

from ..models import AccessBlock, Participant


def blocked_for(user_id: int | None) -> QuerySet:
    """The ids of the files `user_id` is blocked from, as a subquery (no query of its own):
    `.exclude(pk__in=blocked_for(user_id))`, or `participant_id__in` on a record of a file."""
    return AccessBlock.objects.active().filter(user_id=user_id).values("participant_id")


def hidden_through(model, path: str = "participant_id"):
    """A finder for `notifications.rules.register_hidden`: which of these `model` objects name
    a file the user is blocked from (`path` leads to the participant's id). One query."""

    def finder(user_id: int, object_ids: list[int]) -> set[int]:
        rows = model._default_manager.filter(pk__in=object_ids).filter(
            **{f"{path}__in": blocked_for(user_id)}
        )
        return set(rows.values_list("pk", flat=True))

    return finder


def is_blocked(user_id: int | None, participant_id: int) -> bool:
    return blocked_for(user_id).filter(participant_id=participant_id).exists()


def access_blocks_visible_to(membership: Membership | None) -> QuerySet[AccessBlock]:
    """Org admins see every block of their organisation; nobody else sees any (the blocked
    person is never told)."""
    if membership is None or membership.role != Role.ORG_ADMIN or not membership.is_active:
        return AccessBlock.objects.none()
    # Not the blocks on a file this admin is blocked from: the list would name it.
    return (
        AccessBlock.objects.filter(organisation_id=membership.organisation_id)
        .exclude(participant_id__in=blocked_for(membership.user_id))
        .select_related("participant", "user", "created_by", "ended_by")
    )


def access_blocks_on_file(membership: Membership, participant: Participant) -> QuerySet:
    return access_blocks_visible_to(membership).filter(participant_id=participant.pk)
