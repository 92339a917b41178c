"""Flag pages: raise one (on a file, on a match, from a volunteer's worry), read it, pass it on
to the volunteer, ask to end it and confirm the end (two different people)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.models import Role
from buddies.models import Match
from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once
from participants.selectors import participant_editable_by, participant_get_for

from . import selectors, services
from .forms import EndRequestForm, FlagForm, PassOnForm
from .models import Flag

STAFF = (Role.SOCIAL_WORKER, Role.COORDINATOR, Role.ORG_ADMIN)


def _posted(request: HttpRequest):
    """The form's data on a POST, even an empty one (refused, not shown as a fresh form)."""
    return request.POST if request.method == "POST" else None


def _flag_or_404(request: HttpRequest, pk: int) -> Flag:
    flag = selectors.flag_get_for(request.membership, pk)
    if flag is None:
        raise Http404
    return flag


def _changeable_or_403(request: HttpRequest, pk: int) -> Flag:
    flag = _flag_or_404(request, pk)
    if not selectors.flag_is_changeable(request.membership, flag):
        raise PermissionDenied
    return flag


def _match_page(request: HttpRequest, match: Match) -> str:
    if request.membership.role in selectors.MANAGERS:
        return reverse("buddies:match_detail", args=[match.pk])
    return reverse("participants:detail", args=[match.participant_id])


def flag_page(request: HttpRequest, flag: Flag) -> str:
    """Where a flag's subject is shown to this viewer."""
    if flag.match_id:
        return _match_page(request, flag.match)
    return reverse("participants:detail", args=[flag.participant_id])


def _raise(request, *, title, back, participant=None, match=None, worry=None) -> HttpResponse:
    membership = request.membership
    may_pass_on = selectors.can_pass_on(membership) and match is not None
    initial = {"text": worry.worry_note[:500]} if worry is not None else {}
    form = FlagForm(
        _posted(request),
        initial=initial,
        organisation_id=membership.organisation_id,
        may_pass_on=may_pass_on,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.flag_raise(
                membership=membership,
                participant=participant,
                match=match,
                kind=data["kind"],
                text=data["text"],
                source_worry=worry,
                pass_on_to_volunteer=data.get("pass_on_to_volunteer", False),
                volunteer_text=data.get("volunteer_text", ""),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The flag is raised: it shows at the top of the page."))
            return redirect(back)
    context = {"form": form, "title": title, "back": back, "worry": worry, "match": match}
    return render_form(request, "safety/flag_form.html", context, form)


@role_required(Role.SOCIAL_WORKER, Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
@submit_once
def flag_create_participant(request: HttpRequest, pk: int) -> HttpResponse:
    participant = participant_get_for(request.membership, pk)
    if not participant_editable_by(request.membership, participant):
        raise PermissionDenied
    return _raise(
        request,
        title=_("Raise a safety flag on %(name)s's file") % {"name": participant.display_name},
        back=reverse("participants:detail", args=[participant.pk]),
        participant=participant,
    )


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@submit_once
def flag_create_match(request: HttpRequest, pk: int) -> HttpResponse:
    match = selectors.match_for_flag(request.membership, pk)
    if match is None:
        raise Http404
    if not services.may_raise_on_match(request.membership, match):
        raise PermissionDenied
    return _raise(
        request,
        title=_("Raise a safety flag on the match of %(volunteer)s with %(participant)s")
        % {"volunteer": match.volunteer.short_name, "participant": match.participant.first_name},
        back=_match_page(request, match),
        match=match,
    )


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
@submit_once
def flag_from_worry(request: HttpRequest, pk: int) -> HttpResponse:
    worry = selectors.worry_for(request.membership, pk)
    if worry is None:
        raise Http404
    match = worry.match
    if not services.may_raise_on_match(request.membership, match):
        raise PermissionDenied
    return _raise(
        request,
        title=_("Turn the volunteer's worry into a safety flag"),
        back=_match_page(request, match),
        match=match,
        worry=worry,
    )


@role_required(*STAFF)
@require_safe
def flag_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership
    flag = _flag_or_404(request, pk)
    changeable = selectors.flag_is_changeable(membership, flag)
    context = {
        "flag": flag,
        "back": flag_page(request, flag),
        "can_change": changeable and not flag.is_ended,
        "can_pass_on": changeable and selectors.can_pass_on(membership) and not flag.is_ended,
        "asked_by_me": flag.ending_requested_by_id == membership.user_id,
    }
    return render_form(request, "safety/flag_detail.html", context)


@role_required(Role.COORDINATOR, Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def flag_pass_on(request: HttpRequest, pk: int) -> HttpResponse:
    flag = _changeable_or_403(request, pk)
    initial = {
        "pass_on_to_volunteer": flag.pass_on_to_volunteer,
        "volunteer_text": flag.volunteer_text,
    }
    form = PassOnForm(_posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_pass_on(membership=request.membership, flag=flag, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Saved what the volunteer reads."))
            return redirect("safety:flag_detail", flag.pk)
    return render_form(request, "safety/pass_on.html", {"flag": flag, "form": form}, form)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def flag_end(request: HttpRequest, pk: int) -> HttpResponse:
    """The first of two people: asks to end the flag, with a reason."""
    flag = _changeable_or_403(request, pk)
    form = EndRequestForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_request_end(
                membership=request.membership, flag=flag, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("You asked to end the flag. It stays shown until a colleague confirms."),
            )
            return redirect("safety:flag_detail", flag.pk)
    return render_form(request, "safety/end.html", {"flag": flag, "form": form}, form)


@role_required(*STAFF)
@require_http_methods(["GET", "POST"])
def flag_confirm_end(request: HttpRequest, pk: int) -> HttpResponse:
    """The second person: confirms the end (a POST carrying `confirm=yes`)."""
    flag = _changeable_or_403(request, pk)
    error_text = ""
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            services.flag_confirm_end(membership=request.membership, flag=flag)
        except ValidationError as error:
            error_text = " ".join(error.messages)
        else:
            messages.success(request, _("The flag has ended. It stays in the timeline."))
            return redirect(flag_page(request, flag))
    context = {
        "flag": flag,
        "error": error_text,
        "asked_by_me": flag.ending_requested_by_id == request.membership.user_id,
    }
    return render_form(request, "safety/confirm_end.html", context, refused=bool(error_text))
