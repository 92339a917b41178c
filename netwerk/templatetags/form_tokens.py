"""`{% form_token %}`: the one-time token of a create form (see netwerk/submit_once.py).

A builtin (settings.TEMPLATES), so a template needs no `{% load %}`: put it in every form
that creates something, next to `{% csrf_token %}`."""

from django import template
from django.utils.html import format_html

from netwerk.submit_once import FIELD, new_token

register = template.Library()


@register.simple_tag
def form_token() -> str:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())
