"""Coordinator pages for the volunteer pool."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.models import Role
from netwerk.permissions import role_required

from . import selectors
from .models import Volunteer

PAGE_SIZE = 25


@role_required(Role.COORDINATOR, Role.ORG_ADMIN)
def volunteer_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    volunteers = selectors.volunteers_visible_to(membership).order_by("user__full_name", "id")
    status = request.GET.get("status", "")
    if status in Volunteer.Status.values:
        volunteers = volunteers.filter(status=status)
    page = Paginator(volunteers, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "buddies/volunteer_list.html",
        {
            "page": page,
            "status": status,
            "statuses": Volunteer.Status.choices,
            "pool": selectors.volunteer_pool_figures(membership),
        },
    )
