"""Writes for the organisation's signal settings: sharing and themes. Audited."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import AuditEvent, Membership

from ..models import SignalSharing, SignalTheme
from ..selectors import can_keep

THEME_FIELDS = ("name", "description", "order", "active")
MAX_THEMES = 60


def _require_keeper(membership: Membership) -> None:
    if not can_keep(membership):
        raise PermissionDenied


@transaction.atomic
def sharing_set(*, membership: Membership, opted_in: bool) -> SignalSharing:
    _require_keeper(membership)
    sharing, _created = SignalSharing.objects.select_for_update().get_or_create(
        organisation_id=membership.organisation_id
    )
    if sharing.opted_in == opted_in and not _created:
        return sharing
    sharing.opted_in = opted_in
    sharing.since = timezone.now()
    sharing.by_id = membership.user_id
    sharing.save()
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.UPDATE,
        obj=sharing,
        fields=["opted_in"],
    )
    return sharing


def _unique_name(membership: Membership, name: str, theme: SignalTheme | None = None) -> None:
    others = SignalTheme.objects.filter(
        organisation_id=membership.organisation_id, name__iexact=name.strip()
    )
    if theme is not None:
        others = others.exclude(pk=theme.pk)
    if others.exists():
        raise ValidationError({"name": _("Your organisation already has a theme with this name.")})


@transaction.atomic
def theme_create(*, membership: Membership, data: dict) -> SignalTheme:
    _require_keeper(membership)
    if SignalTheme.objects.filter(organisation_id=membership.organisation_id).count() >= (
        MAX_THEMES
    ):
        raise ValidationError(
            _("An organisation has at most %(n)s themes. Switch one off or rename it instead.")
            % {"n": MAX_THEMES}
        )
    theme = SignalTheme(
        organisation_id=membership.organisation_id,
        **{name: data[name] for name in THEME_FIELDS if name in data},
    )
    theme.name = theme.name.strip()
    _unique_name(membership, theme.name)
    theme.full_clean()
    theme.save()
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.CREATE,
        obj=theme,
        fields=[name for name in THEME_FIELDS if name in data],
    )
    return theme


@transaction.atomic
def theme_update(*, membership: Membership, theme: SignalTheme, data: dict) -> SignalTheme:
    _require_keeper(membership)
    if theme.organisation_id != membership.organisation_id:
        raise PermissionDenied
    if "name" in data:
        data = {**data, "name": data["name"].strip()}
        _unique_name(membership, data["name"], theme)
    changed = [n for n in THEME_FIELDS if n in data and getattr(theme, n) != data[n]]
    if not changed:
        return theme
    for name in changed:
        setattr(theme, name, data[name])
    theme.full_clean()
    theme.save()
    audit_record(
        actor=membership.user,
        organisation=membership.organisation,
        action=AuditEvent.Action.UPDATE,
        obj=theme,
        fields=changed,
    )
    return theme
