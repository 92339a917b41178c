"""Forms for the buddy pages. They only parse input; the services decide and save."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Role, User
from netwerk import postcodes
from netwerk.forms import DateInput, fields_for_model
from netwerk.languages import LANGUAGE_CHOICES
from netwerk.validators import HAPPENED, PLANNED

from .availability import SLOT_CHOICES, grid, mask_to_values, slots_to_mask
from .models import BuddyRequest, BuddySettings, CheckIn, InterestTag, Match, Volunteer
from .models.match import HowItWent


def _date_widgets(fields: dict) -> dict:
    for field in fields.values():
        if isinstance(field, forms.DateField):
            field.widget = DateInput()
    return fields


class AvailabilityField(forms.MultipleChoiceField):
    """The weekly grid: checkboxes named "wed_afternoon"; cleans to the 21-bit mask."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Availability"))
        super().__init__(choices=SLOT_CHOICES, **kwargs)

    def prepare_value(self, value):
        return mask_to_values(value) if isinstance(value, int) else value

    def clean(self, value):
        values = super().clean(value)
        try:
            return slots_to_mask(values)
        except forms.ValidationError as error:
            raise forms.ValidationError(error.message_dict["availability"]) from None


class GridMixin:
    """The availability grid for the template, from the input or the initial mask."""

    def availability_grid(self):
        field = self["availability"]
        value = field.value() or []
        mask = value if isinstance(value, int) else slots_to_mask_lenient(value)
        return grid(mask)


def slots_to_mask_lenient(values) -> int:
    try:
        return slots_to_mask(values)
    except forms.ValidationError:
        return 0


class OrganisationTagsMixin:
    def limit_tags(self, organisation_id: int) -> None:
        self.fields["interests"] = forms.ModelMultipleChoiceField(
            InterestTag.objects.filter(organisation_id=organisation_id),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=_("Interests"),
        )


PROFILE_FIELDS = [
    "first_name",
    "last_name",
    "email",
    "phone",
    "status",
    "languages",
    "municipality",
    "postcode",
    "max_km",
    "capacity",
    "gender",
    "birth_year",
    "lived_experience",
    "intake_on",
    "screening_kind",
    "screening_issued_on",
    "training_sessions",
    "agreement_signed_on",
]


class PostcodeMixin:
    """The postcode is where distances come from: known Belgian postcodes only, said at once."""

    def postcode_help(self) -> None:
        self.fields["postcode"].help_text = _(
            "Four digits, such as 9000. Distances are counted from the postcode."
        )

    def clean_postcode(self) -> str:
        postcode = postcodes.normalise(self.cleaned_data.get("postcode"))
        try:
            postcodes.check_postcode(postcode)
        except ValidationError as error:
            raise ValidationError(error.message_dict["postcode"]) from error
        return postcode


class VolunteerForm(PostcodeMixin, GridMixin, OrganisationTagsMixin, forms.Form):
    """The coordinator's profile form. On a new profile: optionally an existing log-in of a
    person with the volunteer role, or an invitation to log in (most volunteers need neither)."""

    def __init__(self, *args, organisation_id: int, with_user: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_date_widgets(fields_for_model(Volunteer, fields=PROFILE_FIELDS)))
        self.fields["first_name"].help_text = _("Needed when the volunteer has no log-in.")
        if with_user:
            fields = list(self.fields.items())
            accounts = (
                User.objects.filter(
                    memberships__organisation_id=organisation_id,
                    memberships__role=Role.VOLUNTEER,
                    memberships__is_active=True,
                )
                .exclude(volunteer_profiles__organisation_id=organisation_id)
                .order_by("full_name", "email")
            )
            extra = {
                "user": forms.ModelChoiceField(
                    accounts,
                    required=False,
                    label=_("Already has a log-in (optional)"),
                    empty_label=_("No log-in"),
                    help_text=_("People with the volunteer role who have no profile yet."),
                ),
                "invite": forms.BooleanField(
                    required=False,
                    label=_("Send an invitation to log in to this e-mail address"),
                    help_text=_(
                        "Only for volunteers who will use the app. You can also invite them "
                        "later, or never."
                    ),
                ),
            }
            self.fields.clear()
            self.fields.update(fields[:4] + list(extra.items()) + fields[4:])
        self.fields["languages"] = forms.MultipleChoiceField(
            choices=LANGUAGE_CHOICES,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=_("Languages"),
        )
        self.fields["availability"] = AvailabilityField(required=False)
        self.limit_tags(organisation_id)
        self.postcode_help()


class OwnProfileForm(GridMixin, forms.Form):
    availability = AvailabilityField(required=False)
    max_km = fields_for_model(Volunteer, fields=["max_km"])["max_km"]
    phone = fields_for_model(Volunteer, fields=["phone"])["phone"]


REQUEST_FIELDS = [
    "gender_wish",
    "min_age",
    "max_age",
    "wants_lived_experience",
    "municipality",
    "postcode",
    "note",
]


