"""What other apps say before a membership changes, without accounts importing them.

A case app registers a check (from its `AppConfig.ready`): `func(membership, role, is_active)`
returns a `Blocker` when the change would leave something behind (a social worker who still
has participant files), or None. `membership_update` refuses the change while any check
blocks it; the membership page shows each blocker with the way out (`link`).
"""

from collections.abc import Callable
from dataclasses import dataclass

from .models import Membership


@dataclass(frozen=True)
class Blocker:
    message: str
    link: str = ""
    link_label: str = ""


MembershipCheck = Callable[[Membership, str, bool], Blocker | None]
_checks: list[MembershipCheck] = []


def register_membership_check(check: MembershipCheck) -> None:
    if check not in _checks:
        _checks.append(check)


def membership_blockers(membership: Membership, *, role: str, is_active: bool) -> list[Blocker]:
    return [
        blocker for check in _checks if (blocker := check(membership, role, is_active)) is not None
    ]
