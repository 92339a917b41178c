"""The organisation's buddy settings, and the matching weights they give."""

from accounts.models import Organisation

from ..engine import Weights
from ..models import BuddySettings


def buddy_settings_for(organisation: Organisation | int) -> BuddySettings:
    """The organisation's rules; the defaults (unsaved) until an org admin changes them, so a
    read never writes."""
    organisation_id = organisation if isinstance(organisation, int) else organisation.pk
    settings = BuddySettings.objects.filter(organisation_id=organisation_id).first()
    return settings or BuddySettings(organisation_id=organisation_id)


def weights_of(settings: BuddySettings) -> Weights:
    return Weights(
        interests=settings.weight_interests,
        availability=settings.weight_availability,
        distance=settings.weight_distance,
        age=settings.weight_age,
        lived_experience=settings.weight_lived_experience,
        waiting=settings.weight_waiting,
    )
