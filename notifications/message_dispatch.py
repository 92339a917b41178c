"""Sending messages from the outbox (filled in by the SMS gateway work)."""

from collections.abc import Iterable

from django.db import transaction


def kick(ids: Iterable[int], *, channel: str) -> None:
    """Start sending (placeholder until the gateway dispatcher lands)."""


def kick_after_commit(ids: Iterable[int], *, channel: str) -> None:
    ids = list(ids)
    transaction.on_commit(lambda: kick(ids, channel=channel))
