"""The rules of the text check catch what they are for, and leave plain Dutch alone."""

import pytest

from .rules import (
    decimal_points,
    english_words,
    iso_dates,
    language_codes,
    python_reprs,
    python_reprs_in_english,
    snake_case,
    us_dates,
)
from .visible import visible_text


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (snake_case, "Gelezen: network_print"),
        (snake_case, "Herinnering intervention_follow_up"),
        (python_reprs, "Heeft een smartphone: True"),
        (python_reprs, "Talen: ['fr', 'nl']"),
        (python_reprs, "door None"),
        (iso_dates, "Gepland op 2026-03-01"),
        (decimal_points, "Gemiddeld 3.5 uur per week"),
        (language_codes, "Talen: nl, ar"),
        (us_dates, "Planned on March 1, 2026"),
        (english_words, "Opgeslagen. Save changes"),
    ],
)
def test_a_rule_catches_what_it_is_for(rule, text):
    assert rule(text)


@pytest.mark.parametrize(
    "text",
    [
        "Gepland op 1-3-2026 om 07:00, gemiddeld 3,5 uur per week.",
        "Mail naar hulp_lijn@example.org of kijk op /participants/3/",
        "Talen: Nederlands, Arabisch. Het kind speelt buiten.",
        "1.250 deelnemers",
    ],
)
def test_plain_dutch_passes_every_rule(text):
    rules = (snake_case, python_reprs, iso_dates, decimal_points, language_codes, english_words)
    assert not [found for rule in rules for found in rule(text)]


def test_none_is_an_english_word_on_an_english_page():
    assert not python_reprs_in_english("None.")
    assert python_reprs_in_english("Smartphone: True")


def test_visible_text_skips_what_nobody_reads_and_keeps_what_is_read_aloud():
    html = """<html lang="nl"><head><title>Titel</title><style>a_b{}</style></head><body>
      <script>var snake_case = 1;</script><template><p>sjabloon</p></template>
      <p hidden>verborgen</p><span aria-hidden="true">icoon</span>
      <input type="hidden" name="rule" value="intervention_follow_up">
      <input type="date" value="2026-03-01"><input type="submit" value="Bewaren">
      <select><option value="own_network">Eigen netwerk</option></select>
      <img alt="Kaart" src="x.png"><a title="Open het dossier" href="/">Dossier</a>
      <button lang="en">English</button><code>first name</code></body></html>"""
    pieces = visible_text(html)
    texts = [text for text, _lang in pieces]
    assert texts == [
        "Titel",
        "Bewaren",
        "Eigen netwerk",
        "Kaart",
        "Open het dossier",
        "Dossier",
        "English",
        "first name",
    ]
    assert ("English", "en") in pieces
    assert ("first name", "zxx") in pieces  # a literal value: no language
