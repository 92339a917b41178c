"""The audit viewer: an org admin sees who read or changed which record, when."""

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from netwerk import exports
from netwerk.forms import DateInput
from netwerk.permissions import role_required
from netwerk.reauth import reauthentication_required_for_download
from netwerk.validators import PLANNED

from .audit import audit_record
from .audit_display import describe, field_labels
from .models import AuditEvent, Role
from .selectors import AuditFilters, audit_events_for, organisation_members

PAGE_SIZE = 50


class AuditFilterForm(forms.Form):
    actor = forms.TypedChoiceField(
        label=gettext_lazy("Person"), coerce=int, empty_value=None, required=False
    )
    action = forms.ChoiceField(
        label=gettext_lazy("Action"),
        choices=[("", gettext_lazy("All")), *AuditEvent.Action.choices],
        required=False,
    )
    participant = forms.IntegerField(
        label=gettext_lazy("Participant file (number)"), min_value=1, required=False
    )
    date_from = forms.DateField(
        label=gettext_lazy("From"),
        required=False,
        widget=DateInput(),
        validators=PLANNED,
    )
    date_to = forms.DateField(
        label=gettext_lazy("To"),
        required=False,
        widget=DateInput(),
        validators=PLANNED,
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actor"].choices = [("", _("Everyone"))] + [
            (m.user_id, f"{m.user} ({m.get_role_display()})") for m in members
        ]

    def filters(self) -> AuditFilters:
        if not self.is_valid():
            return AuditFilters()
        data = self.cleaned_data
        return AuditFilters(
            actor_id=data["actor"],
            action=data["action"],
            participant_id=data["participant"],
            date_from=data["date_from"],
            date_to=data["date_to"],
        )


def _form(request: HttpRequest) -> AuditFilterForm:
    members = organisation_members(request.membership.organisation)
    return AuditFilterForm(request.GET or None, members=members)


@role_required(Role.ORG_ADMIN)
@require_safe
def audit_list(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    events = audit_events_for(request.membership.organisation, form.filters())
    page = Paginator(events.prefetch_related("objects_named"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    for event in page.object_list:
        named = sorted((o.object_id for o in event.objects_named.all()), key=lambda v: (len(v), v))
        event.record = describe(event, named)
        event.field_labels = field_labels(event.object_type, event.fields)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "accounts/audit.html",
        {"form": form, "page": page, "querystring": query.urlencode()},
    )


@role_required(Role.ORG_ADMIN)
@require_http_methods(["GET", "POST"])  # the viewer's button posts (an export is audited)
@reauthentication_required_for_download
def audit_export(request: HttpRequest) -> StreamingHttpResponse:
    """CSV of the filtered trail, streamed; asks for the password again first."""
    form = _form(request)
    events = audit_events_for(request.membership.organisation, form.filters())
    audit_record(
        actor=request.user,
        organisation=request.membership.organisation,
        action=AuditEvent.Action.EXPORT,
        object_type="accounts.auditevent",
    )
    header = [_("When"), _("Person"), _("Action"), _("Record"), _("Number"), _("Fields")]
    rows = (
        [
            event.created_at,
            event.actor.email if event.actor else "",
            event.action,
            event.object_type,
            event.object_id or " ".join(o.object_id for o in event.objects_named.all()),
            " ".join(event.fields),
        ]
        for event in events.prefetch_related("objects_named").iterator(chunk_size=2000)
    )
    stamp = timezone.localdate().isoformat()
    return exports.streamed_csv(
        header, rows, filename=f"audit-{stamp}.csv", delimiter=exports.delimiter_from(request)
    )
