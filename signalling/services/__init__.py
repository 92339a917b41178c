"""Writes for structural signals. Every change is audited."""
