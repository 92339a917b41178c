from django import template

from ..selectors.sender import can_see_sent

register = template.Library()


@register.filter
def sent_visible_to(referral, membership) -> bool:
    """Whether the file's timeline shows this referral to `membership` (no query)."""
    return can_see_sent(membership, referral)
