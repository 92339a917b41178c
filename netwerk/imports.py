"""What every spreadsheet import shares: the upload form, and the checked file waiting for its
confirmation.

An import is two steps. The upload is checked row by row (a dry run of the real import) and
shown as a preview; a correct file then waits in the session, never in the page, under a random
token, until the person confirms. The confirmation takes it back once, only with that token and
for the same membership, checks every row again and imports all of them or none. A double click
sends the confirmation twice, in parallel: only the first one gets the file.
"""

import base64
import json
import secrets
import zlib
from dataclasses import dataclass

from django import forms
from django.core.cache import cache
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_lazy as _

from .spreadsheets import Table, read_table

# A double click within this time imports once; the token is random, so the key is never reused.
DOUBLE_CLICK_GUARD_SECONDS = 24 * 3600


class SpreadsheetUploadForm(forms.Form):
    """A CSV or XLSX upload, read into `self.table` (with the size, row and zip-bomb limits of
    `netwerk.spreadsheets`). Subclasses say in `help_text` what one row holds."""

    help_text = ""
    file = forms.FileField(
        label=_("Spreadsheet (.csv or .xlsx)"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,"
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = self.help_text

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.table = read_table(upload)
        return upload


@dataclass(frozen=True)
class PendingImport:
    """The checked file of one kind of import, kept in the session under `session_key`."""

    session_key: str

    def keep(self, request: HttpRequest, table: Table) -> str:
        """Keep the checked file until confirmed; return the token that names it. A new upload
        replaces one waiting."""
        token = secrets.token_urlsafe(16)
        raw = json.dumps([table.header, table.rows], separators=(",", ":")).encode()
        request.session[self.session_key] = {
            "membership": request.membership.pk,
            "token": token,
            "table": base64.b64encode(zlib.compress(raw)).decode("ascii"),
        }
        return token

    def drop(self, request: HttpRequest) -> None:
        request.session.pop(self.session_key, None)

    def take(self, request: HttpRequest, token: str) -> Table | None:
        """The file kept for this token and membership (once), or None."""
        kept = request.session.get(self.session_key)
        if not (
            isinstance(kept, dict)
            and token
            and kept.get("membership") == request.membership.pk
            and constant_time_compare(str(kept.get("token", "")), token)
        ):
            return None
        del request.session[self.session_key]
        try:
            header, rows = json.loads(zlib.decompress(base64.b64decode(kept["table"])))
            table = Table(
                header=[str(name) for name in header],
                rows=[(int(number), [str(cell) for cell in cells]) for number, cells in rows],
            )
        except (KeyError, TypeError, ValueError, zlib.error):
            return None
        try:
            first = cache.add(f"{self.session_key}:{token}", 1, timeout=DOUBLE_CLICK_GUARD_SECONDS)
        except Exception:  # the cache only guards against double clicks; without it, go on
            first = True
        return table if first else None