class BuddyRequestForm(PostcodeMixin, GridMixin, OrganisationTagsMixin, forms.Form):
    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["languages"] = forms.MultipleChoiceField(
            choices=LANGUAGE_CHOICES,
            widget=forms.CheckboxSelectMultiple,
            label=_("Languages the participant speaks"),
        )
        self.fields["availability"] = AvailabilityField(label=_("When the participant is free"))
        self.fields.update(fields_for_model(BuddyRequest, fields=REQUEST_FIELDS))
        self.limit_tags(organisation_id)
        self.postcode_help()


class ProposeForm(forms.Form):
    volunteer = forms.IntegerField(widget=forms.HiddenInput)


class SetAsideForm(forms.Form):
    volunteer = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Why not this volunteer?"), max_length=500)


class PlanIntroForm(forms.Form):
    intro_at = forms.DateTimeField(
        label=_("Date and time of the introduction"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        validators=PLANNED,
    )
    intro_place = forms.CharField(label=_("Place"), max_length=200)


class ActivateForm(forms.Form):
    started_on = forms.DateField(
        label=_("Started on"), widget=DateInput(), required=False, validators=HAPPENED
    )


class StartClosingForm(forms.Form):
    note = forms.CharField(
        label=_("Why is the match ending? (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ResumeForm(forms.Form):
    note = forms.CharField(
        label=_("Why does it go on? (optional)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class CloseForm(forms.Form):
    closed_on = forms.DateField(
        label=_("Closed on"), widget=DateInput(), required=False, validators=HAPPENED
    )
    close_reason = forms.ChoiceField(label=_("Reason"), choices=Match.CloseReason.choices)
    ended_badly = forms.BooleanField(
        label=_("Ended badly: never propose this pair again"), required=False
    )
    evaluation_volunteer = forms.CharField(
        label=_("Evaluation by the volunteer"), widget=forms.Textarea(attrs={"rows": 3})
    )
    evaluation_participant = forms.CharField(
        label=_("Evaluation by the participant (through the social worker)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DeclineForm(forms.Form):
    side = forms.ChoiceField(label=_("Who declined"), choices=Match.Side.choices)
    reason = forms.CharField(label=_("Why"), max_length=500)


class AgreementsForm(forms.Form):
    agreements = forms.CharField(
        label=_("Practical agreements"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    next_meeting_on = forms.DateField(
        label=_("Next meeting"), widget=DateInput(), required=False, validators=PLANNED
    )


class CheckInForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(
            _date_widgets(
                fields_for_model(
                    CheckIn, fields=["date", "volunteer_side", "participant_side", "notes"]
                )
            )
        )
        self.fields["date"].initial = timezone.localdate
        self.fields["notes"].widget.attrs["rows"] = 3


class ContactLogForm(forms.Form):
    """Two taps: everything has a sensible default, so "Save" is enough."""

    date = forms.DateField(
        label=_("Date"), widget=DateInput(), initial=timezone.localdate, validators=HAPPENED
    )
    duration_minutes = forms.TypedChoiceField(
        label=_("How long"),
        coerce=int,
        initial=60,
        choices=[
            (30, _("half an hour")),
            (60, _("an hour")),
            (120, _("two hours")),
            (180, _("longer")),
        ],
        widget=forms.RadioSelect,
    )
    how_it_went = forms.ChoiceField(
        label=_("How it went"),
        choices=HowItWent.choices,
        initial=HowItWent.GOOD,
        widget=forms.RadioSelect,
    )
    what_we_did = forms.CharField(label=_("What we did"), max_length=200, required=False)
    worried = forms.BooleanField(label=_("I am worried"), required=False)
    worry_note = forms.CharField(
        label=_(
            "What worries you? Your coordinator and the participant's social worker read this."
        ),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    next_meeting_on = forms.DateField(
        label=_("Next meeting"), widget=DateInput(), required=False, validators=PLANNED
    )
    # Made by the phone's script (static/js/offline.js); empty without JavaScript.
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)


class WorryForm(forms.Form):
    """A worry on its own, between two meetings: it reaches the coordinator and the
    participant's social worker like the worry on a contact log."""

    worry_note = forms.CharField(
        label=_(
            "What worries you? Your coordinator and the participant's social worker read this."
        ),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    client_id = forms.UUIDField(required=False, widget=forms.HiddenInput)


class BuddySettingsForm(forms.ModelForm):
    class Meta:
        model = BuddySettings
        fields = [
            "screening_valid_months",
            "training_sessions_required",
            "weight_interests",
            "weight_availability",
            "weight_distance",
            "weight_age",
            "weight_lived_experience",
            "weight_waiting",
        ]


class InterestTagForm(forms.Form):
    name = forms.CharField(label=_("New interest"), max_length=60)


class InterestRenameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=60)
