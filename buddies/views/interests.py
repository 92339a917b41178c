"""The organisation's interest tags: add, rename, delete (after a confirmation)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once

from .. import services
from ..forms import InterestRenameForm, InterestTagForm
from ..models import InterestTag
from .common import MANAGERS


def _tags(request: HttpRequest):
    return InterestTag.objects.filter(organisation_id=request.membership.organisation_id)


def _tag_or_404(request: HttpRequest, pk: int) -> InterestTag:
    tag = (
        _tags(request)
        .annotate(
            volunteer_count=Count("volunteers", distinct=True),
            request_count=Count("requests", distinct=True),
        )
        .filter(pk=pk)
        .first()
    )
    if tag is None:
        raise Http404
    return tag


@role_required(*MANAGERS)
@require_http_methods(["GET", "POST"])
@submit_once
def interest_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    form = InterestTagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.interest_tag_create(membership=membership, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The interest was added."))
            return redirect("buddies:interest_list")
    return render_form(
        request,
        "buddies/interest_list.html",
        {"form": form, "tags": _tags(request)},
        form,
    )


@role_required(*MANAGERS)
@require_http_methods(["GET", "POST"])
def interest_edit(request: HttpRequest, pk: int) -> HttpResponse:
    tag = _tag_or_404(request, pk)
    form = InterestRenameForm(request.POST or None, initial={"name": tag.name})
    if request.method == "POST" and form.is_valid():
        try:
            services.interest_tag_rename(
                membership=request.membership, tag=tag, name=form.cleaned_data["name"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The interest was renamed."))
            return redirect("buddies:interest_list")
    return render_form(
        request,
        "buddies/interest_edit.html",
        {"form": form, "tag": tag},
        form,
    )


@role_required(*MANAGERS)
@require_http_methods(["GET", "POST"])
def interest_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """GET says what deleting does (who loses the interest); POST deletes."""
    tag = _tag_or_404(request, pk)
    if request.method == "POST":
        services.interest_tag_delete(membership=request.membership, tag=tag)
        messages.success(request, _("The interest “%(name)s” was deleted.") % {"name": tag.name})
        return redirect("buddies:interest_list")
    return render(request, "buddies/interest_delete.html", {"tag": tag})
