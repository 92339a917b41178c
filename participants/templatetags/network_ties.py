"""The ties between members of a map as the list beside the picture reads them (no query: the
members and ties are already in the page's context)."""

from django import template

from participants.selectors import network_ties

register = template.Library()


@register.simple_tag
def member_tie_rows(members, ties):
    """Every member with who they know, as a sentence."""
    return network_ties.member_tie_rows(members or [], ties or [])


@register.simple_tag
def tie_rows(members, ties):
    """Every tie once, with the two members."""
    return network_ties.tie_rows(members or [], ties or [])


@register.filter
def origin_words(item) -> str:
    """Where a member or a tie came from, in words ("" when unknown)."""
    return network_ties.origin_words(item)
