"""Template filters that show stored codes as the words a person reads."""

from django import template

from netwerk.languages import language_names as _language_names

register = template.Library()


@register.filter
def language_names(codes) -> str:
    """["nl", "ar"] → "Nederlands, Arabisch" (in the page's language); "" when there are none."""
    return ", ".join(_language_names(list(codes or [])))
