"""The caseload and the participant file. Every view reaches files through the selectors."""

import secrets

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms.models import model_to_dict
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe
from django_htmx.http import push_url

from accounts.audit import audit_record
from accounts.models import AuditEvent, Role
from netwerk.forms import add_service_errors, render_form
from netwerk.permissions import role_required
from netwerk.submit_once import submit_once

from .. import selectors, services
from ..forms import CaseloadFilterForm, ConsentForm, ParticipantCreateForm, ParticipantForm
from ..models import Consent, Participant
from ..selectors.duplicates import likely_duplicates
from ..selectors.file_cards import file_cards
from ..selectors.history import participant_history as participant_history_entries
from ..selectors.timeline import timeline_page
from .common import editable_participant, intervention_form_for

PAGE_SIZE = 25
# The caseload's filters (a name search is personal data) are posted, kept in the session under
# a short random key, and the list's address carries only that key: no name in a URL, a log
# line or the browser history.
FILTERS_SESSION_KEY = "participants_caseload_filters"
FILTERS_KEPT = 20
PERSONAL_FILTERS = ("q",)


def caseload_query(request: HttpRequest) -> tuple[QueryDict, str]:
    """The caseload filters of this request and the key that names them ("" if none)."""
    kept = request.session.get(FILTERS_SESSION_KEY)
    kept = kept if isinstance(kept, dict) else {}
    if request.method == "POST":
        data = request.POST.copy()
        data.pop("csrfmiddlewaretoken", None)
        key = secrets.token_urlsafe(6)
        kept[key] = data.urlencode()
        request.session[FILTERS_SESSION_KEY] = dict(list(kept.items())[-FILTERS_KEPT:])
        return data, key
    key = request.GET.get("f", "")
    if isinstance(kept.get(key), str):
        return QueryDict(kept[key]), key
    return _without_personal_filters(request.GET), ""


def kept_filters(request: HttpRequest, query: str) -> QueryDict:
    """The filters a list's query names ("f=<key>" of the session, or plain filters), as
    `caseload_query` reads them for that list."""
    data = QueryDict(query)
    kept = request.session.get(FILTERS_SESSION_KEY)
    key = data.get("f", "")
    if isinstance(kept, dict) and isinstance(kept.get(key), str):
        return QueryDict(kept[key])
    return _without_personal_filters(data)


def _without_personal_filters(given: QueryDict) -> QueryDict:
    # Filters without personal data still work as plain links; a name search does not.
    data = given.copy()
    for name in (*PERSONAL_FILTERS, "f", "page"):
        data.pop(name, None)
    return data


def caseload_filters_from(form: CaseloadFilterForm) -> selectors.CaseloadFilters:
    if not form.is_valid():
        return selectors.CaseloadFilters()
    data = form.cleaned_data
    return selectors.CaseloadFilters(
        q=data["q"],
        scope=data["scope"],
        status=data["status"],
        work_model_code=data["work_model"].code if data["work_model"] else "",
        follow_up_due=data["follow_up_due"],
        no_contact_days=data["no_contact_days"],
        sort=data["sort"] or "name",
    )


