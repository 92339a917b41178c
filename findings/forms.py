"""Forms for focus groups, quotes, findings, and choosing a model with the participant."""

from django import forms
from django.utils.translation import gettext_lazy as _

from netwerk.forms import DateInput
from netwerk.languages import LANGUAGE_CHOICES
from netwerk.validators import HAPPENED
from workmodels.models import Initiative, WorkModel

from .models import QUOTE_MAX_LENGTH, Finding, FocusGroup, SpeakerKind


class FocusGroupForm(forms.ModelForm):
    class Meta:
        model = FocusGroup
        fields = ["held_on", "kind", "people", "facilitator", "place"]
        widgets = {"held_on": DateInput()}


class QuoteForm(forms.Form):
    text = forms.CharField(
        label=_("Quote"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Anonymised: no names, places or details that identify anyone."),
    )
    speaker_kind = forms.ChoiceField(label=_("Speaker"), choices=SpeakerKind.choices)

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        if len(text) > QUOTE_MAX_LENGTH:
            raise forms.ValidationError(
                _("A quote can be at most %(max)s characters long (this one has %(count)s).")
                % {"max": QUOTE_MAX_LENGTH, "count": len(text)}
            )
        return text


class FindingForm(forms.ModelForm):
    work_model = forms.ModelChoiceField(
        label=_("Work model"),
        queryset=WorkModel.objects.order_by("order"),
        required=False,
        empty_label=_("General (every model)"),
    )

    class Meta:
        model = Finding
        fields = ["work_model", "kind", "statement_nl", "statement_en", "source"]
        widgets = {
            "statement_nl": forms.Textarea(attrs={"rows": 3}),
            "statement_en": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "kind": {
                "required": _(
                    "Say what kind of finding this is: a strength, a weakness, a "
                    "precondition or an attention point."
                )
            }
        }


class CodeQuoteForm(forms.Form):
    finding = forms.ModelChoiceField(label=_("Finding"), queryset=Finding.objects.none())

    def __init__(self, *args, findings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["finding"].queryset = findings if findings is not None else Finding.objects
        self.fields["finding"].label_from_instance = _finding_label


def _finding_label(finding: Finding) -> str:
    # Outside an f-string: xgettext does not see a translatable string inside one.
    model = finding.work_model.name if finding.work_model else _("General")
    return f"{model} · {finding.get_kind_display()} · {finding.statement[:80]}"


class ChooseFilterForm(forms.Form):
    language = forms.ChoiceField(
        label=_("Language of the initiative"),
        choices=[("", _("One of the participant's languages")), *LANGUAGE_CHOICES],
        required=False,
    )
    work_model = forms.ChoiceField(label=_("Work model"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_model"].choices = [("", _("Any work model"))] + [
            (model.code, model.name) for model in WorkModel.objects.order_by("order")
        ]


class ChooseForm(forms.Form):
    work_model = forms.ModelChoiceField(
        label=_("The work model the participant chooses"),
        queryset=WorkModel.objects.order_by("order"),
        widget=forms.RadioSelect,
    )
    initiative = forms.ModelChoiceField(
        label=_("Initiative"),
        queryset=Initiative.objects.none(),
        required=False,
        empty_label=_("No initiative from the directory (yet)"),
    )
    motivation = forms.CharField(
        label=_("Why the participant chooses it, in their own words"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    started_on = forms.DateField(label=_("Start"), widget=DateInput(), validators=HAPPENED)

    def __init__(self, *args, initiatives=None, **kwargs):
        super().__init__(*args, **kwargs)
        if initiatives is not None:
            self.fields["initiative"].queryset = initiatives

    def clean(self):
        cleaned = super().clean()
        initiative, model = cleaned.get("initiative"), cleaned.get("work_model")
        if initiative and model and model not in initiative.work_models.all():
            self.add_error("initiative", _("This initiative does not offer the chosen work model."))
        return cleaned
