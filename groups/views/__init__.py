"""Group pages. Every record is fetched within `groups_visible_to` (404 otherwise)."""
