"""Caching the dashboard: keyed by organisation and that organisation's data version.

Every save or delete of the data the dashboard reads bumps the version of the organisation it
belongs to once the transaction commits, so a cached dashboard is never older than the last
change made through the app, and a change in one organisation leaves the others' cached
figures alone. The study's findings are shared by every organisation: a change to one of them
bumps a shared version that is part of every key. Bulk loads that bypass signals (COPY,
queryset.update) are caught by the time limit.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

SHARED = "shared"  # the version every organisation's key includes
TIMEOUT = 15 * 60


def _version_key(scope: int | str) -> str:
    return f"findings:dashboard-version:{scope}"


def data_version(organisation_id: int) -> str:
    """The organisation's data version with the shared one, in one cache round trip."""
    keys = [_version_key(SHARED), _version_key(organisation_id)]
    found = cache.get_many(keys)
    for name in keys:
        if name not in found:
            cache.add(name, 1, timeout=None)
            found[name] = cache.get(name, 1)
    return ".".join(str(found[name]) for name in keys)


def bump(scope: int | str) -> None:
    """A new data version for one organisation (or SHARED: for all), once the transaction
    commits."""

    def bump_now():
        name = _version_key(scope)
        try:
            cache.incr(name)
        except ValueError:  # missing, or the cache is down
            cache.set(name, int(cache.get(name, 1)) + 1, timeout=None)

    transaction.on_commit(bump_now)


def key(kind: str, organisation_id: int, *parts) -> str:
    extra = ":".join(str(part) for part in parts)
    return f"findings:{kind}:{organisation_id}:{data_version(organisation_id)}:{extra}"


def organisation_of(instance) -> int | str:
    """The organisation whose figures a change to this row touches (SHARED: every one)."""
    from participants.models import Participant

    from .models import Finding, Quote

    if isinstance(instance, Finding):
        return instance.organisation_id or SHARED
    if isinstance(instance, Participant) or _has_field(instance, "organisation"):
        return instance.organisation_id  # also a buddy match, a group
    if isinstance(instance, Quote):
        found = _through(instance, "focus_group")
    elif _has_field(instance, "snapshot"):  # a snapshot's frozen member or tie
        found = _through_snapshot(instance)
    else:  # consent, trajectory, snapshot, measurement: through the participant
        found = _through(instance, "participant")
    return found or SHARED


def _through(instance, name: str) -> int | None:
    """The organisation of the row `instance.<name>` points to: no query when it is loaded."""
    field = instance._meta.get_field(name)
    if field.is_cached(instance):
        return getattr(instance, name).organisation_id
    target = field.related_model._base_manager.filter(pk=getattr(instance, field.attname))
    # None: already deleted (a cascade); then every organisation's figures are refreshed.
    return target.values_list("organisation_id", flat=True).first()


def _has_field(instance, name: str) -> bool:
    return any(field.name == name for field in instance._meta.concrete_fields)


def _through_snapshot(instance) -> int | None:
    from participants.models import NetworkSnapshot

    field = instance._meta.get_field("snapshot")
    if field.is_cached(instance) and field.get_cached_value(instance) is not None:
        return _through(instance.snapshot, "participant")
    found = NetworkSnapshot._base_manager.filter(pk=instance.snapshot_id)
    return found.values_list("participant__organisation_id", flat=True).first()


def bump_for_row(instance, **_kwargs) -> None:
    bump(organisation_of(instance))


def bump_for_map_row(instance, **_kwargs) -> None:
    """A member or tie of a participant's map saved or removed. Removing a participant or a
    member removes their ties row by row: the organisation is looked up once per participant
    and transaction, not once per tie."""
    from django.db import connection

    if not connection.in_atomic_block:
        bump(organisation_of(instance))
        return
    # The pending on-commit hooks are a new list after each commit or rollback: a memo kept
    # with them lives as long as the transaction.
    state = getattr(connection, "_findings_map_orgs", None)
    if state is None or state[0] is not connection.run_on_commit:
        state = connection._findings_map_orgs = (connection.run_on_commit, {})
    memo = state[1]
    if instance.participant_id not in memo:
        memo[instance.participant_id] = organisation_of(instance)
        bump(memo[instance.participant_id])


def bump_for_quotes(instance, action: str, reverse: bool, pk_set, **_kwargs) -> None:
    """A quote linked to or unlinked from a finding: the quote's organisation; coding quotes
    against one of the study's shared findings changes only their organisation's figures."""
    from .models import Quote

    if not action.startswith("post_"):
        return
    scopes = {organisation_of(instance)}
    if not reverse and scopes == {SHARED} and pk_set:
        quotes = Quote.objects.filter(pk__in=pk_set)
        scopes = set(quotes.values_list("focus_group__organisation_id", flat=True))
    for scope in scopes:
        bump(scope)


def connect_signals() -> None:
    from buddies.models import Match
    from groups.models import Group
    from participants.models import (
        Consent,
        Measurement,
        MemberTie,
        NetworkMember,
        NetworkSnapshot,
        Participant,
        SnapshotMember,
        SnapshotTie,
        Trajectory,
    )

    from .models import Finding, Quote

    for model in (
        Participant,
        Consent,
        Trajectory,
        NetworkSnapshot,
        Measurement,
        Finding,
        Quote,
        Match,
        Group,
    ):
        uid = f"findings-dashboard-{model._meta.label_lower}"
        post_save.connect(bump_for_row, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(bump_for_row, sender=model, dispatch_uid=uid + "-delete")
    # The durable ties read the maps' members and ties, today's and frozen (and when the
    # matches, groups and trajectories that created them ended). A frozen member or tie is
    # only ever written, and removed with its snapshot (which bumps).
    for model in (NetworkMember, MemberTie):
        uid = f"findings-dashboard-{model._meta.label_lower}"
        post_save.connect(bump_for_map_row, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(bump_for_map_row, sender=model, dispatch_uid=uid + "-delete")
    for model in (SnapshotMember, SnapshotTie):
        uid = f"findings-dashboard-{model._meta.label_lower}"
        post_save.connect(bump_for_row, sender=model, dispatch_uid=uid + "-save")
    m2m_changed.connect(
        bump_for_quotes, sender=Finding.quotes.through, dispatch_uid="findings-dashboard-quotes"
    )
