"""Participant file pages. Every view fetches files through `participants_visible_to`."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.audit import audit_record
from accounts.models import AuditEvent, Role
from netwerk.permissions import role_required

from .. import selectors

PAGE_SIZE = 25


@role_required(Role.SOCIAL_WORKER, Role.ORG_ADMIN)
def participant_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    participants = selectors.participants_visible_to(membership).select_related("social_worker")
    query = request.GET.get("q", "").strip()
    if query:
        participants = participants.filter(
            Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
            | Q(preferred_name__icontains=query)
            | Q(reference_code__iexact=query)
        )
    page = Paginator(participants, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "participants/list.html", {"page": page, "query": query})


@role_required(Role.SOCIAL_WORKER, Role.ORG_ADMIN)
def participant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership
    participant = selectors.participant_get_for(membership, pk)
    audit_record(
        actor=request.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.READ,
        obj=participant,
    )
    return render(
        request,
        "participants/detail.html",
        {
            "participant": participant,
            "can_edit": selectors.participant_editable_by(membership, participant),
        },
    )
