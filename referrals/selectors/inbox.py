"""Reads for the receiving side: the inbox, one referral's shared copy, its steps and thread.

The receiver reads only `Referral.shared`, item by item, and only the items the participant
chose (`shared_items`): `shared_rows` is the one place that turns the copy into what a page or
the API shows. Nothing here loads the sender's file (`Referral.participant`).
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, Role
from participants.selectors import LikelyDuplicate, likely_duplicates_in_organisation
from workmodels.models import WorkModel

from ..models import ALWAYS_SHARED, Referral, ReferralMessage, ReferralStep, SharedItem
from .access import (
    INTAKE_ROLES,
    referral_received_get,
    referral_sent_get,
    referrals_received_visible_to,
)
from .shared import item_in_words

# The columns the inbox and its detail need: never the sender's file.
INBOX_FIELDS = (
    "id",
    "organisation__name",
    "sent_by__full_name",
    "sent_by__email",
    "sent_at",
    "initiative_id",
    "initiative_name",
    "to_organisation_id",
    "work_model__code",
    "work_model__name_nl",
    "work_model__name_en",
    "shared_items",
    "shared",
    "consent_method",
    "consent_given_on",
    "consent_purpose",
    "consent_withdrawn_on",
    "status",
    "status_changed_at",
    "decline_reason",
    "received_participant_id",
    "handled_by__full_name",
    "handled_by__email",
)


class DeclineReason:
    """The common reasons for declining, kept as a code (figures count them) with free text."""

    NO_PLACE = "no_place"
    NOT_OUR_OFFER = "not_our_offer"
    OUTSIDE_AREA = "outside_area"
    UNREACHABLE = "unreachable"
    PARTICIPANT_DECLINED = "participant_declined"
    OTHER = "other"

    choices = [
        (NO_PLACE, _("We have no place now")),
        (NOT_OUR_OFFER, _("What is asked does not fit our offer")),
        (OUTSIDE_AREA, _("The participant lives outside our area")),
        (UNREACHABLE, _("We could not reach the participant")),
        (PARTICIPANT_DECLINED, _("The participant no longer wants it")),
        (OTHER, _("Another reason")),
    ]


def decline_reason_display(value: str) -> str:
    """The stored reason in words: a common reason's label, or the free text as it was typed."""
    code, _sep, text = (value or "").partition(":")
    label = dict(DeclineReason.choices).get(code)
    if label is None:
        return value
    return f"{label}: {text.strip()}" if text.strip() else str(label)


@dataclass(frozen=True)
class InboxFilters:
    status: str = ""
    initiative: int | None = None


def _inbox(membership: Membership | None) -> QuerySet[Referral]:
    return referrals_received_visible_to(membership).select_related(
        "organisation", "sent_by", "work_model", "handled_by"
    )


