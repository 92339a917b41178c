"""`{% flag_banner participant %}` / `{% flag_banner match %}`: the flags in force at the top
of every page about a file or a match, in one query. Participants and buddies templates load
this library; their Python code never imports safety."""

from django import template

from accounts.models import Role
from buddies.models import Match
from participants.models import Participant

from ..selectors import STAFF, banner_for_match, banner_for_participant

register = template.Library()


@register.inclusion_tag("safety/_banner.html", takes_context=True)
def flag_banner(context, subject, can_raise=False):
    """`can_raise`: offer the link to raise a flag (the page knows whether the viewer may)."""
    request = context.get("request")
    membership = getattr(request, "membership", None)
    if isinstance(subject, Match):
        flags = banner_for_match(membership, subject)
    elif isinstance(subject, Participant):
        flags = banner_for_participant(membership, subject)
    else:
        flags = []
    role = membership.role if membership is not None else ""
    return {
        "flags": flags,
        "subject": subject,
        "is_match": isinstance(subject, Match),
        "for_volunteer": role == Role.VOLUNTEER,
        "is_staff": role in STAFF,
        "can_raise": can_raise,
    }
