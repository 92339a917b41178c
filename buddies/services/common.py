"""Rules the buddy services share: who runs the pool and the matching."""

from django.core.exceptions import PermissionDenied

from accounts.models import Membership, Role

MANAGERS = frozenset({Role.COORDINATOR, Role.ORG_ADMIN})


def require_manager(membership: Membership, organisation_id: int | None = None) -> None:
    """Coordinators and org admins run the pool and the matching."""
    if not (membership.is_active and membership.role in MANAGERS):
        raise PermissionDenied
    if organisation_id is not None and organisation_id != membership.organisation_id:
        raise PermissionDenied
