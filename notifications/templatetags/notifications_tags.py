from django import template
from django.urls import NoReverseMatch, reverse

from ..selectors import unread_count

register = template.Library()


@register.inclusion_tag("notifications/_bell_link.html", takes_context=True)
def notification_bell(context) -> dict:
    """The bell in the header: the unread count in one query, and a link to the list."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    try:
        url = reverse("notifications:list")
    except NoReverseMatch:  # the URLs are not mounted (yet): show nothing rather than fail
        return {"show": False}
    return {"show": True, "url": url, "count": unread_count(user)}
