"""Phone numbers: validated and stored in E.164 (+32470123456), Belgian by default.

A number that cannot be a real phone number is refused where it is typed (a form, the API),
with a message that says what to type; it never becomes a text message that fails later.
`PhoneNumberField` is a CharField that normalises in `clean()` (forms and `full_clean`)."""

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "BE"

INVALID = _(
    "This is not a phone number we can reach. Type it as 0470 12 34 56 or with the country "
    "code, as +32 470 12 34 56."
)


def parse_phone(value: str) -> phonenumbers.PhoneNumber | None:
    """The number, or None when it cannot be a real number."""
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    return number if phonenumbers.is_valid_number(number) else None


def normalise_phone(value: str) -> str:
    """'0470 12 34 56' → '+32470123456'; '' stays ''. Raises ValidationError."""
    value = (value or "").strip()
    if not value:
        return ""
    number = parse_phone(value)
    if number is None:
        raise ValidationError(INVALID, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_normalised(value: str) -> bool:
    """True for '' and an E.164 number; False for one an import or an old form left as typed."""
    if not value:
        return True
    try:
        return normalise_phone(value) == value
    except ValidationError:
        return False


def is_mobile(value: str) -> bool:
    number = parse_phone(value) if value else None
    return number is not None and phonenumbers.number_type(number) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


def display_phone(value: str) -> str:
    """'+32470123456' → '0470 12 34 56' (a Belgian number) or the international form."""
    number = parse_phone(value) if value else None
    if number is None:
        return value
    if number.country_code == 32:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


@deconstructible
class PhoneValidator:
    def __call__(self, value) -> None:
        normalise_phone(value)

    def __eq__(self, other) -> bool:
        return isinstance(other, PhoneValidator)


validate_phone = PhoneValidator()


class PhoneFormField(forms.CharField):
    def to_python(self, value):
        return normalise_phone(super().to_python(value))


class PhoneNumberField(models.CharField):
    """A phone number in E.164; typed numbers are normalised when the field is cleaned."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 32)
        super().__init__(*args, **kwargs)
        if validate_phone not in self.validators:
            self.validators.append(validate_phone)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        try:
            return normalise_phone(value)
        except ValidationError:
            return value  # run_validators says why

    def formfield(self, **kwargs):
        kwargs.setdefault("form_class", PhoneFormField)
        return super().formfield(**kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("validators", None)
        return name, path, args, kwargs
