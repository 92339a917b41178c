"""The signals report's choice of municipality and period (whole quarters)."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .report import CHOOSABLE_QUARTERS, MAX_QUARTERS, Scope, quarter_label, quarters_back


class ReportForm(forms.Form):
    municipality = forms.ChoiceField(label=gettext_lazy("Municipality"), required=False)
    # Either left out: the default report's (the last eight quarters).
    first = forms.ChoiceField(label=gettext_lazy("From quarter"), required=False)
    last = forms.ChoiceField(label=gettext_lazy("Up to quarter"), required=False)

    def __init__(
        self, *args, municipalities: list[str], today: datetime.date | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        quarters = quarters_back(today or timezone.localdate(), CHOOSABLE_QUARTERS)
        choices = [(quarter, quarter_label(quarter)) for quarter in reversed(quarters)]
        self.fields["first"].choices = choices
        self.fields["last"].choices = choices
        self.default = Scope.default("", today)
        self.fields["municipality"].choices = [("", _("All municipalities"))] + [
            (name, name) for name in municipalities
        ]

    def clean(self):
        data = super().clean()
        first = data.get("first") or self.default.first
        last = data.get("last") or self.default.last
        data["first"], data["last"] = first, last
        if first and last:
            scope = Scope("", first, last)
            if scope.start > scope.end:
                raise forms.ValidationError(_("The first quarter comes before the last one."))
            if len(scope.quarters) > MAX_QUARTERS:
                raise forms.ValidationError(
                    _("Choose at most %(n)s quarters.") % {"n": MAX_QUARTERS}
                )
        return data

    def scope(self) -> Scope:
        data = self.cleaned_data
        return Scope(data.get("municipality") or "", data["first"], data["last"])
