"""What may not appear in the text a person reads: the rules of the Dutch text check.

Each rule returns the offending snippets of one piece of visible text (see visible.py).
"""

import re
from functools import cache
from pathlib import Path

import polib
from django.conf import settings

from netwerk.languages import LANGUAGE_CODES

# Taken out of the text before the rules look at it: addresses are data, not words.
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"(?:https?://|/)[\w./?=&%#:-]*")

SNAKE_CASE = re.compile(r"(?<![\w.-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w-])")
PYTHON_REPR = re.compile(r"\b(?:True|False|None)\b|\[['\"]|\{['\"]|\[\]|\{\}|\bobject at 0x")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# 3.5 or 0.25 in a Dutch text (the decimal sign is a comma); 1.250 could be a thousands
# separator and is left alone.
DECIMAL_POINT = re.compile(r"(?<![\d.,])\d+\.(?!\d{3}(?![\d]))\d+(?![\d.])")
US_DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}, \d{4}\b"
)

# A list of language codes ("nl, ar") where the names belong ("Nederlands, Arabisch").
_CODES = "|".join(sorted(LANGUAGE_CODES, key=len, reverse=True))
LANGUAGE_CODE_LIST = re.compile(rf"\b(?:{_CODES})(?:, (?:{_CODES}))+\b")

# "voor Een dossier": a capital article mid-sentence, where a capitalised label was pasted into
# a sentence ("De Linde", a name, is followed by a capital and left alone).
STRAY_CAPITAL = re.compile(r"(?<=[a-zà-ÿ] )(?:Een|De|Het) (?=[a-zà-ÿ])")
# Formal address and words that name one concept two ways.
HOUSE_WORDS = {
    re.compile(r"\b(?:Uw|uw|U|u)\b(?![-.])"): "je (not u/uw)",
    re.compile(r"(?i)\btwee-?factor"): "tweestapsverificatie",
    re.compile(r"(?i)\be-?mail adres"): "e-mailadres (one word)",
    re.compile(r"(?i)\b(?:inloggen|uitloggen|ingelogd|uitgelogd)\b"): "aanmelden/afmelden",
}

WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdi]|%[sd]|\{\w*\}|<[^>]+>")

# English msgids that are (also) ordinary Dutch, or names, and so may stand on a Dutch page.
ENGLISH_ALLOWED = {
    "netwerk",  # the product's name
}


def _clean(text: str) -> str:
    return URL.sub(" ", EMAIL.sub(" ", text))


def snake_case(text: str) -> list[str]:
    return SNAKE_CASE.findall(_clean(text))


def python_reprs(text: str) -> list[str]:
    return PYTHON_REPR.findall(_clean(text))


def python_reprs_in_english(text: str) -> list[str]:
    """As python_reprs, but "None" is also an English word ("None." under an empty list)."""
    return [found for found in python_reprs(text) if found != "None"]


def iso_dates(text: str) -> list[str]:
    return ISO_DATE.findall(_clean(text))


def decimal_points(text: str) -> list[str]:
    return DECIMAL_POINT.findall(_clean(ISO_DATE.sub(" ", text)))


def language_codes(text: str) -> list[str]:
    return LANGUAGE_CODE_LIST.findall(text)


def stray_capitals(text: str) -> list[str]:
    return STRAY_CAPITAL.findall(text)


def house_words(text: str) -> list[str]:
    return [
        f"{found} → {preferred}"
        for pattern, preferred in HOUSE_WORDS.items()
        for found in pattern.findall(_clean(text))
    ]


def us_dates(text: str) -> list[str]:
    return US_DATE.findall(text)


def _words(text: str) -> list[str]:
    return [word.lower() for word in WORD.findall(text)]


@cache
def _catalogue() -> polib.POFile:
    return polib.pofile(
        str(Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES" / "django.po")
    )


@cache
def english_phrases() -> frozenset[tuple[str, ...]]:
    """The UI's English texts that Dutch says differently, as sequences of words.

    A text of two words or more counts whole (its literal parts between placeholders); a
    single word only when it is not also a Dutch word (one that occurs in any Dutch text of the
    catalogue: "kind", "over" and "is" are Dutch too) and is at least four letters long.
    """
    dutch_words: set[str] = set()
    for entry in _catalogue():
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            dutch_words.update(_words(text))
    phrases: set[tuple[str, ...]] = set()
    for entry in _catalogue():
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        translations = [entry.msgstr, *entry.msgstr_plural.values()]
        for english in filter(None, [entry.msgid, entry.msgid_plural]):
            if any(_words(english) == _words(dutch) for dutch in translations):
                continue  # the same in both languages
            for part in PLACEHOLDER.split(english):
                words = tuple(_words(part))
                if len(words) >= 2 or (
                    len(words) == 1
                    and len(words[0]) >= 4
                    and words[0] not in dutch_words
                    and words[0] not in ENGLISH_ALLOWED
                ):
                    phrases.add(words)
    return frozenset(phrases)


def english_words(text: str) -> list[str]:
    """The English UI texts found verbatim (as whole words) in a piece of Dutch text."""
    phrases = english_phrases()
    longest = max(map(len, phrases))
    words = _words(_clean(text))
    found = []
    for start in range(len(words)):
        for length in range(min(longest, len(words) - start), 0, -1):
            candidate = tuple(words[start : start + length])
            if candidate in phrases:
                found.append(" ".join(candidate))
                break
    return found


DUTCH_RULES = {
    "snake_case identifier": snake_case,
    "Python value": python_reprs,
    "ISO date": iso_dates,
    "decimal point": decimal_points,
    "untranslated English": english_words,
    "language codes": language_codes,
    "stray capital": stray_capitals,
    "house style": house_words,
}
# Rules about the language itself: a part marked with another `lang` is exempt from these.
LANGUAGE_RULES = {
    "untranslated English",
    "decimal point",
    "US date",
    "stray capital",
    "house style",
}
ENGLISH_RULES = {
    "snake_case identifier": snake_case,
    "Python value": python_reprs_in_english,
    "ISO date": iso_dates,
    "US date": us_dates,
    "language codes": language_codes,
}
