"""Safety fixtures: the buddy fixtures (a volunteer, a participant with a waiting request) and
a match between them, proposed by the coordinator."""

import pytest

from buddies import services as buddy_services
from tests.buddies.conftest import buddy, buddy_request  # noqa: F401  (fixtures)


@pytest.fixture
def match(coordinator, buddy, buddy_request):  # noqa: F811
    return buddy_services.match_propose(
        membership=coordinator, request=buddy_request, volunteer=buddy
    )


@pytest.fixture
def participant(match):
    return match.participant
