"""The sending side of a referral: send it, e-mail it outside Netwerk, withdraw its consent.

Only the file's assigned social worker refers (`participants.services.common.require_writer`),
only with the participant's file consent in force, never from an anonymised or closed file.
What crosses the border is `Referral.shared`: a copy of exactly the items chosen with the
participant (`build_shared`), never a national register number or a special-category field
(the Participant model's migration background and health remarks are no SharedItem).
"""

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership, Role
from participants.models import Consent, Goal, Participant
from participants.selectors import participant_editable_by
from participants.services.common import require_file_consent, require_writer
from workmodels.models import Initiative, WorkModel
from workmodels.selectors import initiatives_visible_to

from ..models import ALWAYS_SHARED, Referral, SharedItem
from ..reminders import referral_moved
from ..selectors.sender import shared_in_words
from .steps import audit_both_sides, step_record

logger = logging.getLogger(__name__)

# How far back a referral consent may be dated: it is asked for this referral, now.
CONSENT_AGE_DAYS = 90
REASON_MAX = 1000


def chosen_items(items: Iterable[str]) -> list[str]:
    """The items in SharedItem's order, the always-shared ones included; unknown ones refused."""
    items = set(items) | set(ALWAYS_SHARED)
    unknown = sorted(items - set(SharedItem.values))
    if unknown:
        raise ValidationError({"shared_items": _("Choose only from the list.")})
    return [value for value in SharedItem.values if value in items]


def build_shared(
    participant: Participant,
    items: list[str],
    *,
    reason: str,
    work_model: WorkModel | None,
    goal: Goal | None,
) -> dict:
    """A copy of the chosen items' values, taken now. Nothing else of the file goes along."""
    shared: dict = {}
    for item in items:
        if item == SharedItem.FIRST_NAME:
            shared[item] = participant.first_name
        elif item == SharedItem.LAST_NAME:
            shared[item] = participant.last_name
        elif item == SharedItem.BIRTH_YEAR:
            shared[item] = participant.birth_year
        elif item == SharedItem.CONTACT:
            shared[item] = {"phone": participant.phone, "email": participant.email}
        elif item == SharedItem.LANGUAGES:
            shared[item] = list(participant.languages or [])
        elif item == SharedItem.MUNICIPALITY:
            shared[item] = {
                "municipality": participant.municipality,
                "postcode": participant.postcode,
            }
        elif item == SharedItem.REASON:
            shared[item] = reason
        elif item == SharedItem.WORK_MODEL:
            shared[item] = work_model.code if work_model is not None else ""
        elif item == SharedItem.NETWORK_MAP:
            # Who is in the network and how close: labels, sectors and rings only, never the
            # support, frequency or conflict details of the file's map.
            shared[item] = [
                {"label": label, "sector": sector, "ring": ring}
                for label, sector, ring in participant.network_members.order_by(
                    "ring", "sector", "id"
                ).values_list("label", "sector", "ring")
            ]
        elif item == SharedItem.GOAL:
            shared[item] = goal.description if goal is not None else ""
    return shared


def _check_consent_date(given_on: datetime.date | None) -> None:
    today = timezone.localdate()
    if given_on is None:
        raise ValidationError({"consent_given_on": _("Give the date the consent was given.")})
    if given_on > today:
        raise ValidationError({"consent_given_on": _("The consent cannot be given in the future.")})
    if given_on < today - datetime.timedelta(days=CONSENT_AGE_DAYS):
        raise ValidationError(
            {
                "consent_given_on": _(
                    "Ask the consent for this referral again: it may be at most %(days)s days old."
                )
                % {"days": CONSENT_AGE_DAYS}
            }
        )


def require_referrable(membership: Membership, participant: Participant) -> None:
    """Who may refer from this file, and whether the file may still be referred from."""
    require_writer(membership, participant)  # the assigned social worker; never anonymised
    if participant.status == Participant.Status.CLOSED:
        raise ValidationError(_("This file is closed. Open it again before you refer."))
    require_file_consent(participant)


