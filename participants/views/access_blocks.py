"""Org admin pages: block a named colleague from a file, list the organisation's blocks, end
one (confirmed first). Writes go through `services.access_blocks`; every read of the list is
audited. The blocked person sees nothing of this (their pages answer 404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import F
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accounts.audit import audit_record
from accounts.models import AuditEvent, Role
from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once

from ..forms_access_blocks import AccessBlockForm
from ..selectors import participant_get_for
from ..selectors.access_blocks import access_blocks_on_file, access_blocks_visible_to
from ..services import access_blocks as services

PAGE_SIZE = 50


def audit_list_read(request: HttpRequest, blocks) -> None:
    """Reading who is blocked from which file is itself recorded (block ids only)."""
    ids = [block.pk for block in blocks]
    if ids:
        audit_record(
            actor=request.user,
            organisation=request.membership.organisation,
            action=AuditEvent.Action.READ,
            object_type="participants.accessblock",
            object_ids=ids,
        )


@role_required(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
@submit_once
def access_block_create(request: HttpRequest, pk: int) -> HttpResponse:
    """From the file: who is blocked from it now, and a form to block someone more."""
    membership = request.membership
    participant = participant_get_for(membership, pk)
    blocks = list(access_blocks_on_file(membership, participant))
    active = [block for block in blocks if block.ended_at is None]
    form = AccessBlockForm(
        request.POST if request.method == "POST" else None,
        organisation_id=membership.organisation_id,
        exclude_ids=[
            membership.user_id,
            participant.social_worker_id,
            *(block.user_id for block in active),
        ],
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.access_block_create(
                membership=membership, participant=participant, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s can no longer see this file.") % {"name": form.cleaned_data["user"]},
            )
            return redirect("participants:access_block_create", pk=participant.pk)
    audit_list_read(request, blocks)
    context = {
        "participant": participant,
        "form": form,
        "active_blocks": active,
        "ended_blocks": [block for block in blocks if block.ended_at is not None],
    }
    return render_form(request, "participants/access_block_form.html", context, form)


@role_required(Role.ORG_ADMIN)
@require_safe
def access_block_list(request: HttpRequest) -> HttpResponse:
    """Every block of the organisation, the running ones first."""
    blocks = access_blocks_visible_to(request.membership).order_by(
        F("ended_at").desc(nulls_first=True), "-created_at", "-id"
    )
    page = Paginator(blocks, PAGE_SIZE).get_page(request.GET.get("page"))
    audit_list_read(request, page.object_list)
    return render(request, "participants/access_blocks.html", {"page": page})


@role_required(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def access_block_end(request: HttpRequest, pk: int) -> HttpResponse:
    """GET says what ending the block does; only a POST carrying `confirm` ends it."""
    block = access_blocks_visible_to(request.membership).filter(pk=pk).first()
    if block is None:
        raise Http404
    back = request.GET.get("from") == "file"
    done_url = (
        reverse("participants:access_block_create", args=[block.participant_id])
        if back
        else reverse("participants:access_blocks")
    )
    if block.ended_at is not None:
        messages.info(request, _("This block has ended already."))
        return redirect(done_url)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        try:
            services.access_block_end(membership=request.membership, block=block)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The block has ended: %(name)s can see the file again as their role allows.")
                % {"name": block.user},
            )
        return redirect(done_url)
    audit_list_read(request, [block])
    # Not "block" in the context: inside {% block %} that name is the template block itself.
    context = {"access_block": block, "cancel_url": done_url}
    return render(request, "participants/access_block_end.html", context)