@role_required(Role.SOCIAL_WORKER, Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])
def participant_list(request: HttpRequest) -> HttpResponse:
    membership = request.membership
    data, key = caseload_query(request)
    if request.method == "POST" and not request.htmx:
        return redirect(f"{request.path}?f={key}")
    form = CaseloadFilterForm(data)
    participants = selectors.caseload_list(membership, caseload_filters_from(form))
    page = Paginator(participants, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        # What the page and export links carry: the key, or the filters without personal data.
        "list_query": QueryDict(f"f={key}") if key else data,
        "today": timezone.localdate(),
        "show_team": selectors.can_see_team(membership),
        "can_create": membership.role == Role.SOCIAL_WORKER,
    }
    template = "participants/_caseload_results.html" if request.htmx else "participants/list.html"
    response = render(request, template, context)
    if request.method == "POST":  # htmx: the address bar shows the key, never the filters
        push_url(response, f"{request.path}?f={key}")
    return response


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
@submit_once
def participant_create(request: HttpRequest) -> HttpResponse:
    form = ParticipantCreateForm(request.POST or None)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        method = data.pop("file_consent") or None
        if not data.pop("create_anyway"):
            duplicates = likely_duplicates(
                request.membership,
                **{key: data.get(key) for key in DUPLICATE_KEYS},
            )
        if duplicates:  # not refused: the person confirms (or not) that it is someone else
            context = {"form": form, "participant": None, "duplicates": duplicates}
            return render_form(request, "participants/form.html", context, form)
        try:
            participant = services.participant_create(
                membership=request.membership, data=data, file_consent_method=method
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The file was opened."))
            return redirect("participants:detail", participant.pk)
    return render_form(request, "participants/form.html", {"form": form, "participant": None}, form)


DUPLICATE_KEYS = ("first_name", "last_name", "birth_year", "phone", "email")


@role_required(Role.SOCIAL_WORKER)
@require_http_methods(["GET", "POST"])
def participant_edit(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership
    participant = editable_participant(request, pk)
    initial = model_to_dict(participant)
    form = ParticipantForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.participant_update(
                membership=membership, participant=participant, data=form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The file was saved."))
            return redirect("participants:detail", participant.pk)
    context = {"form": form, "participant": participant}
    return render_form(request, "participants/form.html", context, form)


@role_required(Role.SOCIAL_WORKER, Role.ORG_ADMIN)
@require_safe
def participant_detail(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership
    participant = selectors.participant_get_for(membership, pk)
    audit_record(
        actor=request.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.READ,
        obj=participant,
    )
    return render(request, "participants/detail.html", file_context(request, participant))


def file_context(request: HttpRequest, participant: Participant, **extra) -> dict:
    """Everything the file page shows, in a fixed number of queries."""
    membership = request.membership
    consents = list(participant.consents.select_related("recorded_by"))
    active = selectors.active_consent_purposes(consents)
    can_edit = selectors.participant_editable_by(membership, participant)
    goals = list(participant.goals.select_related("work_model").prefetch_related("notes"))
    try:
        page_number = int(request.GET.get("page", 1))
    except ValueError:
        page_number = 1
    timeline = timeline_page(participant, page_number, consents=consents)
    context = {
        "participant": participant,
        "can_edit": can_edit,
        "show_special": selectors.can_see_special_categories(membership, participant),
        "consents": consents,
        "active_purposes": active,
        "purposes": Consent.Purpose.choices,
        "has_file_consent": Consent.Purpose.FILE in active,
        "trajectories": participant.trajectories.select_related("work_model"),
        "goals": goals,
        "timeline": timeline,
        "file_cards": file_cards(request, participant),
        "today": timezone.localdate(),
        "can_hand_over": membership.role == Role.ORG_ADMIN and participant.anonymised_on is None,
    }
    if can_edit and Consent.Purpose.FILE in active and "intervention_form" not in extra:
        latest = timeline.latest_intervention
        last = {"work_model": latest.work_model_id, "kind": latest.kind} if latest else None
        context["intervention_form"] = intervention_form_for(participant, last=last, goals=goals)
    if can_edit:
        context["consent_form"] = ConsentForm(
            prefix="consent", organisation_id=participant.organisation_id
        )
    context.update(extra)
    return context


@role_required(Role.SOCIAL_WORKER, Role.ORG_ADMIN)
@require_safe
def participant_history(request: HttpRequest, pk: int) -> HttpResponse:
    membership = request.membership
    participant = selectors.participant_get_for(membership, pk)
    audit_record(
        actor=request.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.READ,
        obj=participant,
        fields=["history"],
    )
    entries = participant_history_entries(
        participant,
        show_special_categories=selectors.can_see_special_categories(membership, participant),
    )
    return render(
        request, "participants/history.html", {"participant": participant, "entries": entries}
    )
