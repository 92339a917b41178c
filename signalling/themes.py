"""The default list of signal themes, from Flemish practice (the signaalfunctie).

Each organisation gets these as its own data (a data migration for the organisations that
exist, `theme_defaults_create` for new ones) and may rename, reorder, switch off or add to
them. The `code` stays: it is what makes a theme comparable across organisations.
"""

from django.utils.translation import gettext_lazy as _

# (code, name, description), in the order shown.
DEFAULT_THEMES = (
    ("costs", _("Costs"), _("Something costs too much: fees, transport, materials.")),
    ("transport", _("Transport"), _("A place is hard to reach without a car or money.")),
    (
        "digital_only",
        _("Digital-only access"),
        _("Signing up or asking for help only works online."),
    ),
    ("language", _("Language"), _("Information or help only in a language people do not know.")),
    ("waiting_lists", _("Waiting lists"), _("People wait too long for help or a place.")),
    (
        "discrimination",
        _("Discrimination or racism"),
        _("People are treated worse because of who they are."),
    ),
    (
        "housing",
        _("Housing and gentrification"),
        _("No affordable home, or people pushed out of their neighbourhood."),
    ),
    (
        "administration",
        _("Administrative complexity"),
        _("Forms, documents and procedures that are too hard."),
    ),
    (
        "non_take_up",
        _("Non-take-up of rights"),
        _("People do not get what they are entitled to."),
    ),
    ("opening_hours", _("Opening hours"), _("A service is closed when people can come.")),
    ("childcare", _("Childcare"), _("No childcare, so people cannot take part.")),
)

DEFAULT_THEME_CODES = tuple(code for code, _name, _description in DEFAULT_THEMES)


def default_theme_name(code: str) -> str:
    """The default name of a theme code in the active language ("" for an unknown code)."""
    for theme_code, name, _description in DEFAULT_THEMES:
        if theme_code == code:
            return str(name)
    return ""
