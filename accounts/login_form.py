"""The log-in form: django-allauth's, without the "Forgot your password?" link it puts in the
password field's help text. The page shows that link once, after the button, where it does not
sit between the two fields in the tab order nor get read out as the password's description.

"Remember this phone" keeps a volunteer signed in on their own phone (accounts.devices); for
anyone with a staff membership the box changes nothing."""

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.utils.translation import gettext_lazy as _

from .devices import device_remember, may_remember


class LoginForm(AllauthLoginForm):
    remember_phone = forms.BooleanField(
        label=_("Remember this phone (volunteers, up to 30 days)"),
        help_text=_("Only on your own phone. Log out to forget it."),
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""

    def login(self, request, redirect_url=None):
        response = super().login(request, redirect_url)
        if self.cleaned_data.get("remember_phone") and request.user.is_authenticated:
            membership = may_remember(request.user)
            if membership is not None:
                device_remember(request=request, membership=membership, response=response)
        return response
