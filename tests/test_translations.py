"""Every user-facing string has a Dutch translation in the committed catalogue.

The catalogue is extracted afresh from a copy of the source (Django's makemessages, which
needs gettext) and compared with what is committed, so a string added without translating it
fails here rather than showing up in English to a Flemish social worker.
"""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)
COMMITTED_PO = BASE / "locale" / "nl" / "LC_MESSAGES" / "django.po"
COMMITTED_MO = BASE / "locale" / "nl" / "LC_MESSAGES" / "django.mo"


def _source_dirs() -> list[str]:
    """The project's own apps (those that live in the repository) and the templates."""
    from django.apps import apps

    own = {
        Path(config.path).relative_to(BASE).parts[0]
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(BASE)
    }
    return sorted(own | {"templates"})


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|\{\w*\}")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> polib.POFile:
    if shutil.which("xgettext") is None:
        pytest.fail("gettext is not installed; `make test` installs it (Debian package gettext).")
    copy = tmp_path_factory.mktemp("source")
    for name in _source_dirs():
        shutil.copytree(BASE / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(BASE / "manage.py", copy / "manage.py")
    (copy / "locale").mkdir()
    env = {**os.environ, "DJANGO_DEBUG": "true", "NETWERK_VAR_DIR": str(copy / "var")}
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "nl", "--no-location"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return polib.pofile(str(copy / "locale" / "nl" / "LC_MESSAGES" / "django.po"))


def _key(entry: polib.POEntry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def test_every_string_in_the_code_is_in_the_dutch_catalogue(extracted):
    committed = {_key(entry) for entry in polib.pofile(str(COMMITTED_PO))}
    missing = sorted(entry.msgid for entry in extracted if _key(entry) not in committed)
    assert not missing, f"Run `make messages` and translate: {missing}"


def test_every_dutch_entry_is_translated_and_not_fuzzy():
    untranslated = [
        entry.msgid
        for entry in polib.pofile(str(COMMITTED_PO))
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]
    assert not untranslated, f"Translate these in {COMMITTED_PO}: {untranslated}"


def test_translations_keep_every_placeholder():
    for entry in polib.pofile(str(COMMITTED_PO)):
        expected = sorted(PLACEHOLDER.findall(entry.msgid))
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            assert sorted(set(PLACEHOLDER.findall(translation))) == sorted(set(expected)), (
                entry.msgid
            )


def test_the_compiled_catalogue_matches_the_source_catalogue():
    source = {
        _key(entry): entry.msgstr or entry.msgstr_plural
        for entry in polib.pofile(str(COMMITTED_PO))
        if entry.translated()
    }
    compiled = {
        _key(entry): entry.msgstr or entry.msgstr_plural
        for entry in polib.mofile(str(COMMITTED_MO))
        if entry.msgid
    }
    assert compiled == source, "Run `make messages` (compilemessages) and commit the .mo file."
