"""Who may see which referral: the one place both sides' pages, API and exports ask.

- The sending side: the worker who sent it or who holds the participant's file now, and the
  sending organisation's admins. They see the referral, its status steps and messages, never
  the receiver's file.
- The receiving side: the receiving organisation's intake roles (`INTAKE_ROLES`). They see only
  the copy of what was shared (`Referral.shared`), never the sender's file.
- Nobody else, on either side or in a third organisation: 404.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Membership, Role
from participants.selectors.access_blocks import blocked_for

from ..models import Referral

# Who handles incoming referrals in the receiving organisation.
INTAKE_ROLES = frozenset({Role.SOCIAL_WORKER, Role.COORDINATOR, Role.ORG_ADMIN})


def referrals_sent_visible_to(membership: Membership | None) -> QuerySet[Referral]:
    if membership is None or not membership.is_active:
        return Referral.objects.none()
    # Never a referral of a file this person is blocked from (AccessBlock).
    sent = Referral.objects.filter(organisation_id=membership.organisation_id).exclude(
        participant_id__in=blocked_for(membership.user_id)
    )
    if membership.role == Role.ORG_ADMIN:
        return sent
    if membership.role == Role.SOCIAL_WORKER:
        return sent.filter(
            Q(sent_by_id=membership.user_id) | Q(participant__social_worker_id=membership.user_id)
        )
    return Referral.objects.none()


def referrals_received_visible_to(membership: Membership | None) -> QuerySet[Referral]:
    if membership is None or not membership.is_active or membership.role not in INTAKE_ROLES:
        return Referral.objects.none()
    return Referral.objects.filter(to_organisation_id=membership.organisation_id)


def referral_sent_get(membership: Membership | None, pk: int) -> Referral:
    """A referral of the sending side, or 404 when out of reach."""
    referral = referrals_sent_visible_to(membership).filter(pk=pk).first()
    if referral is None:
        raise Http404
    return referral


def referral_received_get(membership: Membership | None, pk: int) -> Referral:
    """A referral in the receiving organisation's inbox, or 404 when out of reach."""
    referral = referrals_received_visible_to(membership).filter(pk=pk).first()
    if referral is None:
        raise Http404
    return referral
