"""Writes for accounts: organisations, invitations and memberships. Each one is audited."""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from .audit import audit_record
from .hooks import membership_blockers
from .models import (
    POLICY_ANALYST_KINDS,
    AuditEvent,
    Invitation,
    Membership,
    Organisation,
    Role,
    User,
)
from .signals import invitation_accepted


def role_allowed_in(organisation: Organisation, role: str) -> bool:
    """A policy analyst works for local government: only a municipality (or its social
    services) can give that role, so no welfare organisation turns its own staff into readers
    of the instance-wide figures."""
    return role != Role.POLICY_ANALYST or organisation.kind in POLICY_ANALYST_KINDS


def _check_role_allowed(organisation: Organisation, role: str) -> None:
    if not role_allowed_in(organisation, role):
        raise ValidationError(
            {"role": _("Only a municipality or its social services can have a policy analyst.")}
        )


def _hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def organisation_create(
    *, name: str, kind: str, municipality: str, require_mfa: bool | None = None
) -> Organisation:
    organisation = Organisation(
        name=name,
        kind=kind,
        municipality=municipality,
        require_mfa=settings.NETWERK_MFA_DEFAULT_REQUIRED if require_mfa is None else require_mfa,
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update_settings(
    *,
    organisation: Organisation,
    actor: User,
    require_mfa: bool,
    team_access: bool,
    retention_years: int | None = None,
) -> Organisation:
    changed = []
    if retention_years is not None and organisation.retention_years != retention_years:
        organisation.retention_years = retention_years
        changed.append("retention_years")
    if organisation.require_mfa != require_mfa:
        organisation.require_mfa = require_mfa
        changed.append("require_mfa")
    if organisation.team_access != team_access:
        organisation.team_access = team_access
        changed.append("team_access")
    if changed:
        organisation.save(update_fields=changed)
        audit_record(
            actor=actor,
            organisation=organisation,
            action=AuditEvent.Action.UPDATE,
            obj=organisation,
            fields=changed,
        )
    return organisation


def invitation_link(token: str) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("invitation_accept", args=[token])


@transaction.atomic
def invitation_create(
    *, organisation: Organisation, email: str, role: str, invited_by: User
) -> tuple[Invitation, str]:
    """Invite a person; returns the invitation and the secret token (sent, never stored)."""
    email = email.strip().lower()
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a valid role.")})
    _check_role_allowed(organisation, role)
    if Membership.objects.filter(
        organisation=organisation, user__email__iexact=email, is_active=True
    ).exists():
        raise ValidationError({"email": _("This person already has a role in this organisation.")})
    # A new invitation replaces any open one for the same address.
    Invitation.objects.filter(
        organisation=organisation, email__iexact=email, accepted_at=None, revoked_at=None
    ).update(revoked_at=timezone.now())
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        organisation=organisation,
        email=email,
        role=role,
        token_hash=_hash_token(token),
        invited_by=invited_by,
        expires_at=timezone.now() + timedelta(days=settings.NETWERK_INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    audit_record(
        actor=invited_by,
        organisation=organisation,
        action=AuditEvent.Action.INVITE,
        obj=invitation,
    )
    link = invitation_link(token)
    language = getattr(invited_by, "preferred_language", settings.LANGUAGE_CODE)
    transaction.on_commit(lambda: _send_invitation_mail(invitation, link, language))
    return invitation, token


def _send_invitation_mail(invitation: Invitation, link: str, language: str) -> None:
    with translation.override(language):
        context = {
            "organisation": invitation.organisation.name,
            "role": invitation.get_role_display(),
            "link": link,
            "days": settings.NETWERK_INVITATION_DAYS,
        }
        subject = _("You are invited to Netwerk by %(organisation)s") % context
        body = render_to_string("accounts/email/invitation.txt", context)
    send_mail(subject, body, None, [invitation.email])


def invitation_get_open(token: str) -> Invitation | None:
    invitation = (
        Invitation.objects.select_related("organisation")
        .filter(token_hash=_hash_token(token))
        .first()
    )
    if invitation is None or not invitation.is_open:
        return None
    return invitation


def _membership_grant(*, invitation: Invitation, user: User) -> Membership:
    membership, _created = Membership.objects.update_or_create(
        user=user,
        organisation=invitation.organisation,
        defaults={"role": invitation.role, "is_active": True},
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    audit_record(
        actor=user,
        organisation=invitation.organisation,
        action=AuditEvent.Action.ACCEPT,
        obj=membership,
    )
    invitation_accepted.send(sender=Invitation, invitation=invitation, membership=membership)
    return membership


@transaction.atomic
def invitation_accept_new_user(*, invitation: Invitation, full_name: str, password: str) -> User:
    """Create the account for an invited address and grant the role."""
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise ValidationError(_("An account with this address exists already; log in first."))
    user = User(email=invitation.email, full_name=full_name.strip())
    validate_password(password, user)
    user.set_password(password)
    user.full_clean()
    user.save()
    # The invitation reached this address, which proves it; allauth keeps that fact here.
    from allauth.account.models import EmailAddress

    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    _membership_grant(invitation=invitation, user=user)
    return user


@transaction.atomic
def invitation_accept_existing_user(*, invitation: Invitation, user: User) -> Membership:
    if user.email.lower() != invitation.email.lower():
        raise ValidationError(_("This invitation was sent to another e-mail address."))
    return _membership_grant(invitation=invitation, user=user)


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, actor: User) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            organisation=invitation.organisation,
            action=AuditEvent.Action.REVOKE,
            obj=invitation,
        )


def _ensure_an_admin_remains(membership: Membership, *, new_role: str, active: bool) -> None:
    if membership.role != Role.ORG_ADMIN or (new_role == Role.ORG_ADMIN and active):
        return
    other_admins = Membership.objects.filter(
        organisation=membership.organisation, role=Role.ORG_ADMIN, is_active=True
    ).exclude(pk=membership.pk)
    if not other_admins.exists():
        raise ValidationError(_("An organisation needs at least one active organisation admin."))


@transaction.atomic
def membership_update(
    *, membership: Membership, actor: User, role: str, is_active: bool
) -> Membership:
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a valid role.")})
    if role != membership.role:
        _check_role_allowed(membership.organisation, role)
    _ensure_an_admin_remains(membership, new_role=role, active=is_active)
    if role != membership.role or is_active != membership.is_active:
        # Nothing may be left without a person (a social worker's files): the other apps say.
        blockers = membership_blockers(membership, role=role, is_active=is_active)
        if blockers:
            raise ValidationError(
                [blocker.message for blocker in blockers], code="membership_blocked"
            )
    changed = []
    if membership.role != role:
        membership.role = role
        changed.append("role")
    if membership.is_active != is_active:
        membership.is_active = is_active
        changed.append("is_active")
    if changed:
        membership.save(update_fields=changed)
        audit_record(
            actor=actor,
            organisation=membership.organisation,
            action=AuditEvent.Action.UPDATE,
            obj=membership,
            fields=changed,
        )
    return membership


def user_set_language(*, user: User, language: str) -> None:
    if language in dict(settings.LANGUAGES) and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
