"""Forms: composing a message, an organisation template, a person's contact preference."""

from django import forms
from django.utils.translation import gettext_lazy as _

from netwerk.forms import DateInput, ModelBoundsMixin
from netwerk.validators import PLANNED
from notifications.models import Message

from .models import MessageTemplate
from .reach import AUTO, SEND_CHANNELS

CHANNEL_CHOICES = [
    (AUTO, _("The way each person prefers")),
    *[(code, Message.Channel(code).label) for code in SEND_CHANNELS],
]
PREFERENCE_CHOICES = [
    ("", _("No preference")),
    *[(c, Message.Channel(c).label) for c in SEND_CHANNELS],
]


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class ComposeForm(forms.Form):
    batch = forms.CharField(widget=forms.HiddenInput, max_length=32)
    template = forms.ModelChoiceField(
        label=_("Template"),
        queryset=MessageTemplate.objects.none(),
        required=False,
        empty_label=_("No template: write your own text"),
    )
    channel = forms.ChoiceField(label=_("Send by"), choices=CHANNEL_CHOICES, initial=AUTO)
    subject = forms.CharField(
        label=_("Subject (e-mail and letter)"), max_length=120, required=False
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Leave empty to use the template's text. Placeholders such as {voornaam} "
            "are filled in for each person."
        ),
    )
    date = forms.DateField(label=_("Date"), required=False, widget=DateInput(), validators=PLANNED)
    time = forms.TimeField(label=_("Time"), required=False, widget=TimeInput())
    place = forms.CharField(label=_("Place"), max_length=120, required=False)

    def __init__(self, *args, organisation_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = MessageTemplate.objects.filter(
            organisation_id=organisation_id, active=True
        )

    def texts(self) -> tuple[str, str]:
        """(subject, body): what was typed, else the template's."""
        data = self.cleaned_data
        template = data.get("template")
        body = data.get("body") or (template.body if template else "")
        subject = data.get("subject") or (template.subject if template else "")
        return subject, body


class TemplateForm(ModelBoundsMixin, forms.ModelForm):
    class Meta:
        model = MessageTemplate
        fields = ["name", "subject", "body", "active"]
        widgets = {"body": forms.Textarea(attrs={"rows": 4})}

    def validate_unique(self):
        """The service checks uniqueness."""


class PreferenceForm(forms.Form):
    channel = forms.ChoiceField(
        label=_("Preferred way to be reached"), choices=PREFERENCE_CHOICES, required=False
    )
    quiet_from = forms.TimeField(label=_("No messages from"), required=False, widget=TimeInput())
    quiet_until = forms.TimeField(label=_("No messages until"), required=False, widget=TimeInput())

    def clean(self):
        data = super().clean()
        if (data.get("quiet_from") is None) != (data.get("quiet_until") is None):
            self.add_error("quiet_until", _("Give both the start and the end of the quiet hours."))
        return data
