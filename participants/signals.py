"""Signals the participant services send, for apps that depend on participants (groups,
buddies) to follow a change without participants importing them."""

from django.dispatch import Signal

# Sent inside the transaction of `services.handover.files_reassign`, after the files changed
# worker, with `membership` (the org admin's), `organisation_id`, `handovers` (a queryset of
# the act's FileHandover rows: one per file, with `participant_id` and `from_worker_id`),
# `from_worker_ids` (a set) and `to_worker_id`. Receivers work set-based: a fixed number of
# queries whatever the number of files.
files_handed_over = Signal()
