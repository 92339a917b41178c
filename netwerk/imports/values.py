"""How every import reads a cell: one set of value parsers.

A parser takes the text of a cell that is not empty (the pipeline leaves empty cells out, so
a field keeps its default) and returns the value, or raises a ValidationError that says in
words what to fill in. The same words mean the same in every import: "waar" is yes in the
participant import and in the directory alike. Bounded parsers (`date`, `number`) take the
validators of `netwerk.validators`, so a cell is held to the same bounds as a form field.
"""

import datetime
import functools
import re
import time
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _

from netwerk.languages import LANGUAGE_CHOICES
from netwerk.validators import HAPPENED, Between


def normalise_name(name: str) -> str:
    """'E-mail_Adres ' and 'e mail adres' are the same column name (and the same choice)."""
    return " ".join(re.sub(r"[_\-.:*]+", " ", name.replace("\ufeff", "")).casefold().split())


def text(value: str) -> str:
    """The cell as it is: the service's own checks judge its length and format."""
    return value


_YES = frozenset({"ja", "j", "yes", "y", "true", "waar", "1"})
_NO = frozenset({"nee", "n", "no", "false", "onwaar", "0"})


def yes_no(value: str) -> bool:
    """Ja or nee, in Dutch or English, as a word, a letter or 1 and 0 (Excel's TRUE too)."""
    word = value.strip().casefold()
    if word in _YES:
        return True
    if word in _NO:
        return False
    raise ValidationError(_("Fill in ja or nee (yes or no), or leave the cell empty."))


def items(value: str) -> list[str]:
    """A list in one cell, separated by commas, semicolons, slashes or line breaks."""
    return [item.strip() for item in re.split(r"[,;/\n]", value) if item.strip()]


# Day first as Belgians write it (31/01/2025, 31.01.2025, 31-01-2025), or ISO 2025-01-31 (the
# reader gives an Excel date cell so). Two-digit years are refused: 01/02/25 is a guess.
_DATE_FORMATS = ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y-%m-%d")


def date(value: str, validators: Iterable = HAPPENED) -> datetime.date:
    """A date that exists, within the bounds of `validators` (by default: something that
    happened, from 1990 to a year from today)."""
    value = value.strip()
    for date_format in _DATE_FORMATS:
        try:
            day = datetime.date(*time.strptime(value, date_format)[:3])
        except ValueError:
            continue
        for validator in validators:
            validator(day)
        return day
    raise ValidationError(_("Give the date as day/month/year, for example 31/01/2025."))


# A lone comma or point is the decimal separator (12,5 and 12.5; Excel's number cells write a
# point); grouped thousands need a space, two groups, or the other separator after them
# (1 234; 1.234.567; 1.234,5; 1,234.5). So 1.234 and 1,234 are both one and a bit.
_NUMBER_FORMS = (
    (re.compile(r"[+-]?\d+(,\d+)?"), ","),
    (re.compile(r"[+-]?\d+(\.\d+)?"), "."),
    (re.compile(r"[+-]?\d{1,3}(?P<group>[. ])\d{3}((?P=group)\d{3})*(,\d+)?"), ","),
    (re.compile(r"[+-]?\d{1,3}(?P<group>[, ])\d{3}((?P=group)\d{3})*(\.\d+)?"), "."),
)
_DEFAULT_NUMBER_BOUNDS = (Between(-(10**9), 10**9),)


def number(value: str, validators: Iterable = _DEFAULT_NUMBER_BOUNDS) -> Decimal:
    """A number, within the bounds of `validators` (by default a billion either way)."""
    value = re.sub(r"[\u00a0\u202f]", " ", value.strip())
    decimal_separator = next(
        (separator for form, separator in _NUMBER_FORMS if form.fullmatch(value)), None
    )
    if decimal_separator is None or len(value) > 40:
        raise ValidationError(_("Give a number, for example 12 or 12,5."))
    whole, _separator, fraction = value.partition(decimal_separator)
    result = Decimal(re.sub(r"[ .,]", "", whole) + (f".{fraction}" if fraction else ""))
    for validator in validators:
        validator(result)
    return result


class Choice:
    """A parser for one of `choices`: its code, or its label in Dutch or English, in any
    capitals; `aliases` add other words for a code."""

    def __init__(self, choices: Sequence[tuple[str, Any]], aliases: dict[str, str] | None = None):
        self.choices = list(choices)
        self.aliases = aliases or {}

    @functools.cached_property
    def _codes(self) -> dict[str, str]:
        codes = {normalise_name(word): code for word, code in self.aliases.items()}
        for code, label in self.choices:
            for language in ("nl", "en"):
                with translation.override(language):
                    codes[normalise_name(str(label))] = code
            codes[normalise_name(code)] = code
        return codes

    def code(self, value: str) -> str | None:
        return self._codes.get(normalise_name(value))

    def __call__(self, value: str) -> str:
        code = self.code(value)
        if code is None:
            options = ", ".join(str(label) for _code, label in self.choices)
            raise ValidationError(_("Use one of: %(options)s.") % {"options": options})
        return code


_LANGUAGE = Choice(LANGUAGE_CHOICES)


def languages(value: str) -> list[str]:
    """Languages by name (Dutch or English) or ISO code, as a list in one cell."""
    names = items(value)
    unknown = [name for name in names if _LANGUAGE.code(name) is None]
    if unknown:
        raise ValidationError(
            _("Unknown language: %(names)s. Use codes such as nl, fr or ar.")
            % {"names": ", ".join(unknown)}
        )
    return [_LANGUAGE(name) for name in names]
