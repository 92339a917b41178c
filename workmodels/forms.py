"""Forms for the work model pages and the directory. They validate input; services apply rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from netwerk.forms import DateInput
from netwerk.imports import SpreadsheetUploadForm
from netwerk.languages import LANGUAGE_CHOICES

from .models import Initiative, WorkModel, WorkModelAddition


class AdditionForm(forms.ModelForm):
    class Meta:
        model = WorkModelAddition
        fields = ["methods", "suits", "notes"]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields}


class InitiativeForm(forms.ModelForm):
    work_models = forms.ModelMultipleChoiceField(
        label=_("Work models"),
        queryset=WorkModel.objects.order_by("order"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one work model the initiative offers.")},
    )
    municipalities_text = forms.CharField(
        label=_("Municipalities served"),
        required=False,
        help_text=_("Separate them with commas, for example Gent, Merelbeke."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGE_CHOICES, required=False
    )

    class Meta:
        model = Initiative
        fields = [
            "name",
            "provider",
            "work_models",
            "area",
            "target_groups",
            "languages",
            "delivery",
            "cost",
            "sign_up",
            "contact",
            "contact_email",
            "run_by",
            "accessibility",
            "last_checked_on",
            "shared",
        ]
        widgets = {"last_checked_on": DateInput()}

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        run_by = self.fields["run_by"]
        run_by.queryset = Organisation.objects.filter(pk=organisation.pk)
        run_by.empty_label = _("Not on Netwerk")
        run_by.help_text = _(
            "Choose your organisation when you run it yourself: referrals then arrive in your "
            "inbox. Does another organisation on Netwerk run it? Then it adds the initiative "
            "to the directory itself."
        )
        if self.instance.pk:
            self.initial["municipalities_text"] = ", ".join(self.instance.municipalities)
        order = list(self.fields)
        order.insert(order.index("area"), order.pop(order.index("municipalities_text")))
        self.order_fields(order)

    def service_data(self) -> dict:
        data = {
            key: value
            for key, value in self.cleaned_data.items()
            if key not in ("work_models", "municipalities_text")
        }
        data["municipalities"] = [
            name.strip()
            for name in self.cleaned_data.get("municipalities_text", "").split(",")
            if name.strip()
        ]
        return data


DELIVERY_FILTERS = [
    ("", _("On site or digital")),
    ("on_site", _("On site")),
    ("digital", _("Digital")),
]


class DirectoryFilterForm(forms.Form):
    text = forms.CharField(label=_("Search"), required=False)
    work_model = forms.ChoiceField(label=_("Work model"), required=False)
    municipality = forms.CharField(label=_("Municipality"), required=False)
    language = forms.ChoiceField(
        label=_("Language"), choices=[("", _("Any language")), *LANGUAGE_CHOICES], required=False
    )
    delivery = forms.ChoiceField(label=_("Offer"), choices=DELIVERY_FILTERS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["work_model"].choices = [("", _("Any work model"))] + [
            (model.code, model.name) for model in WorkModel.objects.order_by("order")
        ]


class UploadForm(SpreadsheetUploadForm):
    help_text = _("One initiative per row, column names in the first row. At most 2 MB.")
