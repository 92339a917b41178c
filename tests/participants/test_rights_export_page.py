"""The page of everything we keep is what the participant receives: a readable Dutch document
(labels, answers in words, Belgian dates, scores explained), printable, with the JSON beside it."""

import re

import pytest
from django.utils import translation

from participants.rights.export import export_sections, shown

from .test_rights_builders import make_full_file
from .test_rights_export import reauthenticated

pytestmark = pytest.mark.django_db

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# Words that read the same in both languages, so an identical label is not an English one.
SAME_IN_BOTH = {"status", "plan", "postcode", "e-mail", "start", "sector", "per"}


@pytest.fixture
def full_file(social_worker):
    return make_full_file(social_worker)


@pytest.fixture
def page(full_file, social_worker) -> str:
    response = reauthenticated(social_worker).get(f"/participants/{full_file.pk}/rights/")
    assert response.status_code == 200
    return response.content.decode()


def _labels(participant, language: str) -> dict[tuple[str, str], str]:
    with translation.override(language):
        return {
            (section.key, item.key): item.label
            for section in export_sections(participant)
            for record in shown(section.records)
            for item in record
        }


def test_every_label_on_the_page_is_dutch_and_no_field_name(full_file):
    dutch = _labels(full_file, "nl")
    english = _labels(full_file, "en")
    assert dutch
    untranslated = [
        (key, label)
        for key, label in dutch.items()
        if "_" in label or (label.lower() not in SAME_IN_BOTH and label == english[key])
    ]
    assert untranslated == []


def test_the_page_shows_no_codes_json_or_iso_dates(page):
    text = re.sub(r"<[^>]+>", " ", page)
    assert "lsns_" not in text
    assert "{" not in text and "[" not in text
    assert "True" not in text and "None" not in text
    assert not ISO_DATE.search(text)


def test_measurement_answers_are_words_and_the_score_is_explained(page):
    assert "Hoeveel familieleden zie of hoor je minstens één keer per maand? — twee" in page
    assert "12 van 30" in page  # every answer "two" scores 2, six times
    assert "score onder 12 wijst op een risico op sociaal isolement" in page
    assert "geen verhoogd risico op sociaal isolement" in page


def test_dates_are_written_day_month_year(page, full_file):
    created = full_file.created_at.astimezone().date()
    assert f"{created.day}-{created.month}-{created.year}" in page


def test_the_page_can_be_printed_and_the_json_is_beside_it(page, full_file):
    assert "data-print" in page and "/static/js/print.js" in page
    assert f"/participants/{full_file.pk}/rights/export.json" in page
    assert "nw-no-print" in page  # the buttons stay off the paper


def test_empty_parts_are_named_once_at_the_end(social_worker):
    from participants import services

    participant = services.participant_create(
        membership=social_worker,
        data={"first_name": "Zyqempty", "languages": ["nl", "ar"]},
        file_consent_method="oral",
    )
    page = reauthenticated(social_worker).get(f"/participants/{participant.pk}/rights/")
    html = page.content.decode()
    assert "Niets bijgehouden over" in html
    assert "Arabisch, Nederlands" in html  # languages by name, not "ar, nl"
