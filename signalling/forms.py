"""Forms for the signal pages. They validate input; services apply the rules."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership
from netwerk.forms import DateInput, ModelBoundsMixin, YesNoUnknownField
from workmodels.models import WorkModel
from workmodels.selectors import initiatives_visible_to

from .models import STORY_MAX_LENGTH, Signal, SignalTheme
from .selectors import themes_of

COUNTED_CHOICES = [
    ("unknown", _("Not asked")),
    ("true", _("Yes, count it")),
    ("false", _("No, do not count it")),
]


class SignalForm(ModelBoundsMixin, forms.ModelForm):
    participant_counted = YesNoUnknownField(
        label=_("Does the participant want their experience counted?"),
        help_text=_(
            "Ask the person. “No”: the signal stays in your organisation's list but is not "
            "counted in any figure."
        ),
    )

    class Meta:
        model = Signal
        fields = [
            "theme",
            "occurred_on",
            "municipality",
            "work_model",
            "initiative",
            "story",
            "participant_counted",
        ]
        widgets = {
            "occurred_on": DateInput(),
            "story": forms.Textarea(attrs={"rows": 5}),
        }
        help_texts = {
            "story": _(
                "In your own words, short and without names: what stood in the way? Write “a "
                "young mother” or “a neighbour”, never a name."
            ),
            "municipality": _("Where the barrier was met. A postcode is fine too."),
            "initiative": _("Optional: the initiative from the directory it is about."),
            "work_model": _("Optional: the way of working it is about."),
        }

    def __init__(
        self, *args, membership: Membership, ask_participant: bool = True, **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        themes = themes_of(membership.organisation_id)
        current = self.instance.theme_id if self.instance.pk else None
        self.fields["theme"].queryset = themes.filter(Q(active=True) | Q(pk=current)).order_by(
            "order", "name", "id"
        )
        self.fields["theme"].empty_label = None if self.instance.pk else "—"
        self.fields["initiative"].queryset = initiatives_visible_to(membership).order_by(
            "name", "id"
        )
        self.fields["work_model"].queryset = WorkModel.objects.order_by("order")
        self.fields["story"].max_length = STORY_MAX_LENGTH
        self.fields["story"].widget.attrs["maxlength"] = STORY_MAX_LENGTH
        self.fields["occurred_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["participant_counted"].widget.choices = COUNTED_CHOICES
        if not ask_participant:
            del self.fields["participant_counted"]

    def _post_clean(self):
        # The service validates and saves (themes, names, municipality): not the ModelForm.
        pass


class SignalFilterForm(forms.Form):
    """The list's filters (GET): anything unknown is ignored, never an error page."""

    theme = forms.ModelChoiceField(
        label=_("Theme"), queryset=None, required=False, empty_label=_("All themes")
    )
    municipality = forms.CharField(label=_("Municipality"), max_length=120, required=False)
    quarter = forms.ChoiceField(label=_("Quarter"), required=False)
    work_model = forms.ModelChoiceField(
        label=_("Work model"),
        queryset=WorkModel.objects.order_by("order"),
        required=False,
        empty_label=_("All work models"),
    )

    def __init__(self, *args, membership: Membership, quarters: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = themes_of(membership.organisation_id).order_by(
            "order", "name", "id"
        )
        self.fields["quarter"].choices = [("", _("All quarters")), *((q, q) for q in quarters)]


class SharingForm(forms.Form):
    opted_in = forms.TypedChoiceField(
        label=_("Share the counts of our signals"),
        choices=[("yes", _("Yes, share the counts")), ("no", _("No, share nothing"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    confirm = forms.BooleanField(
        label=_("I have read what is shared and what never is."),
        required=True,
    )


class ThemeForm(ModelBoundsMixin, forms.ModelForm):
    class Meta:
        model = SignalTheme
        fields = ["name", "description", "order", "active"]
        help_texts = {"order": _("Themes are listed from low to high.")}

    def _post_clean(self):
        pass
