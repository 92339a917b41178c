"""A member stopping (confirmed, dated, undone), completion decided by hand, deleting a group."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from netwerk.forms import DateInput, add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.validators import HAPPENED

from .. import services
from ..services.lifecycle import can_delete, what_goes
from .common import GROUP_ROLES, flash_errors, managed_group_or_404, member_or_404


class LeaveForm(forms.Form):
    left_on = forms.DateField(
        label=gettext_lazy("Stopped on"), widget=DateInput(), validators=HAPPENED
    )


@role_required(*GROUP_ROLES)
@require_http_methods(["GET", "POST"])
def member_leave(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """Asks first: the member stays in the attendance and the history, and it can be undone."""
    group = managed_group_or_404(request, pk)
    member = member_or_404(group, member_pk, request.user.pk)
    if member.left_on is not None:
        return redirect("groups:detail", group.pk)
    data = request.POST if request.method == "POST" else None
    form = LeaveForm(data, initial={"left_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.member_leave(
                membership=request.membership, member=member, left_on=form.cleaned_data["left_on"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s stopped with the group on %(date)s. Undo it beside their name.")
                % {
                    "name": member.participant.short_name,
                    "date": date_format(member.left_on, "SHORT_DATE_FORMAT"),
                },
            )
            return redirect("groups:detail", group.pk)
    return render_form(
        request,
        "groups/member_leave.html",
        {"group": group, "member": member, "form": form, "name": member.participant.short_name},
        form,
    )


@role_required(*GROUP_ROLES)
@require_POST
def member_rejoin(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    group = managed_group_or_404(request, pk)
    member = member_or_404(group, member_pk, request.user.pk)
    try:
        services.member_rejoin(membership=request.membership, member=member)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("%(name)s is a member of the group again.") % {"name": member.participant.short_name},
        )
    return redirect("groups:detail", group.pk)


COMPLETION_CHOICES = {"yes": True, "no": False, "rule": None}


@role_required(*GROUP_ROLES)
@require_POST
def member_completion(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    group = managed_group_or_404(request, pk)
    member = member_or_404(group, member_pk, request.user.pk)
    choice = request.POST.get("completed", "")
    if choice not in COMPLETION_CHOICES:
        messages.error(request, _("Choose completed, not completed, or follow the attendance."))
        return redirect("groups:detail", group.pk)
    services.member_completion_set(
        membership=request.membership, member=member, completed=COMPLETION_CHOICES[choice]
    )
    messages.success(request, _("The completion was saved."))
    return redirect("groups:detail", group.pk)


@role_required(*GROUP_ROLES)
@require_http_methods(["GET", "POST"])
def group_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """A confirmation that says what goes; refused (with the way out) once it holds history."""
    group = managed_group_or_404(request, pk)
    if not can_delete(request.membership, group):
        raise Http404
    goes = what_goes(group)
    error = ""
    if request.method == "POST":
        try:
            services.group_delete(membership=request.membership, group=group)
        except ValidationError as exc:
            error = " ".join(exc.messages)
        else:
            messages.success(request, _("The group “%(name)s” was deleted.") % {"name": group.name})
            return redirect("groups:list")
    context = {"group": group, "goes": goes, "error": error}
    return render_form(request, "groups/delete.html", context, refused=bool(error))
