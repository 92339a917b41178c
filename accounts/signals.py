"""Log-ins and log-outs go into the audit trail (ids only, never the e-mail tried)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import Signal, receiver

from .audit import audit_record
from .models import AuditEvent

# Sent inside the transaction that grants the role of an accepted invitation, with
# `invitation` and `membership`: other apps link what waited for this person (the buddies app
# links a volunteer profile a coordinator made before the volunteer had a log-in).
invitation_accepted = Signal()


@receiver(user_logged_in)
def _audit_login(sender, request, user, **kwargs):
    audit_record(
        actor=user,
        organisation=None,
        action=AuditEvent.Action.LOGIN,
        object_type="accounts.user",
        object_id=user.pk,
    )


@receiver(user_logged_out)
def _audit_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(
            actor=user,
            organisation=None,
            action=AuditEvent.Action.LOGOUT,
            object_type="accounts.user",
            object_id=user.pk,
        )


@receiver(user_login_failed)
def _audit_login_failed(sender, credentials, request=None, **kwargs):
    audit_record(actor=None, organisation=None, action=AuditEvent.Action.LOGIN_FAILED)
