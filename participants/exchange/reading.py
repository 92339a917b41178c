"""One entry for every import of a network map: the upload's size, name and content must
agree on what it is, then its format's reader builds the checked `ImportedMap`."""

from django.core.exceptions import ValidationError
from django.db.models import TextChoices
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .checks import MAX_BYTES, ImportedMap
from .easynwk import NotEasyNWK, read_easynwk
from .graphml import NotGraphML, read_graphml


class FileFormat(TextChoices):
    GRAPHML = "graphml", gettext_lazy("GraphML (.graphml), e.g. from Gephi or networkx")
    EASYNWK = "easynwk", gettext_lazy("easyNWK (.json or .nwk)")


EXTENSIONS = {
    FileFormat.GRAPHML: (".graphml", ".xml"),
    FileFormat.EASYNWK: (".json", ".nwk", ".txt"),
}


def read_map(*, name: str, content: bytes, file_format: str) -> ImportedMap:
    """The file as a checked ImportedMap (it may hold problems: see `is_valid`), or a
    ValidationError when the file is not what it claims to be at all."""
    if len(content) > MAX_BYTES:
        raise ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": MAX_BYTES // (1024 * 1024)}
        )
    if not content.strip():
        raise ValidationError(_("The file is empty."))
    if file_format not in EXTENSIONS:
        raise ValidationError(_("Choose the kind of file."))
    if not (name or "").lower().endswith(EXTENSIONS[file_format]):
        raise ValidationError(
            _("A %(kind)s file ends in %(extensions)s.")
            % {
                "kind": FileFormat(file_format).label,
                "extensions": _(" or ").join(EXTENSIONS[file_format]),
            }
        )
    try:
        if file_format == FileFormat.GRAPHML:
            return read_graphml(content)
        return read_easynwk(content)
    except (NotGraphML, NotEasyNWK) as error:
        raise ValidationError(str(error)) from error
    except UnicodeDecodeError as error:
        raise ValidationError(_("The file's text cannot be read (not UTF-8).")) from error
