"""The beat schedule is told in plain words, never as seconds or a crontab."""

import pytest
from django.utils import translation

from notifications.schedule import at, every


@pytest.mark.parametrize(
    ("seconds", "words"),
    [
        (60, "elke minuut"),
        (300, "om de 5 minuten"),
        (3600, "elk uur"),
        (7200, "om de 2 uur"),
        (86400, "elke dag"),
        (45, "om de 45 seconden"),
    ],
)
def test_an_interval_reads_as_dutch(seconds, words):
    with translation.override("nl"):
        assert every(seconds) == words


@pytest.mark.parametrize(
    ("crontab", "words"),
    [
        (("0", "7", "1"), "elke maandag om 07:00"),
        (("30", "3", "*"), "elke dag om 03:30"),
        (("0", "*", "*"), "elk uur"),
        (("0", "7", "0"), "elke zondag om 07:00"),
    ],
)
def test_a_crontab_reads_as_dutch(crontab, words):
    with translation.override("nl"):
        assert at(*crontab) == words


def test_a_crontab_reads_as_english_too():
    with translation.override("en"):
        assert at("0", "7", "1") == "every Monday at 07:00"
