"""Forms for flags. They parse input; the services decide and save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from netwerk.forms import load_choices

from .models import REASON_MAX_LENGTH, TEXT_MAX_LENGTH, FlagKind
from .selectors import flag_kinds_for


class FlagKindChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: FlagKind) -> str:
        return obj.label


class FlagForm(forms.Form):
    kind = FlagKindChoice(label=_("Kind"), queryset=FlagKind.objects.none())
    text = forms.CharField(
        label=_("What others must know"),
        help_text=_(
            "A few words, without more than needed. Everyone who may see the file reads it."
        ),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    pass_on_to_volunteer = forms.BooleanField(label=_("Pass on to the volunteer"), required=False)
    volunteer_text = forms.CharField(
        label=_("What the volunteer reads"),
        help_text=_("Only this text, never the text above."),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, organisation_id: int, may_pass_on: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].queryset = flag_kinds_for(organisation_id)
        load_choices(self.fields["kind"])
        if not may_pass_on:
            del self.fields["pass_on_to_volunteer"]
            del self.fields["volunteer_text"]


class PassOnForm(forms.Form):
    pass_on_to_volunteer = forms.BooleanField(label=_("Pass on to the volunteer"), required=False)
    volunteer_text = forms.CharField(
        label=_("What the volunteer reads"),
        help_text=_("Only this text, never the flag's own text."),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class EndRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the flag can end"),
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
