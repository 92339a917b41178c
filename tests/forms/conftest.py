"""The world of tests/security (a record of every kind, a person in every role), built once for
this folder too; each test runs in its own savepoint inside it."""

from tests.security.conftest import world  # noqa: F401  (the fixture, shared)
