"""Likely duplicates: a file that may already exist for the person being added.

Same first and last name and birth year, or the same phone number, or the same e-mail
address, among the files the user may see (a file out of their reach is never hinted at).
A warning, not a rule: two people can share a name and a year, or a family a phone.
"""

import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet, Value
from django.db.models.functions import Replace
from django.utils.translation import gettext as _

from accounts.models import Membership

from ..models import Participant
from .access_blocks import blocked_for
from .files import participants_visible_to

MAX_SHOWN = 5
# The last digits of a phone number identify it whatever its prefix: 0470…, +32 470…, 0032 470….
PHONE_DIGITS = 8


@dataclass(frozen=True)
class LikelyDuplicate:
    participant: Participant
    reasons: list[str]


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone or "")


def _phone_digits_expression():
    """The stored phone without the separators people type (spaces, dots, dashes, slashes)."""
    expression = "phone"
    for separator in (" ", ".", "-", "/", "(", ")", "+"):
        expression = Replace(expression, Value(separator), Value(""))
    return expression


def likely_duplicates(
    membership: Membership,
    *,
    first_name: str = "",
    last_name: str = "",
    birth_year: int | None = None,
    phone: str = "",
    email: str = "",
    exclude: list[int] | None = None,
) -> list[LikelyDuplicate]:
    """At most a handful of visible files that look like the same person, with why (one query)."""
    return _duplicates_among(
        participants_visible_to(membership),
        first_name=first_name,
        last_name=last_name,
        birth_year=birth_year,
        phone=phone,
        email=email,
        exclude=exclude,
    )


def likely_duplicates_in_organisation(
    organisation_id: int,
    *,
    first_name: str = "",
    last_name: str = "",
    birth_year: int | None = None,
    phone: str = "",
    email: str = "",
    viewer_id: int | None = None,
) -> list[LikelyDuplicate]:
    """The same look-up over all files of an organisation, whoever asks: for the intake of a
    referral, where a coordinator or admin must learn that a file may exist before another is
    opened. Only the minimal fields are loaded (`DUPLICATE_FIELDS`); callers show no more than
    the name, the birth year, the assigned worker and the reasons (one query)."""
    files = Participant.objects.filter(organisation_id=organisation_id)
    if viewer_id is not None:  # never a file blocked from the person who asks (AccessBlock)
        files = files.exclude(pk__in=blocked_for(viewer_id))
    return _duplicates_among(
        files.select_related("social_worker").only(*DUPLICATE_FIELDS),
        first_name=first_name,
        last_name=last_name,
        birth_year=birth_year,
        phone=phone,
        email=email,
    )


# What an organisation-wide duplicate look-up loads of a file.
DUPLICATE_FIELDS = (
    "id",
    "organisation_id",
    "first_name",
    "last_name",
    "birth_year",
    "phone",
    "email",
    "anonymised_on",
    "social_worker__full_name",
    "social_worker__email",
)


def _duplicates_among(
    candidates: QuerySet[Participant],
    *,
    first_name: str = "",
    last_name: str = "",
    birth_year: int | None = None,
    phone: str = "",
    email: str = "",
    exclude: list[int] | None = None,
) -> list[LikelyDuplicate]:
    first_name, last_name, email = first_name.strip(), last_name.strip(), email.strip()
    digits = _digits(phone)
    same_name = bool(first_name and last_name and birth_year)
    same_phone = len(digits) >= PHONE_DIGITS
    same_email = bool(email)
    if not (same_name or same_phone or same_email):
        return []
    condition = Q(pk__in=[])
    if same_name:
        condition |= Q(
            first_name__iexact=first_name, last_name__iexact=last_name, birth_year=birth_year
        )
    if same_email:
        condition |= Q(email__iexact=email)
    candidates = candidates.filter(anonymised_on__isnull=True)
    if same_phone:
        candidates = candidates.annotate(phone_digits=_phone_digits_expression())
        condition |= Q(phone_digits__endswith=digits[-PHONE_DIGITS:])
    if exclude:
        candidates = candidates.exclude(pk__in=exclude)
    found = []
    for participant in candidates.filter(condition).order_by("id")[:MAX_SHOWN]:
        reasons = []
        if (
            same_name
            and participant.first_name.lower() == first_name.lower()
            and participant.last_name.lower() == last_name.lower()
            and participant.birth_year == birth_year
        ):
            reasons.append(_("same name and birth year"))
        if same_phone and _digits(participant.phone).endswith(digits[-PHONE_DIGITS:]):
            reasons.append(_("same phone number"))
        if same_email and participant.email.lower() == email.lower():
            reasons.append(_("same e-mail address"))
        found.append(LikelyDuplicate(participant, reasons))
    return found
