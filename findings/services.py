"""Writes for focus groups, quotes and findings. Researchers and org admins only."""

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership
from netwerk.services import audit

from .models import QUOTE_MAX_LENGTH, Finding, FocusGroup, Quote
from .selectors import FINDINGS_EDITORS

FOCUS_GROUP_FIELDS = ("held_on", "kind", "people", "facilitator", "place")
FINDING_FIELDS = ("work_model", "kind", "statement_nl", "statement_en", "source")


def _require_coder(membership: Membership) -> None:
    if membership.role not in FINDINGS_EDITORS or not membership.is_active:
        raise PermissionDenied


@transaction.atomic
def focus_group_create(*, membership: Membership, data: dict[str, Any]) -> FocusGroup:
    _require_coder(membership)
    data = {key: value for key, value in data.items() if key in FOCUS_GROUP_FIELDS}
    group = FocusGroup(organisation=membership.organisation, created_by=membership.user, **data)
    group.full_clean()
    group.save()
    audit(membership, AuditEvent.Action.CREATE, group, data)
    return group


@transaction.atomic
def quote_add(
    *, membership: Membership, focus_group: FocusGroup, text: str, speaker_kind: str
) -> Quote:
    _require_coder(membership)
    if focus_group.organisation_id != membership.organisation_id:
        raise PermissionDenied
    text = (text or "").strip()
    if len(text) > QUOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "text": _(
                    "A quote can be at most %(max)s characters long (this one has %(count)s). "
                    "Keep the essential part."
                )
                % {"max": QUOTE_MAX_LENGTH, "count": len(text)}
            }
        )
    quote = Quote(focus_group=focus_group, text=text, speaker_kind=speaker_kind)
    quote.full_clean()
    quote.save()
    audit(membership, AuditEvent.Action.CREATE, quote, ["text", "speaker_kind"])
    return quote


def _check_finding(finding: Finding) -> None:
    if finding.kind not in Finding.Kind.values:
        raise ValidationError(
            {
                "kind": _(
                    "Say what kind of finding this is: a strength, a weakness, a "
                    "precondition or an attention point."
                )
            }
        )


@transaction.atomic
def finding_create(
    *, membership: Membership, data: dict[str, Any], quotes: Iterable[Quote] = ()
) -> Finding:
    _require_coder(membership)
    data = {key: value for key, value in data.items() if key in FINDING_FIELDS}
    finding = Finding(organisation=membership.organisation, created_by=membership.user, **data)
    _check_finding(finding)
    finding.full_clean()
    finding.save()
    audit(membership, AuditEvent.Action.CREATE, finding, data)
    finding_link_quotes(membership=membership, finding=finding, quotes=quotes)
    return finding


@transaction.atomic
def finding_link_quotes(
    *, membership: Membership, finding: Finding, quotes: Iterable[Quote]
) -> Finding:
    """Link the organisation's own quotes to a finding (its own or one of the study's)."""
    _require_coder(membership)
    quotes = list(quotes)
    if finding.organisation_id not in (None, membership.organisation_id):
        raise PermissionDenied
    if any(q.focus_group.organisation_id != membership.organisation_id for q in quotes):
        raise PermissionDenied
    if quotes:
        finding.quotes.add(*quotes)
        audit(membership, AuditEvent.Action.UPDATE, finding, ["quotes"])
    return finding
