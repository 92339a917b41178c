"""Small helpers shared by the apps' views."""

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.forms import models as model_forms
from django.forms.renderers import Jinja2
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

# The one answer to input that was not saved, in every page view: the same as the API's
# field errors. htmx swaps it in like a 200 (the htmx-config meta of templates/base.html).
INVALID_FORM_STATUS = 400


class FormRenderer(Jinja2):
    """Django's Jinja2 copies of its form templates (a third of the time of the Django
    template engine), with our field template: see netwerk/jinja2/netwerk/field.html."""

    field_template_name = "netwerk/field.html"


def with_model_validators(fields: dict[str, forms.Field], model) -> dict[str, forms.Field]:
    """Put each model field's own validators (its bounds: netwerk/validators.py) on the form
    field of the same name, so that the form refuses an absurd value together with its other
    errors, before a service is called. Django's form fields made from model fields leave
    them to the model's `full_clean()`."""
    for name, field in fields.items():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        extra = [v for v in getattr(model_field, "_validators", []) if v not in field.validators]
        if extra:
            field.validators = [*field.validators, *extra]
    return fields


def fields_for_model(model, **kwargs) -> dict[str, forms.Field]:
    """Django's `fields_for_model`, with the model fields' validators (see above)."""
    return with_model_validators(model_forms.fields_for_model(model, **kwargs), model)


class ModelBoundsMixin:
    """For a ModelForm that leaves the model's validation to the service (no `_post_clean`):
    the model fields' bounds on its form fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        with_model_validators(self.fields, self._meta.model)


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, beside the fields it names.

    The form keeps the person's input, so nothing they typed is lost.
    """
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def render_form(
    request: HttpRequest,
    template_name: str,
    context: dict,
    *forms_shown: forms.BaseForm | None,
    refused: bool = False,
) -> HttpResponse:
    """A page (or an htmx fragment) that shows forms, answered the same way in every view.

    When one of `forms_shown` has errors, or the view refused the input another way
    (`refused`: a service's refusal shown as a message or on the page), the page comes back
    with the person's input and the errors, with INVALID_FORM_STATUS; otherwise 200.
    """
    invalid = refused or any(form is not None and form.errors for form in forms_shown)
    response = render(
        request, template_name, context, status=INVALID_FORM_STATUS if invalid else 200
    )
    # Sent with the page's data like a 200: its reads are recorded (accounts.audit).
    response.shows_data = True
    return response


def load_choices(field: forms.ModelChoiceField) -> None:
    """Fetch a model choice field's options with one plain query.

    Django iterates them with `.iterator()`, which on PostgreSQL opens a server-side cursor:
    three round trips instead of one (about 0.6 ms on the file page's quick form). Validation
    still checks the submitted value against the field's queryset.
    """
    options = [(obj.pk, field.label_from_instance(obj)) for obj in field.queryset]
    field.choices = ([("", field.empty_label)] if field.empty_label is not None else []) + options


class DateInput(forms.DateInput):
    """The browser's date picker; the value in ISO form (`2026-03-05`), as it expects."""

    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class YesNoUnknownField(forms.NullBooleanField):
    """A yes/no question that may stay unanswered, for a nullable BooleanField.

    Its select shows the stored answer (True, False or None) as selected, so that saving an
    edit form unchanged keeps it; a select with its own "true"/"false" choices never matched
    the stored True/False and emptied the answer on every save.
    """

    widget = forms.NullBooleanSelect

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.choices = [("unknown", _("Unknown")), ("true", _("Yes")), ("false", _("No"))]
