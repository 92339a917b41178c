"""Shared by the group views: records within reach, roles, errors as messages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest

from accounts.models import Role
from participants.selectors.access_blocks import blocked_for

from .. import selectors
from ..models import Group, GroupMember, GroupSession
from ..selectors.pages import group_detail, session_in_reach

GROUP_ROLES = (Role.SOCIAL_WORKER, Role.COORDINATOR, Role.ORG_ADMIN, Role.VOLUNTEER)


def group_or_404(request: HttpRequest, pk: int) -> Group:
    group = group_detail(request.membership, pk)
    if group is None:
        raise Http404
    return group


def managed_group_or_404(request: HttpRequest, pk: int) -> Group:
    """Pages that run the group: its facilitators and org admins; 404 for everyone else."""
    group = group_or_404(request, pk)
    if not selectors.can_manage(request.membership, group):
        raise Http404
    return group


def managed_session_or_404(request: HttpRequest, pk: int) -> GroupSession:
    session = session_in_reach(request.membership, pk)
    if session is None or not selectors.can_manage(request.membership, session.group):
        raise Http404
    return session


def member_or_404(group: Group, pk: int, viewer_id: int | None = None) -> GroupMember:
    """A member of the group, or 404; with `viewer_id`, also 404 when the member's file is
    blocked from that person (AccessBlock)."""
    members = GroupMember.objects.filter(group=group, pk=pk)
    if viewer_id is not None:
        members = members.exclude(participant_id__in=blocked_for(viewer_id))
    member = members.select_related("group", "participant").first()
    if member is None:
        raise Http404
    return member


def flash_errors(request: HttpRequest, error: ValidationError) -> None:
    messages.error(request, " ".join(error.messages))
