"""Rules every participant-file write shares: who may write, and file consent first."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _

from accounts.models import Membership

from ..models import Consent, Participant
from ..selectors.access_blocks import is_blocked
from ..selectors.files import participant_editable_by


def require_writer(membership: Membership, participant: Participant) -> None:
    """Only the assigned social worker changes a file, and nothing new is written about a
    person whose file was anonymised (`participant_editable_by`, the one rule)."""
    if not participant_editable_by(membership, participant):
        raise PermissionDenied
    # A stand-in blocked from this file writes nothing to it (the file's own worker cannot be
    # blocked: services.access_blocks refuses it).
    if participant.social_worker_id != membership.user_id and is_blocked(
        membership.user_id, participant.pk
    ):
        raise PermissionDenied


def has_active_consent(participant: Participant, purpose: str) -> bool:
    """The participant's consent for this purpose counts today: given, not withdrawn and not
    past its expiry date (`Consent.objects.in_force`, the one definition)."""
    return participant.consents.in_force().filter(purpose=purpose).exists()


def require_file_consent(participant: Participant) -> None:
    """Beyond the intake, nothing is stored without the participant's consent to a file."""
    if not has_active_consent(participant, Consent.Purpose.FILE):
        raise ValidationError(
            _(
                "The participant has not consented to keeping a file (or withdrew it, or it "
                "expired). Record their consent first."
            ),
            code="no_file_consent",
        )


def save_as(instance: models.Model, membership: Membership, **kwargs) -> None:
    """Save, naming the person in the edit history (also outside a web request: imports, tasks)."""
    instance._history_user = membership.user
    instance.save(**kwargs)
