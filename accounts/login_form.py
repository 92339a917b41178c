"""The log-in form: django-allauth's, without the "Forgot your password?" link it puts in the
password field's help text. The page shows that link once, after the button, where it does not
sit between the two fields in the tab order nor get read out as the password's description."""

from allauth.account.forms import LoginForm as AllauthLoginForm


class LoginForm(AllauthLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""
