"""Writes for structural signals. Every change is audited."""

from .settings import sharing_set, theme_create, theme_update
from .signals import (
    names_error,
    signal_record,
    signal_release,
    signal_update,
    signal_withdraw,
)
from .themes import theme_defaults_create

__all__ = [
    "names_error",
    "sharing_set",
    "signal_record",
    "signal_release",
    "signal_update",
    "signal_withdraw",
    "theme_create",
    "theme_defaults_create",
    "theme_update",
]
