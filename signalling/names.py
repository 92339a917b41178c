"""The check that a story names no one.

A story is written in the reporter's own words, without names. Before a signal is saved (and
again before a story is released for quoting) its words are compared with the names the
organisation knows: the first, last and preferred names of its participants, the names of its
volunteers and the names on its participants' network maps. Whole words, ignoring case and
accents ("jose" finds "José"). The names come in one query per check; the comparison is a set
intersection, not a scan per word.

Some given names are everyday Dutch words ("Ben", "Wil") or name particles ("van", "de"): they
would block ordinary sentences, so they are not looked for (`NOT_NAMES`). A network member is
often a role ("zus Leen", "buurman", "CAW worker"): only its capitalised words that are not a
role count as names.
"""

import re
import unicodedata

from django.db.models import CharField, Value

from accounts.models import Organisation
from buddies.models import Volunteer
from participants.models import NetworkMember, Participant

_WORD = re.compile(r"[^\W\d_]+")

# Words that are names as well as ordinary Dutch (or name particles): never a hit on their own.
NOT_NAMES = frozenset(
    {
        "al", "an", "ben", "bij", "da", "de", "del", "den", "der", "des", "di", "du", "el",
        "en", "het", "in", "la", "le", "los", "mag", "op", "st", "te", "ten", "ter", "van",
        "von", "wil", "zon",
    }
)  # fmt: skip
# Words of a network member's label that say who someone is to the person, not their name.
ROLE_WORDS = frozenset(
    {
        "broer", "buren", "buurman", "buurvrouw", "buurmeisje", "buurjongen", "collega",
        "dochter", "dokter", "huisarts", "kind", "leerkracht", "mama", "moeder", "neef",
        "nicht", "nonkel", "oma", "oom", "opa", "papa", "partner", "tante", "vader", "vriend",
        "vriendin", "zoon", "zus", "zuster", "juf", "meester", "begeleider", "buddy",
        "brother", "sister", "mother", "father", "friend", "neighbour", "aunt", "uncle",
        "grandmother", "grandfather", "son", "daughter", "worker", "doctor",
    }
)  # fmt: skip


def fold(text: str) -> str:
    """Lower case without accents: how words are compared."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _name_words(text: str) -> set[str]:
    words = {fold(word) for word in _WORD.findall(text or "")}
    return {word for word in words if len(word) > 1 and word not in NOT_NAMES}


def _label_words(label: str) -> set[str]:
    """The words of a network member's label that are names: capitalised, not a role, and
    not an abbreviation of a service (CAW, OCMW)."""
    found = set()
    for word in _WORD.findall(label or ""):
        if not word[:1].isupper() or (word.isupper() and len(word) <= 5):
            continue
        folded = fold(word)
        if folded in ROLE_WORDS or folded in NOT_NAMES or len(folded) < 2:
            continue
        found.add(folded)
    return found


def known_names(organisation: Organisation | int) -> set[str]:
    """Every name word the organisation holds, folded: one query (a UNION of three)."""
    org_id = getattr(organisation, "pk", organisation)
    text = CharField()
    # No ordering: SQLite refuses ORDER BY inside a compound statement.
    participants = (
        Participant.objects.filter(organisation_id=org_id)
        .order_by()
        .values_list(Value("p", output_field=text), "first_name", "last_name", "preferred_name")
    )
    volunteers = (
        Volunteer.objects.filter(organisation_id=org_id)
        .order_by()
        .values_list(
            Value("p", output_field=text), "first_name", "last_name", Value("", output_field=text)
        )
    )
    members = (
        NetworkMember.objects.filter(participant__organisation_id=org_id)
        .order_by()
        .values_list(
            Value("m", output_field=text),
            "label",
            Value("", output_field=text),
            Value("", output_field=text),
        )
    )
    names: set[str] = set()
    for kind, first, second, third in participants.union(volunteers, members, all=True):
        if kind == "m":
            names |= _label_words(first)
        else:
            names |= _name_words(f"{first} {second} {third}")
    return names


def names_in(text: str, organisation: Organisation | int) -> list[str]:
    """The words of `text` that are names the organisation knows, as written in the text,
    each once, in the order they appear. Empty: the text names no one we know."""
    words = _WORD.findall(text or "")
    if not words:
        return []
    names = known_names(organisation)
    found: dict[str, str] = {}
    for word in words:
        folded = fold(word)
        if folded in names and folded not in found:
            found[folded] = word
    return list(found.values())
