"""Forms of the hand-over and stand-in pages (org admins)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from netwerk.forms import DateInput

from .models import Participant
from .models.handover import HANDOVER_DATE, STAND_IN_DATE
from .services.handover import active_social_workers


class WorkerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class FileIdsField(forms.TypedMultipleChoiceField):
    """File ids, checked by the service (only files of this organisation), not by a list of
    choices that would load every file."""

    def __init__(self, **kwargs):
        super().__init__(coerce=int, required=False, **kwargs)

    def valid_value(self, value) -> bool:
        return True


class HandoverFilterForm(forms.Form):
    """The list's filters, as on the caseload: whose files, status, name or reference."""

    worker = forms.TypedChoiceField(label=_("Social worker"), coerce=int, required=False)
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Participant.Status.choices], required=False
    )
    q = forms.CharField(label=_("Name or reference"), required=False, max_length=100)

    def __init__(self, *args, workers: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].choices = [("", _("Everyone")), *workers]


class HandoverForm(forms.Form):
    """To whom, why and from when; the files come as `participants` ids or `from_worker`."""

    participants = FileIdsField()
    from_worker = forms.IntegerField(required=False, widget=forms.HiddenInput)
    to_worker = WorkerChoiceField(label=_("Hand over to"), queryset=User.objects.none())
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("For example: leaves the organisation, long leave, a better fit."),
    )
    handed_over_on = forms.DateField(
        label=_("Hand-over date"),
        widget=DateInput(),
        initial=timezone.localdate,
        validators=HANDOVER_DATE,
    )

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_worker"].queryset = active_social_workers(organisation_id)


class StandInForm(forms.Form):
    absent_worker = WorkerChoiceField(
        label=_("Social worker on leave"), queryset=User.objects.none()
    )
    stand_in = WorkerChoiceField(label=_("Stand-in"), queryset=User.objects.none())
    starts_on = forms.DateField(
        label=_("From"), widget=DateInput(), initial=timezone.localdate, validators=STAND_IN_DATE
    )
    ends_on = forms.DateField(label=_("Until"), widget=DateInput(), validators=STAND_IN_DATE)
    reason = forms.CharField(label=_("Reason (optional)"), max_length=300, required=False)

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        workers = active_social_workers(organisation_id)
        self.fields["absent_worker"].queryset = workers
        self.fields["stand_in"].queryset = workers