def inbox_list(membership: Membership | None, filters: InboxFilters = InboxFilters()):
    """The inbox, waiting referrals first (oldest first: they waited longest), then the rest,
    newest first. One query, whatever the number of referrals."""
    referrals = _inbox(membership).only(*INBOX_FIELDS)
    if filters.status == "waiting":
        referrals = referrals.filter(status__in=Referral.WAITING)
    elif filters.status:
        referrals = referrals.filter(status=filters.status)
    if filters.initiative:
        referrals = referrals.filter(initiative_id=filters.initiative)
    waiting = Case(
        When(status__in=Referral.WAITING, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return referrals.annotate(waiting_first=waiting).order_by("waiting_first", "-sent_at", "-id")


def inbox_initiatives(membership: Membership | None) -> list[tuple[int, str]]:
    """The initiatives referrals in the inbox went to, for the filter (one query)."""
    rows = (
        referrals_received_visible_to(membership)
        .filter(initiative_id__isnull=False)
        .values_list("initiative_id", "initiative_name")
        .distinct()
        .order_by("initiative_name", "initiative_id")
    )
    return list(dict(rows).items())


def inbox_waiting_count(membership: Membership | None) -> int:
    """How many referrals wait for an answer (the menu's number: one query)."""
    if membership is None or membership.role not in INTAKE_ROLES:
        return 0
    return referrals_received_visible_to(membership).open().count()


def inbox_get(membership: Membership | None, pk: int) -> Referral:
    """One referral of the inbox (404 when out of reach), with what its page shows."""
    referral_received_get(membership, pk)  # the one access rule
    return _inbox(membership).only(*INBOX_FIELDS).get(pk=pk)


def referral_for_thread(membership: Membership | None, pk: int) -> Referral:
    """A referral either side may see (sender: referral_sent_get, receiver: referral_received_get),
    or 404."""
    try:
        return referral_sent_get(membership, pk)
    except Http404:
        return referral_received_get(membership, pk)


@dataclass(frozen=True)
class SharedRow:
    item: str
    label: str
    value: str


def shared_values(referral: Referral) -> dict[str, Any]:
    """The copy, limited to the items the participant chose (a key outside them never shows)."""
    chosen = set(referral.shared_items or []) | {str(item) for item in ALWAYS_SHARED}
    return {key: value for key, value in (referral.shared or {}).items() if key in chosen}


def shared_rows(referral: Referral) -> list[SharedRow]:
    """What was shared, item by item in the form's order, as words."""
    values = shared_values(referral)
    return [
        SharedRow(item.value, str(item.label), item_in_words(item.value, values[item.value]))
        for item in SharedItem
        if item.value in values
    ]


def shared_person(referral: Referral) -> dict[str, Any]:
    """The shared values a new file (or a buddy request) is pre-filled with: only those shared."""
    values = shared_values(referral)
    person: dict[str, Any] = {"first_name": str(values.get(SharedItem.FIRST_NAME, "") or "")}
    if SharedItem.LAST_NAME in values:
        person["last_name"] = str(values[SharedItem.LAST_NAME] or "")
    if SharedItem.BIRTH_YEAR in values and str(values[SharedItem.BIRTH_YEAR] or "").isdigit():
        person["birth_year"] = int(values[SharedItem.BIRTH_YEAR])
    contact = values.get(SharedItem.CONTACT)
    if isinstance(contact, dict):
        person["phone"] = str(contact.get("phone") or "")
        person["email"] = str(contact.get("email") or "")
    if isinstance(values.get(SharedItem.LANGUAGES), list):
        person["languages"] = [str(code) for code in values[SharedItem.LANGUAGES]]
    place = values.get(SharedItem.MUNICIPALITY)
    if isinstance(place, dict):
        person["municipality"] = str(place.get("municipality") or "")
        person["postcode"] = str(place.get("postcode") or "")
    return person


def possible_duplicates(referral: Referral, viewer_id: int | None = None) -> list[LikelyDuplicate]:
    """Files of the receiving organisation that may be the same person (one query); with
    `viewer_id`, not those blocked from that person."""
    person = shared_person(referral)
    return likely_duplicates_in_organisation(
        referral.to_organisation_id,
        first_name=person.get("first_name", ""),
        last_name=person.get("last_name", ""),
        birth_year=person.get("birth_year"),
        phone=person.get("phone", ""),
        email=person.get("email", ""),
        viewer_id=viewer_id,
    )


def referral_steps(referral: Referral) -> list[ReferralStep]:
    return list(referral.steps.select_related("by_organisation"))


def thread_messages(referral: Referral) -> list[ReferralMessage]:
    """The thread, oldest first, with each author's organisation and name (one query)."""
    return list(
        referral.messages.select_related("organisation", "author").only(
            "id",
            "referral_id",
            "text",
            "created_at",
            "organisation__name",
            "author__full_name",
            "author__email",
        )
    )


def intake_social_workers(organisation_id: int) -> QuerySet[Membership]:
    """The active social workers a new file may be assigned to."""
    return (
        Membership.objects.filter(
            organisation_id=organisation_id,
            role=Role.SOCIAL_WORKER,
            is_active=True,
            user__is_active=True,
        )
        .select_related("user")
        .order_by(Coalesce("user__full_name", "user__email"), "id")
    )


def buddy_possible(referral: Referral) -> bool:
    """A buddy request is offered when the referral is for buddy work and the receiving
    organisation does buddy work (it has an active coordinator to match)."""
    if referral.work_model_id is None and referral.initiative_id is None:
        return False
    is_buddy = (
        referral.work_model is not None and referral.work_model.code == WorkModel.Code.BUDDY
    ) or (
        referral.initiative_id is not None
        and referral.initiative.work_models.filter(code=WorkModel.Code.BUDDY).exists()
    )
    return (
        is_buddy
        and Membership.objects.filter(
            organisation_id=referral.to_organisation_id, role=Role.COORDINATOR, is_active=True
        ).exists()
    )
