"""Forms for the ties between members of a network map and for where a tie came from. They
parse input; the services (participants.services.network_ties) apply the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from netwerk.forms import load_choices
from workmodels.models import WorkModel

from ..models import MemberTie
from ..models.network_parts import TIE_ATTRIBUTES

ORIGIN_FORM_FIELDS = ("origin", "origin_detail", "origin_work_model")


def origin_work_model_field() -> forms.ModelChoiceField:
    field = forms.ModelChoiceField(
        label=_("Work model that created the tie"),
        queryset=WorkModel.objects.order_by("order"),
        required=False,
        help_text=_("Optional. Filled in from where they met when you leave it empty."),
    )
    load_choices(field)
    return field


class OriginMixin:
    """Adds the work model that created a tie. Left empty, the service takes the one where
    they met belongs to (a group: peer support; the buddy: buddy work)."""

    def add_origin_work_model(self) -> None:
        self.fields["origin_work_model"] = origin_work_model_field()

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("origin_work_model") is None:
            cleaned_data.pop("origin_work_model", None)
        return cleaned_data


class TieEditForm(OriginMixin, forms.ModelForm):
    """How well two members know each other, a tension, and where their tie came from. The
    two ends never change: remove the tie and add another."""

    class Meta:
        model = MemberTie
        fields = [*TIE_ATTRIBUTES, "origin", "origin_detail"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_origin_work_model()
        self.fields["strength"].widget = forms.RadioSelect(choices=self.fields["strength"].choices)

    def service_data(self) -> dict:
        return dict(self.cleaned_data)


class TieForm(TieEditForm):
    """A new tie: the two members (from the members the page loaded: no query of its own)."""

    field_order = ["member_a", "member_b"]

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "---------")] + [(m.pk, m.label) for m in members]
        self.fields["member_a"] = forms.TypedChoiceField(
            label=_("Who"), choices=choices, coerce=int
        )
        self.fields["member_b"] = forms.TypedChoiceField(
            label=_("knows"), choices=choices, coerce=int
        )
        self.order_fields(["member_a", "member_b", *TIE_ATTRIBUTES, *ORIGIN_FORM_FIELDS])
        self.initial.setdefault("strength", "weak")

    def _get_validation_exclusions(self):
        # The ends are checked by the service (same map, two different people, once).
        return super()._get_validation_exclusions() | {"member_a", "member_b"}
