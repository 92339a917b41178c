"""Forms for the group pages. They validate input; services apply the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from netwerk.forms import DateInput, ModelBoundsMixin
from netwerk.validators import HAPPENED, between
from participants.models.network import Sector
from workmodels.selectors import initiatives_visible_to

from .models import Group, GroupSession, MetHereTie, VolunteerPlacement
from .models.ties import TIE_SECTORS
from .selectors.access import facilitator_choices
from .services.groups import MAX_REACHED


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class GroupForm(ModelBoundsMixin, forms.ModelForm):
    facilitators = forms.ModelMultipleChoiceField(
        label=_("Facilitators"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Staff or volunteers of the organisation who run the group."),
    )

    class Meta:
        model = Group
        fields = [
            "name",
            "kind",
            "work_model",
            "initiative",
            "initiative_name",
            "facilitators",
            "place",
            "online",
            "language",
            "starts_on",
            "ends_on",
            "capacity",
            "completion_threshold",
            "completion_percent",
            "reached_without_file",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, membership, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitators"].queryset = facilitator_choices(membership.organisation_id)
        self.fields["initiative"].queryset = initiatives_visible_to(membership)
        self.fields["initiative_name"].help_text = _(
            "The initiative's name, when it is not in the directory."
        )
        self.fields["facilitators"].label_from_instance = lambda user: user.get_full_name()
        self.fields["reached_without_file"].max_value = MAX_REACHED
        self.fields["reached_without_file"].widget.attrs["max"] = MAX_REACHED

    def _post_clean(self):
        # The service validates and saves (capacity, dates, facilitators): not the ModelForm.
        pass


class MemberAddForm(forms.Form):
    participant = forms.ModelChoiceField(label=_("Participant"), queryset=None)
    joined_on = forms.DateField(
        label=_("Joined on"),
        widget=DateInput(),
        required=False,
        validators=HAPPENED,
        help_text=_("Empty: today, or the first day of a course that has not started yet."),
    )

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participants
        self.fields["participant"].label_from_instance = lambda p: p.display_name


class SessionForm(ModelBoundsMixin, forms.ModelForm):
    class Meta:
        model = GroupSession
        fields = ["date", "starts_at", "ends_at", "topic"]
        widgets = {"date": DateInput(), "starts_at": TimeInput(), "ends_at": TimeInput()}

    def _post_clean(self):
        pass


class AttendanceForm(forms.Form):
    """Without JavaScript: the checkboxes and the number, saved at once."""

    present = forms.TypedMultipleChoiceField(
        label=_("Present"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    extra_attendees = forms.IntegerField(
        label=_("Extra attendees without a file"),
        min_value=0,
        initial=0,
        validators=between(0, 1000),
    )

    def __init__(self, *args, sheet, **kwargs):
        super().__init__(*args, **kwargs)
        # Any whole number passes here: the service says clearly who is not a member.
        self.fields["present"].choices = [(m.pk, m.pk) for m in sheet]
        self.fields["present"].valid_value = lambda value: True


class TieForm(forms.Form):
    member = forms.TypedChoiceField(label=_("Participant"), coerce=int)
    label = forms.CharField(
        label=_("Who they met"),
        max_length=100,
        help_text=_("A first name or a role, e.g. “Fatima from the group”."),
    )
    sector = forms.ChoiceField(
        label=_("Sector"), choices=[(s.value, s.label) for s in TIE_SECTORS], initial=Sector.PEERS
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].choices = [(m.pk, m.participant.short_name) for m in members]


class PlacementForm(ModelBoundsMixin, forms.ModelForm):
    class Meta:
        model = VolunteerPlacement
        fields = ["where", "what", "since", "ended_on", "hours", "per", "contact_person", "status"]
        widgets = {"since": DateInput(), "ended_on": DateInput()}

    def _post_clean(self):
        pass


TIE_STATUS = MetHereTie.Status
