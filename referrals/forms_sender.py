"""Forms of the sending side: choose an initiative, refer, withdraw the referral's consent.

They check input; `referrals.services.sending` applies the rules (and repeats the checks)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerk.forms import DateInput
from netwerk.validators import HAPPENED
from participants.models import Consent, Goal, Participant
from workmodels.models import Initiative, WorkModel

from .models import ALWAYS_SHARED, SharedItem
from .services.sending import REASON_MAX

CHOOSABLE = [(value, label) for value, label in SharedItem.choices if value not in ALWAYS_SHARED]


class InitiativeFilterForm(forms.Form):
    """Search the shared directory for where to refer to."""

    text = forms.CharField(label=_("Search"), required=False, max_length=100)
    work_model = forms.ChoiceField(label=_("Work model"), required=False)
    municipality = forms.CharField(label=_("Municipality"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_model"].choices = [("", _("Any work model"))] + [
            (model.code, model.name) for model in WorkModel.objects.order_by("order")
        ]


class ReferralForm(forms.Form):
    initiative = forms.ModelChoiceField(
        queryset=Initiative.objects.none(), widget=forms.HiddenInput
    )
    work_model = forms.ModelChoiceField(
        label=_("Work model"), queryset=WorkModel.objects.none(), empty_label=None
    )
    shared_items = forms.MultipleChoiceField(
        label=_("What else may be shared?"),
        choices=CHOOSABLE,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose together with the participant. Tick only what they agree to."),
    )
    goal = forms.ModelChoiceField(
        label=_("Which goal?"),
        queryset=Goal.objects.none(),
        required=False,
        help_text=_("Only when you share a goal."),
    )
    reason = forms.CharField(
        label=_("Why this referral? In the participant's own words"),
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write down why, in the participant's own words.")},
    )
    consent_method = forms.ChoiceField(
        label=_("How did the participant give consent?"),
        choices=Consent.Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say how the participant gave their consent.")},
    )
    consent_given_on = forms.DateField(
        label=_("Consent given on"),
        widget=DateInput(),
        initial=timezone.localdate,
        validators=HAPPENED,
    )
    consent_purpose = forms.CharField(
        label=_("For what purpose?"),
        max_length=300,
        error_messages={"required": _("Say for what the participant agreed to share.")},
    )
    email_consented = forms.BooleanField(
        label=_("The participant agrees that we e-mail this to the initiative"),
        required=False,
    )

    def __init__(
        self,
        *args,
        initiatives,
        initiative: Initiative | None,
        participant: Participant,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives
        if initiative is not None:
            self.initial.setdefault("initiative", initiative.pk)
            offered = list(initiative.work_models.order_by("order"))
            self.fields["work_model"].queryset = initiative.work_models.order_by("order")
            if offered:
                self.initial.setdefault("work_model", offered[0].pk)
            self.initial.setdefault(
                "consent_purpose",
                _("Referral to %(initiative)s") % {"initiative": initiative.name},
            )
        if initiative is None or initiative.run_by_id is not None or not initiative.contact_email:
            del self.fields["email_consented"]  # only for an e-mail outside Netwerk
        self.fields["goal"].queryset = participant.goals.filter(status=Goal.Status.OPEN)
        self.fields["goal"].label_from_instance = lambda goal: goal.description[:80]

    def clean(self):
        data = super().clean()
        items = data.get("shared_items") or []
        if SharedItem.GOAL in items and not data.get("goal"):
            self.add_error("goal", _("Choose the goal to share, or do not share a goal."))
        given_on = data.get("consent_given_on")
        if given_on and given_on > timezone.localdate():
            self.add_error("consent_given_on", _("The consent cannot be given in the future."))
        return data

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "initiative": data["initiative"],
            "work_model": data.get("work_model"),
            "shared_items": data.get("shared_items") or [],
            "goal": data.get("goal"),
            "reason": data["reason"],
            "consent_method": data["consent_method"],
            "consent_given_on": data["consent_given_on"],
            "consent_purpose": data["consent_purpose"],
            "email_consented": data.get("email_consented", False),
        }


class WithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(
        label=_("Withdrawn on"), widget=DateInput(), initial=timezone.localdate, validators=HAPPENED
    )
