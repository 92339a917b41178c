from django import forms
from django.contrib.auth.password_validation import password_validators_help_text_html
from django.utils.translation import gettext_lazy as _

from .models import POLICY_ANALYST_KINDS, Organisation, Role


class OrganisationSwitchForm(forms.Form):
    organisation = forms.IntegerField(widget=forms.HiddenInput)


# From the least to the most powerful: an invitation starts at the top of the list, so a hasty
# "send" gives the least access (a volunteer sees nothing until a coordinator matches them).
INVITATION_ROLES = [
    Role.VOLUNTEER,
    Role.RESEARCHER,
    Role.POLICY_ANALYST,  # offered only by a municipality (`role_choices_for`)
    Role.SOCIAL_WORKER,
    Role.COORDINATOR,
    Role.ORG_ADMIN,
]


def role_choices_for(organisation: Organisation, roles=INVITATION_ROLES) -> list[tuple[str, str]]:
    """The roles this organisation can give (a policy analyst: a municipality only)."""
    kinds = POLICY_ANALYST_KINDS
    return [
        (role.value, role.label)
        for role in roles
        if role != Role.POLICY_ANALYST or organisation.kind in kinds
    ]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[(role.value, role.label) for role in INVITATION_ROLES],
        initial=Role.VOLUNTEER,
    )

    def __init__(self, *args, organisation: Organisation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation is not None:
            self.fields["role"].choices = role_choices_for(organisation)


class InvitationAcceptForm(forms.Form):
    full_name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return cleaned


# Plain forms, not ModelForms: a ModelForm writes the posted values onto the instance while
# validating, and the services must see the old values to know what changed (and audit it).


class MembershipForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    is_active = forms.BooleanField(label=_("Active"), required=False)

    def __init__(self, *args, organisation: Organisation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation is not None:
            self.fields["role"].choices = role_choices_for(organisation, list(Role))


class OrganisationSettingsForm(forms.Form):
    require_mfa = forms.BooleanField(
        label=Organisation._meta.get_field("require_mfa").verbose_name,
        help_text=Organisation._meta.get_field("require_mfa").help_text,
        required=False,
    )
    team_access = forms.BooleanField(
        label=Organisation._meta.get_field("team_access").verbose_name,
        help_text=Organisation._meta.get_field("team_access").help_text,
        required=False,
    )
    # Optional so a form posted without it keeps the current setting (see the view).
    retention_years = forms.IntegerField(
        label=Organisation._meta.get_field("retention_years").verbose_name,
        min_value=1,
        max_value=100,
        required=False,
    )
