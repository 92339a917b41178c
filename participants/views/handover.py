"""Org admin pages: hand files over to another social worker (one, some, or all of a
worker's), and name stand-ins for workers on leave. Every write goes through
`services.handover`; a hand-over is confirmed on a page that says how many files go to whom."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role
from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once

from ..forms_handover import HandoverFilterForm, HandoverForm, StandInForm
from ..models import Participant, StandIn
from ..selectors.access_blocks import blocked_for
from ..selectors.handover import HandoverFilters, handover_candidates, stand_ins_of
from ..services import handover as services
from .files import caseload_query, kept_filters

PAGE_SIZE = 50


def _workers(request: HttpRequest) -> list[tuple[int, str]]:
    workers = services.active_social_workers(request.membership.organisation_id)
    return [(user.pk, str(user)) for user in workers]


def _filters(form: HandoverFilterForm) -> HandoverFilters:
    if not form.is_valid():
        return HandoverFilters()
    data = form.cleaned_data
    return HandoverFilters(worker=data["worker"] or None, status=data["status"], q=data["q"])


@role_required(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def handover_list(request: HttpRequest) -> HttpResponse:
    """The organisation's files with the caseload's filters, to choose which to hand over.
    A name search is kept in the session, as on the caseload (no name in an address)."""
    data, key = caseload_query(request)
    if request.method == "POST":
        return redirect(f"{request.path}?f={key}")
    workers = _workers(request)
    form = HandoverFilterForm(data, workers=workers)
    filters = _filters(form)
    files = handover_candidates(request.membership, filters)
    page = Paginator(files, PAGE_SIZE).get_page(request.GET.get("page"))
    list_query = QueryDict(f"f={key}") if key else data
    context = {
        "form": form,
        "page": page,
        "filters": filters,
        "filtered": bool(filters.worker or filters.status or filters.q.strip()),
        "worker_name": dict(workers).get(filters.worker, ""),
        "list_query": list_query,
        "matching": list_query.urlencode(),
    }
    return render_form(request, "participants/handover_list.html", context, None)


def _matching_ids(request: HttpRequest, matching: str) -> list[int]:
    """The files of the list's filters ("every file matching these filters"), found again on
    the server at each step: the page carries the filters, not thousands of ids."""
    form = HandoverFilterForm(kept_filters(request, matching), workers=_workers(request))
    filters = _filters(form)
    if not (filters.worker or filters.status or filters.q.strip()):
        return []  # no filter: never "every file of the organisation" by accident
    return list(handover_candidates(request.membership, filters).values_list("pk", flat=True))


def _handover_input(request: HttpRequest) -> QueryDict:
    if request.method == "POST":
        return request.POST
    # From a file page: "Hand over" names the file (an id, no personal data).
    data = QueryDict(mutable=True)
    data.setlist("participants", request.GET.getlist("participant"))
    return data


@role_required(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def handover_confirm(request: HttpRequest) -> HttpResponse:
    """Step 1 (a POST from the list, or a GET from a file): to whom, why, when. Step 2: a
    page that says how many files go to whom. Only a POST carrying `confirm` acts."""
    membership = request.membership
    data = _handover_input(request)
    bound = request.method == "POST" and "to_worker" in data
    form = HandoverForm(
        data if bound else None,
        initial={
            "participants": data.getlist("participants"),
            "from_worker": data.get("from_worker"),
        },
        organisation_id=membership.organisation_id,
    )
    matching = data.get("matching", "")
    if matching:
        ids = _matching_ids(request, matching)
    else:
        ids = [int(pk) for pk in data.getlist("participants") if pk.isdigit()]
    from_worker = data.get("from_worker")
    from_worker = int(from_worker) if from_worker and from_worker.isdigit() else None
    files = Participant.objects.filter(organisation_id=membership.organisation_id).exclude(
        pk__in=blocked_for(membership.user_id)
    )
    files = files.filter(social_worker_id=from_worker) if from_worker else files.filter(pk__in=ids)
    count = files.count()
    if not count and request.method == "GET":
        raise Http404  # no file of this organisation was named
    confirming = False
    if bound and form.is_valid():
        clean = form.cleaned_data
        arguments = {
            "membership": membership,
            "to_worker": clean["to_worker"],
            "reason": clean["reason"],
            "handed_over_on": clean["handed_over_on"],
        }
        if clean["from_worker"]:
            arguments["from_worker"] = clean["from_worker"]
        else:
            arguments["participant_ids"] = ids if matching else clean["participants"]
        if data.get("confirm") == "yes":
            try:
                result = services.files_reassign(**arguments)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s file was handed over to %(name)s.",
                        "%(count)s files were handed over to %(name)s.",
                        result.count,
                    )
                    % {"count": result.count, "name": result.to_worker},
                )
                return redirect("participants:handover")
        else:
            confirming = True
    single = files.select_related("social_worker").first() if count == 1 else None
    context = {
        "form": form,
        "count": count,
        "single": single,
        "from_worker": from_worker,
        "ids": [] if matching else ids,
        "matching": matching,
        "confirming": confirming,
        "nothing_chosen": not count,
        "cancel_url": reverse("participants:detail", args=[single.pk])
        if single and not from_worker
        else reverse("participants:handover"),
    }
    return render_form(
        request, "participants/handover_confirm.html", context, form, refused=not count
    )


@role_required(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
@submit_once
def stand_ins(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    form = StandInForm(request.POST or None, organisation_id=membership.organisation_id)
    if request.method == "POST" and form.is_valid():
        try:
            services.stand_in_create(membership=membership, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The stand-in was saved."))
            return redirect("participants:stand_ins")
    context = {"form": form, "stand_ins": stand_ins_of(membership), "today": timezone.localdate()}
    return render_form(request, "participants/stand_ins.html", context, form)


@role_required(Role.ORG_ADMIN)
@require_POST
def stand_in_end(request: HttpRequest, pk: int) -> HttpResponse:
    stand_in = StandIn.objects.filter(
        pk=pk, organisation_id=request.membership.organisation_id
    ).first()
    if stand_in is None:
        raise Http404
    try:
        services.stand_in_end(membership=request.membership, stand_in=stand_in)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The stand-in has ended: the files are out of their reach."))
    return redirect("participants:stand_ins")
