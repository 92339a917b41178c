"""Pages that belong to no single app: the home page per role and the language switch."""

from django.contrib.auth.decorators import login_not_required, login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe
from django.views.i18n import set_language

from accounts.models import Role
from accounts.services import user_set_language
from buddies import selectors as buddy_selectors
from buddies.selectors import volunteer_pool_figures, volunteers_visible_to
from netwerk.offline_pages import keep_offline
from participants.selectors import caseload, organisation_file_count

CASELOAD_PREVIEW = 10


@login_required
@require_safe
@keep_offline
def home(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    if membership is None:
        return render(request, "home/no_organisation.html", status=403)
    if membership.role == Role.POLICY_ANALYST:
        # Their one page: wherever they log in or click "Netwerk", they land on the report.
        return redirect("signals_report:report")
    context: dict = {}
    if membership.role == Role.SOCIAL_WORKER:
        mine = caseload(membership)
        context["caseload_count"] = mine.count()
        context["caseload_preview"] = list(mine[:CASELOAD_PREVIEW])
    elif membership.role == Role.COORDINATOR:
        context["pool"] = volunteer_pool_figures(membership)
        context["waiting_count"] = buddy_selectors.waiting_list(membership).count()
        context["worries"] = list(buddy_selectors.open_worries(membership)[:10])
    elif membership.role == Role.VOLUNTEER:
        context["profile"] = volunteers_visible_to(membership).first()
        context["contacts"] = list(buddy_selectors.volunteer_contacts(membership))
    elif membership.role == Role.ORG_ADMIN:
        context["participant_count"] = organisation_file_count(membership)
        context["pool"] = volunteer_pool_figures(membership)
        context["member_count"] = membership.organisation.memberships.filter(is_active=True).count()
    return render(request, f"home/{membership.role}.html", context)


@login_not_required  # the log-in page has the switch too
@require_POST
def language_switch(request: HttpRequest) -> HttpResponse:
    """Django's set_language, and the choice is remembered on the account as well."""
    response = set_language(request)
    if request.user.is_authenticated:
        user_set_language(user=request.user, language=request.POST.get("language", ""))
    return response
