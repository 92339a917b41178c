"""The dashboard's role rule for templates (the menu), from `findings.selectors`."""

from django import template

from ..selectors import can_see_dashboard

register = template.Library()


@register.filter
def sees_dashboard(membership) -> bool:
    return can_see_dashboard(membership)
