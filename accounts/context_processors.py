from django.http import HttpRequest

from .selectors import memberships_for_user


def organisation(request: HttpRequest) -> dict:
    """The current membership and the others a person may switch to, for the header."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    membership = getattr(request, "membership", None)
    memberships = getattr(request, "memberships", None)  # OrganisationMiddleware's, if it ran
    return {
        "membership": membership,
        "all_memberships": memberships
        if memberships is not None
        else lambda: list(memberships_for_user(user)),
    }
