"""Forms of the network pages. They parse input; the services apply the rules."""

from django import forms
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from netwerk.forms import DateInput
from netwerk.validators import HAPPENED

from ..models import Agreement, FamilyPlan, Instrument, NetworkMember, NetworkSnapshot
from ..models.network import MEMBER_ATTRIBUTES, Support
from .network_tie_forms import OriginMixin


class MemberForm(OriginMixin, forms.ModelForm):
    support = forms.MultipleChoiceField(
        label=_("Support given"),
        choices=Support.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = NetworkMember
        fields = [*MEMBER_ATTRIBUTES, "origin", "origin_detail"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_origin_work_model()


class SnapshotForm(forms.Form):
    taken_on = forms.DateField(
        label=_("Date"), widget=DateInput(), initial=timezone.localdate, validators=HAPPENED
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=NetworkSnapshot.Kind.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class CompareForm(forms.Form):
    before = forms.TypedChoiceField(label=_("Before"), coerce=int)
    after = forms.TypedChoiceField(label=_("After"), coerce=int)

    def __init__(self, *args, snapshots, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [
            (s.pk, f"{date_format(s.taken_on, 'SHORT_DATE_FORMAT')} · {s.get_kind_display()}")
            for s in snapshots
        ]
        self.fields["before"].choices = choices
        self.fields["after"].choices = choices
        if len(snapshots) >= 2:
            self.fields["before"].initial = snapshots[-2].pk
            self.fields["after"].initial = snapshots[-1].pk


def _text(value: dict) -> str:
    return value.get(translation.get_language() or "nl") or value.get("nl", "")


class MeasurementForm(forms.Form):
    """One radio group per item of the instrument definition; an unanswered item is missing."""

    taken_on = forms.DateField(
        label=_("Date"), widget=DateInput(), initial=timezone.localdate, validators=HAPPENED
    )

    def __init__(self, *args, instrument: Instrument, **kwargs):
        super().__init__(*args, **kwargs)
        definition = instrument.definition
        option_sets = {s["code"]: s["options"] for s in definition["answer_option_sets"]}
        subscales = definition.get("subscales", [])
        prompts = {s["code"]: _text(s["prompt"]) for s in subscales if "prompt" in s}
        self.item_codes = []
        for item in sorted(definition["items"], key=lambda item: item["order"]):
            options = option_sets[item["options"]]
            self.fields[f"item_{item['code']}"] = forms.ChoiceField(
                label=f"{item['order']}. {_text(item['text'])}",
                choices=[(o["code"], _text(o["label"])) for o in options],
                widget=forms.RadioSelect,
                required=False,
                help_text=prompts.pop(item.get("subscale"), ""),
            )
            self.item_codes.append(item["code"])

    def answers(self) -> dict[str, str | None]:
        return {code: self.cleaned_data.get(f"item_{code}") or None for code in self.item_codes}


class FamilyPlanForm(forms.ModelForm):
    class Meta:
        model = FamilyPlan
        fields = ["kind", "held_on", "evaluation_on", "evaluated_on", "fallback"]
        widgets = {
            "held_on": DateInput(),
            "evaluation_on": DateInput(),
            "evaluated_on": DateInput(),
            "fallback": forms.Textarea(attrs={"rows": 3}),
        }


class AgreementForm(forms.ModelForm):
    class Meta:
        model = Agreement
        fields = ["what", "member", "carried_by", "due_on", "status", "note"]
        widgets = {"due_on": DateInput()}

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        # Choices from the members the page loaded already: no query of its own.
        self.fields["member"] = forms.TypedChoiceField(
            label=_("Carried by (network member)"),
            choices=[("", "---------")] + [(m.pk, m.label) for m in members],
            coerce=int,
            required=False,
            empty_value=None,
        )
        self._members = {m.pk: m for m in members}

    def clean_member(self):
        value = self.cleaned_data.get("member")
        return self._members.get(value) if value is not None else None
