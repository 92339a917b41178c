"""The world of tests/security (one organisation with a record of every kind and a person in
every role), built once for this folder too, with records that carry the values most easily
shown raw: yes/no answers, language lists, a worker, choices, decimals."""

import factory.random
import pytest
from django.test import Client

from tests.database import ensure_the_migrated_rows
from tests.security.world import build_world

from .enrich import enrich


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):
    from django.db import transaction

    factory.random.reseed_random("netwerk-dutch-text")  # the same names every run
    with django_db_blocker.unblock():
        ensure_the_migrated_rows()  # a transactional test may have run before (tests/database.py)
        outer = transaction.atomic()
        outer.__enter__()
        try:
            world = build_world()
            enrich(world)
            world.clients = {"anonymous": Client()}
            for role, membership in world.members.items():
                client = Client()
                client.force_login(membership.user)
                world.clients[role] = client
            yield world
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
