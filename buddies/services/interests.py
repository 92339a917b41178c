"""The interest tags an organisation offers (walking, cooking, football, ...)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Membership
from netwerk.services import audit

from ..models import InterestTag
from ..models.settings import MAX_INTEREST_TAGS
from .common import require_manager


def _clean_name(membership: Membership, name: str, tag: InterestTag | None = None) -> str:
    name = name.strip()
    tags = InterestTag.objects.filter(organisation_id=membership.organisation_id)
    if tag is not None:
        tags = tags.exclude(pk=tag.pk)
    if not name:
        raise ValidationError({"name": _("Give the interest a name.")})
    if tags.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("This interest exists already.")})
    return name


@transaction.atomic
def interest_tag_create(*, membership: Membership, name: str) -> InterestTag:
    require_manager(membership)
    name = _clean_name(membership, name)
    if InterestTag.objects.filter(organisation_id=membership.organisation_id).count() >= (
        MAX_INTEREST_TAGS
    ):
        raise ValidationError(
            {"name": _("An organisation has at most %(n)d interests.") % {"n": MAX_INTEREST_TAGS}}
        )
    tag = InterestTag.objects.create(organisation_id=membership.organisation_id, name=name)
    audit(membership, AuditEvent.Action.CREATE, tag)
    return tag


@transaction.atomic
def interest_tag_rename(*, membership: Membership, tag: InterestTag, name: str) -> InterestTag:
    """A new name for the same interest: volunteers and requests keep it."""
    require_manager(membership, tag.organisation_id)
    tag.name = _clean_name(membership, name, tag)
    tag.save(update_fields=["name"])
    audit(membership, AuditEvent.Action.UPDATE, tag, ["name"])
    return tag


@transaction.atomic
def interest_tag_delete(*, membership: Membership, tag: InterestTag) -> None:
    """The interest disappears from every volunteer and request that had it."""
    require_manager(membership, tag.organisation_id)
    audit(membership, AuditEvent.Action.DELETE, tag)
    tag.delete()
