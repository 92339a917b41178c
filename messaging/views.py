"""Pages: composing a message (to a participant from the file, a volunteer, a group's
members, the volunteers of the pool), the message log on a file and a volunteer's page,
template management, the letters to print and the calls to make, contact preferences."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts.audit import audit_record
from accounts.models import AuditEvent, Role
from buddies.models import Volunteer
from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once
from notifications.models import Message

from . import selectors, services
from .forms import ComposeForm, PreferenceForm, TemplateForm
from .models import PLACEHOLDERS, ContactPreference
from .reach import AUTO, Person

STAFF = (Role.SOCIAL_WORKER, Role.COORDINATOR, Role.ORG_ADMIN)


def _values(request: HttpRequest, data: dict) -> services.Values:
    return services.Values(
        sender_name=request.user.get_short_name(),
        organisation_name=request.membership.organisation.name,
        date=data.get("date"),
        time=data.get("time"),
        place=data.get("place", ""),
    )


def _compose(
    request: HttpRequest,
    *,
    people: Callable[[], list[Person]],
    heading: str,
    back: str,
    about_type: str,
    about_id: int,
) -> HttpResponse:
    membership = request.membership
    form = ComposeForm(
        request.POST if request.method == "POST" else None,
        organisation_id=membership.organisation_id,
        initial={"batch": services.new_batch(), "channel": AUTO},
    )
    recipients = people()
    result = None
    if request.method == "POST" and form.is_valid():
        subject, body = form.texts()
        data = form.cleaned_data
        values = _values(request, data)
        if request.POST.get("action") == "send":
            try:
                sent = services.message_send(
                    membership=membership,
                    people=recipients,
                    channel=data["channel"],
                    body=body,
                    subject=subject,
                    values=values,
                    batch=data["batch"],
                    about_type=about_type,
                    about_id=about_id,
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "The message to %(count)s person is on its way.",
                        "The messages to %(count)s people are on their way.",
                        len(sent.included),
                    )
                    % {"count": len(sent.included)},
                )
                return redirect(back)
        for field, message in services.missing_values(body + subject, values).items():
            form.add_error(field, message)
        if not data.get("body") and body:
            fresh = request.POST.copy()
            fresh["body"], fresh["subject"] = body, subject
            form = ComposeForm(fresh, organisation_id=membership.organisation_id)
            form.is_valid()
        result = services.preview(
            people=recipients,
            channel=data["channel"],
            body=body,
            values=values,
            opted_out=selectors.opted_out_numbers(recipients),
        )
    if result is None:
        result = services.preview(
            people=recipients,
            channel=AUTO,
            body="",
            values=_values(request, {}),
            opted_out=selectors.opted_out_numbers(recipients),
        )
        result.example = ""
    return render_form(
        request,
        "messaging/compose.html",
        {
            "form": form,
            "heading": heading,
            "back": back,
            "result": result,
            "recipient_count": len(recipients),
            "placeholders": PLACEHOLDERS,
        },
        form,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def compose_participant(request: HttpRequest, pk: int) -> HttpResponse:
    participant = selectors.participant_to_message(request.membership, pk)
    return _compose(
        request,
        people=lambda: selectors.participant_people(
            type(participant).objects.filter(pk=participant.pk)
        ),
        heading=_("Message to %(name)s") % {"name": participant.display_name},
        back=reverse("participants:detail", args=[participant.pk]),
        about_type=Message.RecipientType.PARTICIPANT,
        about_id=participant.pk,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def compose_volunteer(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = selectors.volunteer_to_message(request.membership, pk)
    return _compose(
        request,
        people=lambda: selectors.volunteer_people(Volunteer.objects.filter(pk=volunteer.pk)),
        heading=_("Message to %(name)s") % {"name": volunteer.full_name},
        back=reverse("buddies:volunteer_edit", args=[volunteer.pk]),
        about_type=Message.RecipientType.VOLUNTEER,
        about_id=volunteer.pk,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def compose_group(request: HttpRequest, pk: int) -> HttpResponse:
    group = selectors.group_to_message(request.membership, pk)
    return _compose(
        request,
        people=lambda: selectors.participant_people(selectors.group_members(group)),
        heading=_("Message to the members of %(group)s") % {"group": group.name},
        back=reverse("groups:detail", args=[group.pk]),
        about_type="group",
        about_id=group.pk,
    )


@role_required(Role.COORDINATOR, Role.ORG_ADMIN)
@require_http_methods(["GET", "HEAD", "POST"])
def compose_volunteers(request: HttpRequest, status: str) -> HttpResponse:
    if status not in Volunteer.Status.values:
        raise Http404
    label = Volunteer.Status(status).label
    return _compose(
        request,
        people=lambda: selectors.volunteer_people(
            selectors.volunteers_with_status(request.membership, status)
        ),
        heading=_("Message to all volunteers with status: %(status)s") % {"status": label},
        back=reverse("buddies:volunteer_list"),
        about_type="volunteers",
        about_id=0,
    )


# The message log.


def _log(request: HttpRequest, person_type: str, person_id: int, context: dict) -> HttpResponse:
    membership = request.membership
    log = selectors.message_log(membership.organisation_id, person_type, person_id)
    audit_record(
        actor=request.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.READ,
        object_type=f"messages to {person_type}",
        object_id=person_id,
    )
    template = "messaging/_log_table.html" if request.htmx else "messaging/log.html"
    return render(request, template, {"log": log, **context})


@login_required
@require_safe
def participant_log(request: HttpRequest, pk: int) -> HttpResponse:
    participant = selectors.participant_get_for(request.membership, pk)
    if not selectors.can_read_participant_log(request.membership, participant):
        raise PermissionDenied
    return _log(
        request,
        Message.RecipientType.PARTICIPANT,
        participant.pk,
        {
            "heading": _("Messages to %(name)s") % {"name": participant.display_name},
            "send_url": reverse("messaging:compose_participant", args=[participant.pk])
            if selectors.participant_editable_by(request.membership, participant)
            else "",
            "back": reverse("participants:detail", args=[participant.pk]),
        },
    )


@login_required
@require_safe
def volunteer_log(request: HttpRequest, pk: int) -> HttpResponse:
    volunteer = selectors.volunteer_to_message(request.membership, pk)
    return _log(
        request,
        Message.RecipientType.VOLUNTEER,
        volunteer.pk,
        {
            "heading": _("Messages to %(name)s") % {"name": volunteer.full_name},
            "send_url": reverse("messaging:compose_volunteer", args=[volunteer.pk]),
            "back": reverse("buddies:volunteer_edit", args=[volunteer.pk]),
        },
    )


# Templates (org admins change them; staff read them).


@role_required(*STAFF)
@require_http_methods(["GET", "HEAD", "POST"])
@submit_once
def template_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    is_admin = membership.role == Role.ORG_ADMIN
    form = TemplateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST":
        if not is_admin:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.template_save(membership=membership, template=None, data=form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, _("The template is saved."))
                return redirect("messaging:templates")
    return render_form(
        request,
        "messaging/templates.html",
        {
            "templates": selectors.templates_for(membership.organisation_id, active_only=False),
            "form": form if is_admin else None,
            "placeholders": PLACEHOLDERS,
        },
        form,
    )


@role_required(*STAFF)
@require_http_methods(["GET", "HEAD", "POST"])
def template_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership
    template = (
        selectors.templates_for(membership.organisation_id, active_only=False).filter(pk=pk).first()
    )
    if template is None:
        raise Http404
    if membership.role != Role.ORG_ADMIN:
        raise PermissionDenied
    form = TemplateForm(request.POST if request.method == "POST" else None, instance=template)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_save(membership=membership, template=template, data=form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The template is saved."))
            return redirect("messaging:templates")
    return render_form(
        request,
        "messaging/template_edit.html",
        {"template": template, "form": form, "placeholders": PLACEHOLDERS},
        form,
    )


# Letters and calls.


def _hand_work_page(request: HttpRequest, channel: str, template: str, name: str):
    """The day's letters to post or calls to make: one page each, the read audited."""
    batch = list(selectors.hand_work(request.membership, channel))
    audit_record(
        actor=request.user,
        organisation=request.membership.organisation,
        action=AuditEvent.Action.READ,
        object_type="notifications.message",
        object_ids=[message.pk for message in batch],
    )
    return render(request, template, {name: batch})


