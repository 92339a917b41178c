"""The menu's entry to the referral inbox, with the number of referrals waiting (one query)."""

from django import template

from ..selectors.access import INTAKE_ROLES
from ..selectors.inbox import inbox_waiting_count

register = template.Library()


@register.inclusion_tag("referrals/inbox/_nav_entry.html", takes_context=True)
def inbox_nav_entry(context) -> dict:
    membership = context.get("membership")
    if membership is None or membership.role not in INTAKE_ROLES:
        return {"show": False}
    request = context.get("request")
    current = getattr(getattr(request, "resolver_match", None), "url_name", "") or ""
    return {
        "show": True,
        "count": inbox_waiting_count(membership),
        "current": current.startswith("inbox_"),
    }
