"""Template filters that show stored codes as the words a person reads."""

from django import template

from netwerk.languages import language_names as _language_names
from netwerk.phones import display_phone as _display_phone
from netwerk.phones import is_normalised as _is_normalised

register = template.Library()


@register.filter
def language_names(codes) -> str:
    """["nl", "ar"] → "Nederlands, Arabisch" (in the page's language); "" when there are none."""
    return ", ".join(_language_names(list(codes or [])))


@register.filter
def phone(value) -> str:
    """ "+32470123456" → "0470 12 34 56"; a number nobody could read stays as typed."""
    return _display_phone(value or "")


@register.filter
def phone_needs_fix(value) -> bool:
    """True for a number an import or an older form left in a form we cannot send to."""
    return not _is_normalised(value or "")