@transaction.atomic
def referral_send(
    *,
    membership: Membership,
    participant: Participant,
    initiative: Initiative,
    work_model: WorkModel | None = None,
    shared_items: Iterable[str],
    reason: str,
    goal: Goal | None = None,
    consent_method: str,
    consent_given_on: datetime.date,
    consent_purpose: str,
    email_consented: bool = False,
) -> Referral:
    """Refer the participant to an initiative of the directory, sharing only what they chose."""
    require_referrable(membership, participant)
    if not initiatives_visible_to(membership).filter(pk=initiative.pk).exists():
        raise PermissionDenied
    items = chosen_items(shared_items)
    reason = (reason or "").strip()
    errors: dict[str, str] = {}
    if not reason:
        errors["reason"] = _("Write down why, in the participant's own words.")
    elif len(reason) > REASON_MAX:
        errors["reason"] = _("Keep it short: at most %(count)s characters.") % {"count": REASON_MAX}
    offered = list(initiative.work_models.all())
    if work_model is None and offered:
        work_model = offered[0]
    if work_model is not None and offered and work_model not in offered:
        errors["work_model"] = _("Choose one of the work models this initiative offers.")
    if SharedItem.GOAL in items:
        if goal is None:
            errors["goal"] = _("Choose the goal to share, or do not share a goal.")
        elif goal.participant_id != participant.pk:
            raise PermissionDenied
    else:
        goal = None
    if consent_method not in Consent.Method.values:
        errors["consent_method"] = _("Say how the participant gave their consent.")
    if not (consent_purpose or "").strip():
        errors["consent_purpose"] = _("Say for what the participant agreed to share.")
    if errors:
        raise ValidationError(errors)
    _check_consent_date(consent_given_on)
    external = initiative.run_by_id is None
    referral = Referral(
        organisation=membership.organisation,
        participant=participant,
        sent_by=membership.user,
        initiative=initiative,
        initiative_name=initiative.name,
        to_organisation_id=initiative.run_by_id,
        work_model=work_model,
        shared_items=items,
        shared=build_shared(participant, items, reason=reason, work_model=work_model, goal=goal),
        consent_method=consent_method,
        consent_given_on=consent_given_on,
        consent_purpose=consent_purpose.strip(),
        consent_recorded_by=membership.user,
        email_consented=bool(email_consented) and external,
    )
    referral.full_clean()
    referral.save()
    audit_both_sides(membership, AuditEvent.Action.CREATE, referral, items)
    step_record(membership=membership, referral=referral, status=Referral.Status.SENT)
    referral.refresh_from_db()
    # TODO(helper 4/5): an in-app "new referral in your inbox" notice for the receiver's
    # intake roles belongs with the receiving side's reminder rules (referrals/reminders.py).
    return referral


def can_act_for_sender(membership: Membership, referral: Referral) -> bool:
    """Who records the sender's acts on a referral (e-mail, withdrawal): the social worker who
    holds the file now, or who sent it when the file is gone. Org admins read only."""
    if (
        membership.role != Role.SOCIAL_WORKER
        or not membership.is_active
        or referral.organisation_id != membership.organisation_id
    ):
        return False
    if referral.participant is not None:
        return participant_editable_by(membership, referral.participant)
    return referral.sent_by_id == membership.user_id


def can_email(referral: Referral) -> bool:
    """An e-mail to an initiative outside Netwerk, with the participant's consent, not sent yet."""
    return (
        referral.is_external
        and referral.email_consented
        and not referral.consent_withdrawn
        and referral.emailed_at is None
        and referral.initiative is not None
        and bool(referral.initiative.contact_email)
    )


def referral_email_send(*, membership: Membership, referral: Referral) -> Referral:
    """E-mail what the participant agreed to share to the initiative's contact address.

    Safe when the mail server fails: nothing is marked sent, the message says so and the
    sender may try again."""
    if not can_act_for_sender(membership, referral):
        raise PermissionDenied
    if not can_email(referral):
        raise ValidationError(_("This referral cannot be e-mailed."))
    with translation.override(settings.LANGUAGE_CODE):
        context = {"referral": referral, "items": shared_in_words(referral), "sender": membership}
        subject = _("Referral from %(organisation)s") % {"organisation": referral.organisation}
        body = render_to_string("referrals/sender/email.txt", context)
    message = EmailMessage(
        subject,
        body,
        None,
        [referral.initiative.contact_email],
        reply_to=[membership.user.email] if membership.user.email else None,
    )
    try:
        message.send(fail_silently=False)
    except Exception:  # an SMTP error, a refused connection, a time-out
        logger.warning("referral e-mail failed", extra={"referral": referral.pk}, exc_info=True)
        raise ValidationError(
            _("The e-mail could not be sent. Nothing was sent. Try again in a moment."),
            code="mail_failed",
        ) from None
    with transaction.atomic():
        referral.emailed_at = timezone.now()
        referral.save(update_fields=["emailed_at"])
        audit_both_sides(membership, AuditEvent.Action.UPDATE, referral, ["emailed_at"])
    return referral


@transaction.atomic
def referral_consent_withdraw(
    *, membership: Membership, referral: Referral, withdrawn_on: datetime.date | None = None
) -> Referral:
    """The participant withdraws the consent for this referral: nothing more is shared (no
    e-mail, no letter), the receiver sees the withdrawal, and what it already received stays
    with it (its own controller). The status steps go on as they were."""
    if not can_act_for_sender(membership, referral):
        raise PermissionDenied
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.consent_withdrawn:
        raise ValidationError(_("This consent was withdrawn already."))
    withdrawn_on = withdrawn_on or timezone.localdate()
    if withdrawn_on > timezone.localdate():
        raise ValidationError({"withdrawn_on": _("A withdrawal cannot be dated in the future.")})
    if withdrawn_on < referral.consent_given_on:
        raise ValidationError(
            {"withdrawn_on": _("A consent cannot be withdrawn before the date it was given.")}
        )
    referral.consent_withdrawn_on = withdrawn_on
    referral.consent_withdrawal_recorded_by = membership.user
    referral.full_clean()
    referral.save(update_fields=["consent_withdrawn_on", "consent_withdrawal_recorded_by"])
    audit_both_sides(membership, AuditEvent.Action.REVOKE, referral, ["consent_withdrawn_on"])
    referral_moved(referral)
    return referral
