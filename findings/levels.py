"""The subgroups of the findings: how a participant falls into the levels of each dimension.

Defined once, as database expressions, so that the dashboard (`practice`) and the research
export (`export`) put every participant in the same level on PostgreSQL and on SQLite alike.
Each expression gives the level's index in `LEVELS`; -1 means not counted in that dimension.
The age band is worked out from the birth year in `stats` (numpy), not here.
"""

from django.db.models import Case, Exists, Func, IntegerField, Q, Value, When
from django.db.models.functions import Lower
from django.db.models.lookups import Exact, In

from participants.models import Participant

from .stats import AGE_BANDS

DIMENSIONS = ("age_band", "gender", "household", "digital_access", "migration_background")

# The levels of each dimension, in the order the dashboard lists them; a participant's level
# is its index here.
LEVELS = {
    "age_band": (*(code for code, *_bounds in AGE_BANDS), "unknown"),
    "gender": ("woman", "man", "other", "unknown"),
    "household": (*Participant.Household.values, "unknown"),
    "digital_access": ("yes", "no", "unknown"),
    "migration_background": ("yes", "no"),
}
# Gender is recorded in the person's own words: the common ones are grouped, others kept apart.
WOMEN = ("v", "vrouw", "f", "female", "woman", "vrouwelijk")
MEN = ("m", "man", "male", "mannelijk")

NOT_COUNTED = -1


class StripSpace(Func):
    """The text without leading and trailing ASCII whitespace (what people type by accident);
    the plain SQL TRIM removes spaces only."""

    function = "btrim"
    template = r"btrim(%(expressions)s, E' \t\n\r\f\x0b')"

    def as_sqlite(self, compiler, connection, **extra_context):
        template = "trim(%(expressions)s, char(32, 9, 10, 13, 12, 11))"
        return self.as_sql(compiler, connection, template=template, **extra_context)


def _code(dimension: str, level: str) -> Value:
    return Value(LEVELS[dimension].index(level))


def gender_level(field: str = "gender") -> Case:
    word = Lower(StripSpace(field))
    return Case(
        When(In(word, WOMEN), then=_code("gender", "woman")),
        When(In(word, MEN), then=_code("gender", "man")),
        When(Exact(word, ""), then=_code("gender", "unknown")),
        default=_code("gender", "other"),
        output_field=IntegerField(),
    )


def household_level(field: str = "household") -> Case:
    return Case(
        *(
            When(**{field: value}, then=_code("household", value))
            for value in Participant.Household.values
        ),
        default=_code("household", "unknown"),
        output_field=IntegerField(),
    )


def digital_access_level(phone: str = "has_smartphone", internet: str = "internet_at_home"):
    """Yes with a smartphone or internet at home, no when neither, else unknown."""
    return Case(
        When(Q(**{phone: True}) | Q(**{internet: True}), then=_code("digital_access", "yes")),
        When(Q(**{phone: False, internet: False}), then=_code("digital_access", "no")),
        default=_code("digital_access", "unknown"),
        output_field=IntegerField(),
    )


def migration_level(research: Exists | None = None) -> Case:
    """Yes when a migration background is recorded, no when not. Not counted where
    anonymising the file erased it (that is no "no"), nor, given `research` (the participant
    has a research consent in force), without that consent."""
    hidden = Q(anonymised_on__isnull=False)
    if research is not None:
        hidden |= ~research
    return Case(
        When(hidden, then=Value(NOT_COUNTED)),
        When(
            Exact(StripSpace("migration_background"), ""), then=_code("migration_background", "no")
        ),
        default=_code("migration_background", "yes"),
        output_field=IntegerField(),
    )


def level_name(dimension: str, code: int) -> str:
    """The level of a code these expressions gave; "unknown" for one not counted."""
    return LEVELS[dimension][code] if code >= 0 else "unknown"
