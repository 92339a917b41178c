"""A buddy request as the coordinator keeps it: correct it, or delete one made by mistake."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required

from .. import services
from ..forms import REQUEST_FIELDS, BuddyRequestForm
from .common import MANAGERS, flash_errors, request_or_404


@role_required(*MANAGERS)
@require_http_methods(["GET", "POST"])
def request_edit(request: HttpRequest, pk: int) -> HttpResponse:
    buddy_request = request_or_404(request, pk)
    membership = request.membership
    initial = {name: getattr(buddy_request, name) for name in REQUEST_FIELDS}
    initial.update(
        languages=buddy_request.languages,
        availability=buddy_request.availability,
        interests=list(buddy_request.interests.all()),
    )
    form = BuddyRequestForm(
        request.POST or None, organisation_id=membership.organisation_id, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        interests = list(data.pop("interests", []))
        try:
            services.buddy_request_update(
                membership=membership, request=buddy_request, data=data, interests=interests
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The buddy request was saved."))
            return redirect("buddies:waiting_list")
    return render_form(
        request,
        "buddies/request_form.html",
        {"form": form, "participant": buddy_request.participant, "buddy_request": buddy_request},
        form,
    )


@role_required(*MANAGERS)
@require_http_methods(["GET", "POST"])
def request_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET says what deleting does, or why it cannot; POST deletes."""
    buddy_request = request_or_404(request, pk)
    if request.method == "POST":
        try:
            services.buddy_request_delete(membership=request.membership, request=buddy_request)
        except ValidationError as error:
            flash_errors(request, error)
            return redirect("buddies:request_delete", pk)
        messages.success(request, _("The buddy request was deleted."))
        return redirect("buddies:waiting_list")
    return render(
        request,
        "buddies/request_delete.html",
        {
            "buddy_request": buddy_request,
            "problem": services.request_delete_problem(buddy_request),
            "set_aside": buddy_request.matches.filter(status="declined").count(),
        },
    )
