"""A participant's signals in their rights export; erasure unlinks them but keeps the count."""

import pytest

from participants.rights.erasure import participant_anonymise
from participants.rights.export import export_sections
from signalling.models import Signal
from signalling.selectors import Source
from tests.buddies.conftest import make_participant

from .conftest import record

pytestmark = pytest.mark.django_db


def test_the_export_lists_the_files_signals_and_erasure_unlinks_them(social_worker, org_admin):
    participant = make_participant(social_worker)
    signal = record(social_worker, source=Source("file", participant=participant))
    record(social_worker)  # standalone: not the person's
    sections = {s.key: s for s in export_sections(participant)}
    assert len(sections["structural_signals"].records) == 1
    participant_anonymise(membership=org_admin, participant=participant, reason="request")
    signal.refresh_from_db()
    assert signal.participant_id is None and Signal.objects.current().count() == 2
