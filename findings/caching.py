"""Caching the dashboard: keyed by organisation and a data version.

Every save or delete of the data the dashboard reads bumps the version once the transaction
commits, so a cached dashboard is never older than the last change made through the app.
Bulk loads that bypass signals (COPY, queryset.update) are caught by the time limit.
One global version keeps writes free of extra queries; the price is that a change in one
organisation also refreshes the others' dashboards.
"""

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

VERSION_KEY = "findings:dashboard-version"
TIMEOUT = 15 * 60


def data_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, timeout=None)
    return int(version)


def bump_version(**_kwargs) -> None:
    def bump():
        try:
            cache.incr(VERSION_KEY)
        except ValueError:  # missing, or the cache is down
            cache.set(VERSION_KEY, data_version() + 1, timeout=None)

    transaction.on_commit(bump)


def key(kind: str, organisation_id: int, *parts) -> str:
    extra = ":".join(str(part) for part in parts)
    return f"findings:{kind}:{organisation_id}:{data_version()}:{extra}"


def connect_signals() -> None:
    from participants.models import (
        Consent,
        Measurement,
        NetworkSnapshot,
        Participant,
        Trajectory,
    )

    from .models import Finding, Quote

    for model in (Participant, Consent, Trajectory, NetworkSnapshot, Measurement, Finding, Quote):
        uid = f"findings-dashboard-{model._meta.label_lower}"
        post_save.connect(bump_version, sender=model, dispatch_uid=uid + "-save")
        post_delete.connect(bump_version, sender=model, dispatch_uid=uid + "-delete")
    m2m_changed.connect(
        bump_version, sender=Finding.quotes.through, dispatch_uid="findings-dashboard-quotes"
    )
