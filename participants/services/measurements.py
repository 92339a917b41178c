"""Recording standardised measurements (scored on save) and enabling instruments per
organisation. Scoring itself is the pure engine in `participants.instruments.scoring`."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import AuditEvent, Membership, Role
from netwerk.services import audit

from ..instruments.scoring import AnswerError, score
from ..models import Instrument, Measurement, OrganisationInstrument, Participant
from .common import require_file_consent, require_writer


def instrument_is_enabled(organisation_id: int, instrument: Instrument) -> bool:
    return OrganisationInstrument.objects.filter(
        organisation_id=organisation_id, instrument=instrument
    ).exists()


def _question_numbers(definition: dict, codes) -> list[str]:
    """Questions by the number the form shows ("6"), never by their code (`lsns_6`)."""
    order = {item["code"]: item["order"] for item in definition.get("items", [])}
    return [str(order.get(code, code)) for code in codes]


def _answer_errors(error: AnswerError, definition: dict) -> ValidationError:
    messages = []
    for item, detail in error.errors.items():
        if detail["code"] == "unknown_item":
            messages.append(_("“%(item)s” is not a question of this instrument.") % {"item": item})
        else:
            messages.append(
                _("“%(value)s” is not a possible answer to question %(item)s.")
                % {"value": detail.get("value"), "item": _question_numbers(definition, [item])[0]}
            )
    return ValidationError({"answers": messages})


def _clean_answers(answers: Any) -> dict[str, str | None]:
    if not isinstance(answers, dict):
        raise ValidationError({"answers": [_("Give the answers per question.")]})
    # An empty answer from a form is a missing answer, not an unknown one.
    return {str(key): (value or None) for key, value in answers.items()}


@transaction.atomic
def measurement_record(
    *,
    membership: Membership,
    participant: Participant,
    instrument: Instrument,
    taken_on: datetime.date,
    answers: dict[str, Any],
) -> Measurement:
    """Score the answers with the instrument's definition and store both.

    Refused, with nothing stored: an instrument the organisation did not enable, a date in the
    future, an unknown question or answer code, or so many missing answers that the instrument
    gives no total (its own missing-data rule decides).
    """
    require_writer(membership, participant)
    require_file_consent(participant)
    if not instrument_is_enabled(participant.organisation_id, instrument):
        raise ValidationError(
            {"instrument": [_("Your organisation has not enabled this instrument.")]}
        )
    if taken_on > timezone.localdate():
        raise ValidationError(
            {"taken_on": [_("A measurement is recorded once it is taken: not in the future.")]}
        )
    answers = _clean_answers(answers)
    try:
        scores = score(instrument.definition, answers)
    except AnswerError as error:
        raise _answer_errors(error, instrument.definition) from None
    if scores.total is None:
        raise ValidationError(
            {
                "answers": [
                    ngettext(
                        "Too many questions are unanswered to compute a score "
                        "(%(count)s missing): question %(items)s.",
                        "Too many questions are unanswered to compute a score "
                        "(%(count)s missing): questions %(items)s.",
                        len(scores.missing_items),
                    )
                    % {
                        "count": len(scores.missing_items),
                        "items": ", ".join(
                            _question_numbers(instrument.definition, scores.missing_items)
                        ),
                    }
                ]
            }
        )
    measurement = Measurement(
        participant=participant,
        instrument=instrument,
        instrument_version=instrument.version,
        taken_on=taken_on,
        answers={key: value for key, value in answers.items() if value is not None},
        scores=scores.as_dict(),
        total=scores.total,
        band=scores.band or "",
        recorded_by=membership.user,
    )
    measurement.full_clean()
    measurement.save()
    audit(membership, AuditEvent.Action.CREATE, measurement, ["answers", "taken_on"])
    return measurement


@transaction.atomic
def measurement_delete(*, membership: Membership, measurement: Measurement) -> None:
    require_writer(membership, measurement.participant)
    audit(membership, AuditEvent.Action.DELETE, measurement)
    measurement.delete()


def _require_org_admin(membership: Membership) -> None:
    if membership.role != Role.ORG_ADMIN or not membership.is_active:
        raise PermissionDenied


@transaction.atomic
def instrument_enable(
    *, membership: Membership, instrument: Instrument, permission_note: str = ""
) -> OrganisationInstrument:
    """An org admin enables an instrument for their organisation (after checking its licence)."""
    _require_org_admin(membership)
    enabled = OrganisationInstrument(
        organisation=membership.organisation,
        instrument=instrument,
        permission_note=permission_note.strip(),
        enabled_by=membership.user,
    )
    enabled.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            enabled.save()
    except IntegrityError:
        raise ValidationError(_("This instrument is enabled already.")) from None
    audit(membership, AuditEvent.Action.CREATE, enabled, ["instrument", "permission_note"])
    return enabled


@transaction.atomic
def instrument_disable(*, membership: Membership, instrument: Instrument) -> None:
    """Stop new measurements with it; measurements already taken stay."""
    _require_org_admin(membership)
    enabled = OrganisationInstrument.objects.filter(
        organisation=membership.organisation, instrument=instrument
    ).first()
    if enabled is not None:
        audit(membership, AuditEvent.Action.DELETE, enabled)
        enabled.delete()
