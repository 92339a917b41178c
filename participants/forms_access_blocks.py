"""The form of the "block access" page (org admins)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User

from .models import AccessBlock
from .services.access_blocks import blockable_people


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return str(obj)


class AccessBlockForm(forms.Form):
    user = PersonChoiceField(label=_("Who may not see this file"), queryset=User.objects.none())
    reason = forms.ChoiceField(label=_("Reason"), choices=AccessBlock.Reason.choices)
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=200,
        required=False,
        help_text=_("Only organisation admins read it. Do not write more than needed."),
    )

    def __init__(self, *args, organisation_id: int, exclude_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = blockable_people(organisation_id).exclude(
            pk__in=list(exclude_ids)
        )
