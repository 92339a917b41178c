"""Forms of the receiving side: the inbox filter, accept, decline, a step, a message."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerk.forms import DateInput
from netwerk.languages import LANGUAGE_CHOICES
from netwerk.validators import HAPPENED
from participants.models import Consent

from .models import Referral, ReferralMessage, ReferralStep
from .selectors.inbox import DeclineReason

NOTE_HELP = _(
    "Short, and nothing about the participant beyond what was shared: the other organisation "
    "reads this."
)
NEW, LINK = "new", "link"


class InboxFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("waiting", _("Waiting for an answer")), *Referral.Status.choices],
    )
    initiative = forms.TypedChoiceField(
        label=_("Initiative"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, initiatives: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].choices = [("", _("All")), *initiatives]


class AcceptForm(forms.Form):
    """Open a new file, or link a file that may be the same person; optionally ask a buddy."""

    choice = forms.ChoiceField(
        label=_("What do you want to do?"),
        widget=forms.RadioSelect,
        choices=[
            (NEW, _("Open a new file")),
            (LINK, _("Link to a file we already have")),
        ],
        initial=NEW,
    )
    link_to = forms.TypedChoiceField(
        label=_("Which file?"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    social_worker = forms.TypedChoiceField(
        label=_("Who takes on the file?"), required=False, coerce=int, empty_value=None
    )
    consent_method = forms.ChoiceField(
        label=_("How did the participant give your organisation consent to a file?"),
        required=False,
        choices=[("", "—"), *Consent.Method.choices],
        help_text=_(
            "Your organisation decides itself what it keeps, so it needs the participant's own "
            "consent. The consent to the referral only allowed the sending. Ask the "
            "participant first (by phone, for example)."
        ),
    )
    consent_given_on = forms.DateField(
        label=_("Consent given on"), required=False, widget=DateInput(), validators=HAPPENED
    )
    buddy_request = forms.BooleanField(
        label=_("Also put a buddy request on the waiting list"),
        required=False,
        help_text=_("Only if the participant also agreed that a buddy gets their contact details."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages the participant speaks"),
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, workers, duplicates, buddy: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["social_worker"].choices = [
            ("", "—"),
            *((m.pk, m.user.get_full_name()) for m in workers),
        ]
        if len(workers) == 1 and not self.initial.get("social_worker"):
            self.initial["social_worker"] = workers[0].pk  # the only one: no need to choose
        self.fields["link_to"].choices = [
            (d.participant.pk, str(d.participant.pk)) for d in duplicates
        ]
        if not duplicates:
            self.fields["choice"].choices = [(NEW, _("Open a new file"))]
        if not buddy:
            del self.fields["buddy_request"]

    def clean(self):
        data = super().clean()
        if data.get("choice") == LINK:
            if not data.get("link_to"):
                self.add_error("link_to", _("Choose the file to link."))
        else:
            if not data.get("social_worker"):
                self.add_error("social_worker", _("Choose who takes on the file."))
            if not data.get("consent_method"):
                self.add_error(
                    "consent_method", _("Say how the participant gave your organisation consent.")
                )
            if data.get("consent_given_on") and data["consent_given_on"] > timezone.localdate():
                self.add_error("consent_given_on", _("Consent cannot be given in the future."))
        return data


class DeclineForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you decline?"), choices=DeclineReason.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Explain in a few words (needed for another reason)"),
        required=False,
        max_length=250,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=NOTE_HELP,
    )

    def clean(self):
        data = super().clean()
        if data.get("reason") == DeclineReason.OTHER and not (data.get("text") or "").strip():
            self.add_error("text", _("Say in a few words why you decline."))
        return data


class StepForm(forms.Form):
    happened_on = forms.DateField(
        label=_("Date"), widget=DateInput(), validators=HAPPENED, initial=timezone.localdate
    )
    note = forms.CharField(
        label=_("Short note (optional)"),
        required=False,
        max_length=ReferralStep._meta.get_field("note").max_length,
        help_text=NOTE_HELP,
    )

    def clean_happened_on(self):
        value = self.cleaned_data["happened_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("This date is in the future."))
        return value


class ThreadForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"),
        max_length=ReferralMessage._meta.get_field("text").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "A short question or answer. Write nothing about the participant beyond what was "
            "shared."
        ),
    )
