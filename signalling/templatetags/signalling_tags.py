from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def quarter_label(value: str) -> str:
    """ "2026-Q4" as people say it: "Q4 2026" (Dutch "K4 2026")."""
    year, _sep, number = str(value).partition("-Q")
    if not (year.isdigit() and number.isdigit()):
        return str(value)
    return _("Q%(number)s %(year)s") % {"number": number, "year": year}
