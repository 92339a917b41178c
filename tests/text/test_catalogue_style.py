"""Every Dutch text of the catalogue, also those no crawl meets (error messages, e-mails), says
"je" and not "u", one word per concept and compounds as one word."""

import polib
import pytest

from .rules import _catalogue, house_words, stray_capitals


def _dutch_texts():
    for entry in _catalogue():
        if entry.obsolete:
            continue
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            if text:
                yield entry, text


def test_the_catalogue_holds_the_house_style():
    problems = [
        f"{entry.msgid!r}: {found}"
        for entry, text in _dutch_texts()
        for found in [*house_words(text), *stray_capitals(text)]
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("entry", [polib.POEntry(msgid="x", msgstr="Kijk uw gegevens na")])
def test_the_style_check_catches_formal_address(entry):
    assert house_words(entry.msgstr)
