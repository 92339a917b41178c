"""Reads of the sending side: the file's referrals, the sender's list and one referral.

Everything goes through `access.referrals_sent_visible_to`, the one rule. The sender sees
the referral, what was shared, the consent, the status steps with the receiver's notes and
the messages; never the receiver's file (`received_participant`, `handled_by`).
"""

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from accounts.models import Membership, Role
from participants.models import Participant

from ..models import Referral, ReferralMessage, ReferralStep, SharedItem
from .access import referral_sent_get, referrals_sent_visible_to
from .shared import item_in_words

LIST_FIELDS = ("initiative", "to_organisation", "work_model", "participant", "sent_by")


def referrals_sent(membership: Membership | None) -> QuerySet[Referral]:
    """The sender's list: a constant number of queries whatever its length."""
    return (
        referrals_sent_visible_to(membership)
        .select_related(*LIST_FIELDS)
        .order_by("-sent_at", "-id")
    )


def referrals_sent_for_file(membership: Membership | None, participant: Participant):
    return referrals_sent(membership).filter(participant_id=participant.pk)


def referral_sent_detail(membership: Membership | None, pk: int) -> Referral:
    """One referral with its steps (and who wrote them) and its messages: 404 out of reach."""
    referral = referral_sent_get(membership, pk)
    return (
        Referral.objects.select_related(*LIST_FIELDS, "organisation", "consent_recorded_by")
        .prefetch_related(
            Prefetch(
                "steps",
                ReferralStep.objects.select_related("by_organisation").order_by(
                    "happened_on", "recorded_at", "id"
                ),
            ),
            Prefetch(
                "messages",
                ReferralMessage.objects.select_related("organisation", "author").order_by(
                    "created_at", "id"
                ),
            ),
        )
        .get(pk=referral.pk)
    )


def can_see_sent(membership: Membership | None, referral: Referral) -> bool:
    """The rule of `referrals_sent_visible_to` for a loaded referral, without a query (the
    file's timeline asks it per entry); tests hold the two to the same answers."""
    if membership is None or not membership.is_active:
        return False
    if referral.organisation_id != membership.organisation_id:
        return False
    if membership.role == Role.ORG_ADMIN:
        return True
    if membership.role == Role.SOCIAL_WORKER:
        holder = referral.participant.social_worker_id if referral.participant else None
        return membership.user_id in (referral.sent_by_id, holder)
    return False


def shared_in_words(referral: Referral) -> list[tuple[str, str]]:
    """What was shared, in the order of SharedItem, as (label, value in words).

    Reads only `referral.shared`, the copy taken when it was sent."""
    return items_in_words(referral.shared_items, referral.shared)


def items_in_words(items: list[str], shared: dict) -> list[tuple[str, str]]:
    shared = shared or {}
    rows = []
    for item in items:
        if item in shared:
            text = item_in_words(item, shared[item])
            rows.append((str(SharedItem(item).label), text or _("(empty)")))
    return rows
