"""Languages people speak, as ISO 639 codes: one list so that participants' and volunteers'
languages can be compared when matching."""

from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [
    ("nl", _("Dutch")),
    ("fr", _("French")),
    ("en", _("English")),
    ("de", _("German")),
    ("ar", _("Arabic")),
    ("tr", _("Turkish")),
    ("zgh", _("Tamazight (Berber)")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("pt", _("Portuguese")),
    ("pl", _("Polish")),
    ("ro", _("Romanian")),
    ("bg", _("Bulgarian")),
    ("ru", _("Russian")),
    ("uk", _("Ukrainian")),
    ("sq", _("Albanian")),
    ("fa", _("Persian (Farsi, Dari)")),
    ("ps", _("Pashto")),
    ("ku", _("Kurdish")),
    ("so", _("Somali")),
    ("ti", _("Tigrinya")),
    ("am", _("Amharic")),
    ("ln", _("Lingala")),
    ("sgn", _("Sign language")),
]
LANGUAGE_CODES = frozenset(code for code, _name in LANGUAGE_CHOICES)


def language_names(codes: list[str]) -> list[str]:
    names = dict(LANGUAGE_CHOICES)
    return [str(names.get(code, code)) for code in codes]