@role_required(*STAFF)
@require_safe
def letters(request: HttpRequest) -> HttpResponse:
    return _hand_work_page(request, Message.Channel.LETTER, "messaging/letters.html", "letters")


@role_required(*STAFF)
@require_safe
def calls(request: HttpRequest) -> HttpResponse:
    return _hand_work_page(request, Message.Channel.CALL, "messaging/calls.html", "calls")


@role_required(*STAFF)
@require_POST
def hand_done(request: HttpRequest, pk: int) -> HttpResponse:
    message = selectors.hand_work_item(request.membership, pk)
    try:
        services.hand_delivery_record(
            membership=request.membership, message=message, note=request.POST.get("note", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The letter is marked as posted.")
            if message.channel == Message.Channel.LETTER
            else _("The call is marked as made."),
        )
    return redirect(
        "messaging:letters" if message.channel == Message.Channel.LETTER else "messaging:calls"
    )


@role_required(*STAFF)
@require_POST
def letters_done(request: HttpRequest) -> HttpResponse:
    """Every letter of the printed batch posted in one go (the ids the page showed)."""
    ids = [int(value) for value in request.POST.getlist("letter") if value.isdigit()][:500]
    batch = list(selectors.hand_work(request.membership, Message.Channel.LETTER).filter(pk__in=ids))
    count = services.hand_deliveries_record(membership=request.membership, messages=batch)
    messages.success(
        request,
        ngettext(
            "%(count)s letter is marked as posted.",
            "%(count)s letters are marked as posted.",
            count,
        )
        % {"count": count},
    )
    return redirect("messaging:letters")


# Preferences.


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def own_preference(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    if membership is None:
        raise Http404
    person_type, person_id = selectors.own_person(membership)
    current = ContactPreference.objects.filter(person_type=person_type, person_id=person_id).first()
    initial = (
        {
            "channel": current.channel,
            "quiet_from": current.quiet_from,
            "quiet_until": current.quiet_until,
        }
        if current
        else {}
    )
    form = PreferenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.preference_save(
                membership=membership,
                person_type=person_type,
                person_id=person_id,
                channel=data["channel"],
                quiet_from=data["quiet_from"],
                quiet_until=data["quiet_until"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Your choice is saved."))
            return redirect("messaging:preference")
    return render_form(request, "messaging/preference.html", {"form": form}, form)
