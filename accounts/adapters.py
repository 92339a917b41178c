from allauth.account.adapter import DefaultAccountAdapter


class InviteOnlyAccountAdapter(DefaultAccountAdapter):
    """Nobody signs up: an org admin invites people (see accounts.services.invitation_create)."""

    def is_open_for_signup(self, request) -> bool:
        return False
