"""The group list, a group's page, creating and changing a group, members and sessions."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.models import Role
from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once
from participants.selectors.access_blocks import blocked_for

from .. import selectors, services
from ..completion import is_completed
from ..forms import GroupForm, MemberAddForm, SessionForm
from ..models import AttendanceSignal
from ..selectors.access import addable_participants
from ..selectors.pages import group_list, memberships_with_attendance, open_signals, sessions_of
from ..services.lifecycle import can_delete
from .common import (
    GROUP_ROLES,
    flash_errors,
    group_or_404,
    managed_group_or_404,
    member_or_404,
)


@role_required(*GROUP_ROLES)
@require_safe
def group_index(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    return render(
        request,
        "groups/list.html",
        {
            "groups": list(group_list(membership)),
            "can_create": selectors.can_create_groups(membership),
        },
    )


@role_required(Role.SOCIAL_WORKER, Role.COORDINATOR, Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
@submit_once
def group_create(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    form = GroupForm(
        request.POST or None,
        membership=membership,
        initial={"facilitators": [membership.user], "starts_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        facilitators = data.pop("facilitators")
        try:
            group = services.group_create(
                membership=membership, data=data, facilitators=facilitators
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The group was created."))
            return redirect("groups:detail", group.pk)
    return render_form(request, "groups/form.html", {"form": form, "group": None}, form)


@role_required(*GROUP_ROLES)
@require_http_methods(["GET", "POST"])
def group_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership
    group = managed_group_or_404(request, pk)
    form = GroupForm(request.POST or None, instance=group, membership=membership)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        facilitators = data.pop("facilitators")
        try:
            services.group_update(
                membership=membership,
                group=group_or_404(request, pk),
                data=data,
                facilitators=facilitators,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The group was saved."))
            return redirect("groups:detail", group.pk)
    return render_form(request, "groups/form.html", {"form": form, "group": group}, form)


@role_required(*GROUP_ROLES)
@require_safe
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(
        request, "groups/detail.html", _detail_context(request, group_or_404(request, pk))
    )


def _detail_context(request: HttpRequest, group, **forms) -> dict:
    membership = request.membership
    can_manage = selectors.can_manage(membership, group)
    can_add = selectors.can_add_members(membership, group)
    members = list(memberships_with_attendance(selectors.members_visible_to(membership, group)))
    has_rule = bool(group.completion_threshold or group.completion_percent)
    for member in members:
        member.group = group  # the rule reads the group's fields: no query per member
        member.completed = is_completed(member, member.attended, member.sessions_taken)
    context = {
        "group": group,
        "can_manage": can_manage,
        "members": members,
        "current_count": sum(1 for m in members if m.left_on is None),
        "sessions": sessions_of(group),
        "signals": open_signals(group, request.user.pk) if can_manage else [],
        "today": timezone.localdate(),
        "has_rule": has_rule,
        "can_delete": can_delete(membership, group),
    }
    if can_add:
        context["member_form"] = forms.get("member_form") or MemberAddForm(
            participants=addable_participants(membership, group), prefix="member"
        )
    if can_manage:
        context["session_form"] = forms.get("session_form") or SessionForm(
            prefix="session", initial={"date": timezone.localdate()}
        )
    return context


@role_required(*GROUP_ROLES)
@require_POST
@submit_once
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership
    group = group_or_404(request, pk)
    if not selectors.can_add_members(membership, group):
        raise Http404
    form = MemberAddForm(
        request.POST, participants=addable_participants(membership, group), prefix="member"
    )
    if form.is_valid():
        try:
            services.member_add(
                membership=membership,
                group=group,
                participant=form.cleaned_data["participant"],
                joined_on=form.cleaned_data["joined_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The member was added."))
            return redirect("groups:detail", group.pk)
    context = _detail_context(request, group, member_form=form)
    return render_form(request, "groups/detail.html", context, form)


@role_required(*GROUP_ROLES)
@require_POST
def certificate(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    group = managed_group_or_404(request, pk)
    member = member_or_404(group, member_pk, request.user.pk)
    try:
        services.certificate_hand_out(membership=request.membership, member=member)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The certificate was recorded: course completed."))
    return redirect("groups:detail", group.pk)


@role_required(*GROUP_ROLES)
@require_POST
@submit_once
def session_create(request: HttpRequest, pk: int) -> HttpResponse:
    group = managed_group_or_404(request, pk)
    form = SessionForm(request.POST, prefix="session")
    if form.is_valid():
        try:
            session = services.session_create(
                membership=request.membership, group=group, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The session was planned."))
            if session.date <= timezone.localdate():
                return redirect("groups:attendance", session.pk)
            return redirect("groups:detail", group.pk)
    context = _detail_context(request, group, session_form=form)
    return render_form(request, "groups/detail.html", context, form)


@role_required(*GROUP_ROLES)
@require_POST
def signal_resolve(request: HttpRequest, pk: int, signal_pk: int) -> HttpResponse:
    group = managed_group_or_404(request, pk)
    signal = (
        AttendanceSignal.objects.filter(group=group, pk=signal_pk)
        .exclude(participant_id__in=blocked_for(request.user.pk))
        .first()
    )
    if signal is None:
        raise Http404
    services.signal_resolve(membership=request.membership, signal=signal)
    messages.success(request, _("Marked as done: you reached out."))
    return redirect("groups:detail", group.pk)
