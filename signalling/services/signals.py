"""Writes for signals: record, change, withdraw, release a story. Each one is audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership
from netwerk.postcodes import municipality_name
from workmodels.selectors import initiatives_visible_to

from ..models import Signal
from ..names import names_in
from ..selectors import Source, can_keep, signal_editable_by, themes_of

# What a reporter fills in (the rest comes from where it is recorded and who records it).
FIELDS = (
    "theme",
    "municipality",
    "occurred_on",
    "initiative",
    "work_model",
    "story",
    "participant_counted",
)


def names_error(text: str, organisation_id: int, *, field: str = "story") -> ValidationError | None:
    """The refusal of a text that names someone the organisation knows, naming the words."""
    found = names_in(text, organisation_id)
    if not found:
        return None
    return ValidationError(
        {
            field: ValidationError(
                _(
                    "This text contains a name: %(names)s. Write it again without names, for "
                    "example “a mother of three” instead of a name."
                ),
                code="names_someone",
                params={"names": ", ".join(found)},
            )
        }
    )


def _check(membership: Membership, signal: Signal) -> None:
    errors: dict[str, list] = {}
    if (
        signal.theme_id
        and not themes_of(membership.organisation_id).filter(pk=signal.theme_id).exists()
    ):
        errors["theme"] = [_("Choose one of your organisation's themes.")]
    if (
        signal.initiative_id
        and not initiatives_visible_to(membership).filter(pk=signal.initiative_id).exists()
    ):
        errors["initiative"] = [_("Choose an initiative from the directory.")]
    if errors:
        raise ValidationError(errors)
    signal.municipality = municipality_name(signal.municipality)
    signal.full_clean()
    refusal = names_error(signal.story, membership.organisation_id)
    if refusal is not None:
        raise refusal


@transaction.atomic
def signal_record(*, membership: Membership, source: Source, data: dict) -> Signal:
    signal = Signal(
        organisation_id=membership.organisation_id,
        source_type=source.kind,
        participant=source.participant,
        match=source.match,
        session=source.session,
        reported_by_id=membership.user_id,
        reported_at=timezone.now(),
        **{name: data[name] for name in FIELDS if name in data},
    )
    if source.kind == Signal.Source.STANDALONE:
        signal.participant_counted = None  # no participant to ask
    _check(membership, signal)
    signal.save()
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.CREATE,
        obj=signal,
        fields=[name for name in FIELDS if name in data],
    )
    return signal


@transaction.atomic
def signal_update(*, membership: Membership, signal: Signal, data: dict) -> Signal:
    if not signal_editable_by(membership, signal):
        raise PermissionDenied
    changed = [name for name in FIELDS if name in data and getattr(signal, name) != data[name]]
    for name in changed:
        setattr(signal, name, data[name])
    if signal.source_type == Signal.Source.STANDALONE:
        signal.participant_counted = None
    if "story" in changed and signal.story_released:
        # A released story that changes is checked and released again by the organisation.
        signal.story_released = False
        signal.released_at = None
        signal.released_by = None
        changed.append("story_released")
    if not changed:
        return signal
    _check(membership, signal)
    signal.save()
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.UPDATE,
        obj=signal,
        fields=changed,
    )
    return signal


@transaction.atomic
def signal_withdraw(*, membership: Membership, signal: Signal) -> Signal:
    """Withdrawn: kept for the trail, counted nowhere, its story never quoted."""
    if not signal_editable_by(membership, signal):
        raise PermissionDenied
    signal.withdrawn_at = timezone.now()
    signal.withdrawn_by_id = membership.user_id
    signal.story_released = False
    signal.released_at = None
    signal.released_by = None
    signal.save(
        update_fields=[
            "withdrawn_at",
            "withdrawn_by",
            "story_released",
            "released_at",
            "released_by",
            "updated_at",
        ]
    )
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.UPDATE,
        obj=signal,
        fields=["withdrawn_at"],
    )
    return signal


@transaction.atomic
def signal_release(*, membership: Membership, signal: Signal, released: bool = True) -> Signal:
    """Release one story for quoting in the shared report (after the name check), or take
    the release back. Org admins only."""
    if not can_keep(membership) or signal.organisation_id != membership.organisation_id:
        raise PermissionDenied
    if released:
        if signal.withdrawn_at is not None:
            raise ValidationError(_("A withdrawn signal's story cannot be released."))
        refusal = names_error(signal.story, membership.organisation_id)
        if refusal is not None:
            raise refusal
    if signal.story_released == released:
        return signal
    signal.story_released = released
    signal.released_at = timezone.now() if released else None
    signal.released_by_id = membership.user_id if released else None
    signal.save(update_fields=["story_released", "released_at", "released_by", "updated_at"])
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.UPDATE,
        obj=signal,
        fields=["story_released"],
    )
    return signal
