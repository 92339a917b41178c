"""The org admin decides which standardised instruments the organisation may use."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from accounts.models import Role
from netwerk.permissions import role_required

from ..models import Instrument, OrganisationInstrument
from ..services.measurements import instrument_disable, instrument_enable


class EnableForm(forms.Form):
    permission_note = forms.CharField(
        label=gettext_lazy("Licence or permission for practice use"),
        help_text=gettext_lazy("Who allowed it, when, and for what use."),
        max_length=500,
    )


@role_required(Role.ORG_ADMIN)
@require_safe
def instrument_list(request: HttpRequest) -> HttpResponse:
    organisation = request.membership.organisation
    enabled = {
        row.instrument_id: row
        for row in OrganisationInstrument.objects.filter(organisation=organisation).select_related(
            "enabled_by"
        )
    }
    instruments = [
        {
            "instrument": instrument,
            "enabled": enabled.get(instrument.pk),
            "form": EnableForm(prefix=f"i{instrument.pk}"),
        }
        for instrument in Instrument.objects.order_by("code", "-version")
    ]
    return render(request, "participants/instruments.html", {"instruments": instruments})


def _instrument(pk: int) -> Instrument:
    instrument = Instrument.objects.filter(pk=pk).first()
    if instrument is None:
        raise Http404
    return instrument


@role_required(Role.ORG_ADMIN)
@require_POST
def instrument_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    instrument = _instrument(pk)
    if request.POST.get("action") == "disable":
        instrument_disable(membership=request.membership, instrument=instrument)
        messages.success(request, _("%(name)s is no longer used.") % {"name": instrument.name})
        return redirect("participants:instruments")
    form = EnableForm(request.POST, prefix=f"i{instrument.pk}")
    if form.is_valid():
        try:
            instrument_enable(
                membership=request.membership,
                instrument=instrument,
                permission_note=form.cleaned_data["permission_note"],
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(name)s can now be used.") % {"name": instrument.name})
    else:
        messages.error(request, _("Note the licence or permission before enabling an instrument."))
    return redirect("participants:instruments")
