"""Forms for the participant file pages. They validate input; services apply the rules."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from netwerk.forms import DateInput, YesNoUnknownField, load_choices
from netwerk.languages import LANGUAGE_CHOICES
from netwerk.validators import HAPPENED, PLANNED
from workmodels.models import WorkModel
from workmodels.selectors import initiatives_visible_to

from .models import (
    SPECIAL_CATEGORY_FIELDS,
    Consent,
    Goal,
    Intervention,
    NetworkMember,
    Participant,
    Trajectory,
)
from .reminders import default_consent_expiry


class ParticipantForm(forms.ModelForm):
    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"), choices=LANGUAGE_CHOICES, required=False
    )
    has_smartphone = YesNoUnknownField(label=_("Has a smartphone"))
    internet_at_home = YesNoUnknownField(label=_("Internet at home"))

    class Meta:
        model = Participant
        fields = [
            "first_name",
            "last_name",
            "preferred_name",
            "phone",
            "email",
            "address",
            "preferred_channel",
            "birth_year",
            "gender",
            "languages",
            "municipality",
            "postcode",
            "household",
            "has_smartphone",
            "internet_at_home",
            "digital_comfort",
            "migration_background",
            "health_remarks",
            "status",
            "closed_reason",
        ]
        widgets = {"health_remarks": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, show_special_categories: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_special_categories:
            for name in SPECIAL_CATEGORY_FIELDS:
                del self.fields[name]

    def validate_unique(self):
        """Uniqueness is the service's business; this form never saves."""


class ParticipantCreateForm(ParticipantForm):
    file_consent = forms.ChoiceField(
        label=_("Consent to keep a file"),
        choices=[("", _("Not yet (intake only)")), *Consent.Method.choices],
        required=False,
        help_text=_("Discuss with the participant what is written down and why."),
    )

    # Shown only when the file looks like one that exists already (selectors.duplicates).
    create_anyway = forms.BooleanField(
        label=_("This is someone else: create a new file anyway"), required=False
    )

    class Meta(ParticipantForm.Meta):
        fields = [f for f in ParticipantForm.Meta.fields if f not in ("status", "closed_reason")]


class ConsentForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=Consent.Purpose.choices)
    given_on = forms.DateField(
        label=_("Given on"), widget=DateInput(), initial=timezone.localdate, validators=HAPPENED
    )
    method = forms.ChoiceField(label=_("How"), choices=Consent.Method.choices)
    expires_on = forms.DateField(
        label=_("Valid until"),
        widget=DateInput(),
        required=False,
        help_text=_(
            "Filled in from your organisation's default validity. Empty: no expiry date. To "
            "renew a consent, record it again."
        ),
        validators=PLANNED,
    )

    def __init__(self, *args, organisation_id: int | None = None, **kwargs):
        """`organisation_id` prefills the expiry date with the organisation's default validity
        (one query) on a blank form."""
        super().__init__(*args, **kwargs)
        if organisation_id is not None and not self.is_bound:
            self.initial.setdefault(
                "expires_on", default_consent_expiry(organisation_id, timezone.localdate())
            )

    def clean(self):
        data = super().clean()
        given_on, expires_on = data.get("given_on"), data.get("expires_on")
        if given_on and expires_on and expires_on < given_on:
            self.add_error("expires_on", _("A consent cannot expire before the day it was given."))
        return data


class TrajectoryForm(forms.ModelForm):
    work_model = forms.ModelChoiceField(
        label=_("Work model"), queryset=WorkModel.objects.order_by("order")
    )

    class Meta:
        model = Trajectory
        fields = [
            "work_model",
            "motivation",
            "initiative",
            "initiative_name",
            "started_on",
            "ended_on",
            "status",
        ]
        widgets = {
            "started_on": DateInput(),
            "ended_on": DateInput(),
            "motivation": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, membership=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["initiative"].queryset = initiatives_visible_to(membership).order_by("name")
        self.fields["initiative_name"].help_text = _(
            "Only when the initiative is not in the directory."
        )


class GoalForm(forms.ModelForm):
    work_model = forms.ModelChoiceField(
        label=_("Work model"), queryset=WorkModel.objects.order_by("order")
    )

    class Meta:
        model = Goal
        fields = ["description", "work_model", "status"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class GoalNoteForm(forms.Form):
    date = forms.DateField(
        label=_("Date"), widget=DateInput(), initial=timezone.localdate, validators=HAPPENED
    )
    text = forms.CharField(label=_("Progress"), widget=forms.Textarea(attrs={"rows": 2}))


class InterventionForm(forms.ModelForm):
    work_model = forms.ModelChoiceField(
        label=_("Work model"), queryset=WorkModel.objects.order_by("order")
    )
    took_part = forms.MultipleChoiceField(
        label=_("Who took part"),
        choices=Intervention.TookPart.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    network_people = forms.MultipleChoiceField(
        label=_("Who from the network"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("The people on the network map who were there."),
    )

    class Meta:
        model = Intervention
        fields = [
            "date",
            "duration_minutes",
            "work_model",
            "kind",
            "took_part",
            "network_people",
            "summary",
            "goal",
            "follow_up_on",
        ]
        widgets = {
            "date": DateInput(),
            "follow_up_on": DateInput(),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, participant: Participant, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = Goal.objects.filter(participant=participant).order_by(
            "-created_at"
        )
        # Today's map, plus names saved earlier of people who have left it since.
        names = list(
            NetworkMember.objects.filter(participant=participant).values_list("label", flat=True)
        )
        saved = self.initial.get("network_people") or []
        names = list(dict.fromkeys(names + list(saved)))
        if names:
            self.fields["network_people"].choices = [(name, name) for name in names]
        else:
            del self.fields["network_people"]
        self.fields["duration_minutes"].widget.attrs.update({"min": 1, "max": 1440})
        load_choices(self.fields["work_model"])


class CaseloadFilterForm(forms.Form):
    SORTS = [
        ("name", _("Name")),
        ("-last_intervention", _("Last intervention, newest first")),
        ("last_intervention", _("Last intervention, oldest first")),
        ("next_follow_up", _("Next follow-up")),
        ("status", _("Status")),
    ]
    q = forms.CharField(label=_("Name or reference"), required=False)
    scope = forms.ChoiceField(
        label=_("Whose participants"),
        choices=[("mine", _("My participants")), ("team", _("The whole team"))],
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Participant.Status.choices], required=False
    )
    work_model = forms.ModelChoiceField(
        label=_("Work model"),
        queryset=WorkModel.objects.order_by("order"),
        to_field_name="code",
        required=False,
        empty_label=_("All"),
    )
    follow_up_due = forms.BooleanField(label=_("Follow-up due"), required=False)
    no_contact_days = forms.IntegerField(
        label=_("No contact for at least (days)"), min_value=1, max_value=3650, required=False
    )
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)
