"""The volunteer pool: profiles, screening, availability, and the organisation's rules."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership, Role, User
from netwerk.dates import add_months
from netwerk.languages import LANGUAGE_CODES
from netwerk.postcodes import check_postcode
from netwerk.services import audit

from ..engine.bits import ALL_SLOTS
from ..models import BuddySettings, Match, Volunteer
from ..selectors.settings import buddy_settings_for
from .common import require_manager

# Fields a coordinator sets on a profile; `interests` (tags) is handled apart.
PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "languages",
    "municipality",
    "postcode",
    "max_km",
    "availability",
    "capacity",
    "gender",
    "birth_year",
    "lived_experience",
    "phone",
    "intake_on",
    "screening_kind",
    "screening_issued_on",
    "training_sessions",
    "agreement_signed_on",
    "status",
)
# What a volunteer may change on their own profile.
OWN_FIELDS = ("availability", "max_km", "phone")


def _open_match_count(volunteer: Volunteer) -> int:
    return volunteer.matches.filter(status__in=Match.OPEN).count() if volunteer.pk else 0


def _check_interests(volunteer_org: int, interests) -> None:
    if any(tag.organisation_id != volunteer_org for tag in interests):
        raise ValidationError({"interests": _("Choose interests of your own organisation.")})


def check_languages(codes) -> None:
    if not isinstance(codes, list) or any(code not in LANGUAGE_CODES for code in codes):
        raise ValidationError({"languages": _("Choose languages from the list.")})
    if len(set(codes)) != len(codes):
        raise ValidationError({"languages": _("A language is given more than once.")})


def _validate(volunteer: Volunteer, settings: BuddySettings) -> None:
    check_languages(volunteer.languages)
    if not 0 <= volunteer.availability <= ALL_SLOTS:
        raise ValidationError({"availability": _("Only 21 weekly slots exist.")})
    open_matches = _open_match_count(volunteer)
    if volunteer.capacity < open_matches:
        raise ValidationError(
            {
                "capacity": _(
                    "This volunteer has %(count)d open matches; the capacity cannot be lower."
                )
                % {"count": open_matches}
            }
        )
    check_postcode(volunteer.postcode)
    volunteer.screening_valid_until = (
        add_months(volunteer.screening_issued_on, settings.screening_valid_months)
        if volunteer.screening_issued_on
        else None
    )
    volunteer.full_clean()


def check_account(organisation_id: int, user: User) -> None:
    """An account linked to a profile belongs to someone with the volunteer role here, who has
    no profile yet."""
    is_volunteer = user.memberships.filter(
        organisation_id=organisation_id, role=Role.VOLUNTEER, is_active=True
    ).exists()
    if not is_volunteer:
        raise ValidationError(
            {"user": _("This person has no volunteer role in your organisation.")}
        )
    if Volunteer.objects.filter(organisation_id=organisation_id, user=user).exists():
        raise ValidationError({"user": _("This person already has a volunteer profile.")})


def _check_name(volunteer: Volunteer) -> None:
    for field in ("first_name", "last_name", "email"):
        setattr(volunteer, field, (getattr(volunteer, field) or "").strip())
    volunteer.email = volunteer.email.lower()
    if not volunteer.first_name and volunteer.user_id is None:
        raise ValidationError({"first_name": _("Give the volunteer's first name.")})


@transaction.atomic
def volunteer_create(
    *, membership: Membership, data: dict[str, Any], user: User | None = None, interests=()
) -> Volunteer:
    """A coordinator adds a volunteer: with their name and contact details only (no log-in;
    many volunteers never use the app), or linked to the account of a person who has the
    volunteer role. An invitation to log in can follow later (`volunteer_invite`)."""
    require_manager(membership)
    if user is not None:
        check_account(membership.organisation_id, user)
    volunteer = Volunteer(organisation_id=membership.organisation_id, user=user)
    for field in PROFILE_FIELDS:
        if field in data and data[field] is not None:
            setattr(volunteer, field, data[field])
    if user is not None and not volunteer.first_name:
        volunteer.first_name = user.get_short_name()
        volunteer.last_name = " ".join(user.full_name.split(" ")[1:])
    _check_name(volunteer)
    _check_interests(membership.organisation_id, interests)
    _validate(volunteer, buddy_settings_for(membership.organisation_id))
    volunteer.save()
    volunteer.interests.set(interests)
    audit(membership, AuditEvent.Action.CREATE, volunteer)
    return volunteer


@transaction.atomic
def volunteer_update(
    *, membership: Membership, volunteer: Volunteer, data: dict[str, Any], interests=None
) -> Volunteer:
    """A coordinator changes any profile field; a volunteer only their own availability,
    travel distance and phone. Errors leave the profile as it was."""
    if membership.role == Role.VOLUNTEER:
        if volunteer.user_id != membership.user_id or set(data) - set(OWN_FIELDS) or interests:
            raise PermissionDenied
    else:
        require_manager(membership)
    if volunteer.organisation_id != membership.organisation_id:
        raise PermissionDenied
    # Lock the row: a concurrent proposal must not slip in under a lowered capacity.
    volunteer = Volunteer.objects.select_for_update().get(pk=volunteer.pk)
    changed = [f for f in PROFILE_FIELDS if f in data and getattr(volunteer, f) != data[f]]
    for field in changed:
        setattr(volunteer, field, data[field])
    _check_name(volunteer)
    _validate(volunteer, buddy_settings_for(volunteer.organisation_id))
    volunteer.save()
    if interests is not None:
        _check_interests(volunteer.organisation_id, interests)
        volunteer.interests.set(interests)
        changed.append("interests")
    audit(membership, AuditEvent.Action.UPDATE, volunteer, changed)
    return volunteer


SETTINGS_FIELDS = (
    "screening_valid_months",
    "training_sessions_required",
    "weight_interests",
    "weight_availability",
    "weight_distance",
    "weight_age",
    "weight_lived_experience",
    "weight_waiting",
)


@transaction.atomic
def buddy_settings_update(*, membership: Membership, data: dict[str, Any]) -> BuddySettings:
    """The org admin sets the programme's rules; screening end dates follow a new validity."""
    if membership.role != Role.ORG_ADMIN or not membership.is_active:
        raise PermissionDenied
    settings, _created = BuddySettings.objects.select_for_update().get_or_create(
        organisation_id=membership.organisation_id
    )
    changed = [f for f in SETTINGS_FIELDS if f in data and getattr(settings, f) != data[f]]
    for field in changed:
        setattr(settings, field, data[field])
    settings.full_clean()
    if sum(getattr(settings, f) for f in SETTINGS_FIELDS if f.startswith("weight_")) <= 0:
        raise ValidationError(_("At least one weight must be above 0."))
    settings.save()
    if "screening_valid_months" in changed:
        volunteers = list(
            Volunteer.objects.filter(
                organisation_id=membership.organisation_id, screening_issued_on__isnull=False
            ).only("id", "screening_issued_on")
        )
        for volunteer in volunteers:
            volunteer.screening_valid_until = add_months(
                volunteer.screening_issued_on, settings.screening_valid_months
            )
        Volunteer.objects.bulk_update(volunteers, ["screening_valid_until"], batch_size=500)
    audit(membership, AuditEvent.Action.UPDATE, settings, changed)
    return settings
