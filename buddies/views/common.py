"""Shared by the buddy views: fetching records within reach, and service errors on forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest

from accounts.models import Role

from .. import selectors
from ..models import BuddyRequest, Match, Volunteer

MANAGERS = (Role.COORDINATOR, Role.ORG_ADMIN)


def request_or_404(request: HttpRequest, pk: int) -> BuddyRequest:
    found = selectors.requests_visible_to(request.membership).select_related("participant")
    obj = found.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def volunteer_or_404(request: HttpRequest, pk: int) -> Volunteer:
    obj = selectors.volunteers_visible_to(request.membership).filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def match_or_404(request: HttpRequest, pk: int) -> Match:
    obj = selectors.match_detail_for(request.membership, pk)
    if obj is None:
        raise Http404
    return obj


def flash_errors(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))
