"""How many SMS a text costs: GSM 03.38 (7-bit, with its extension table) or UCS-2.

A single SMS carries 160 GSM-7 septets or 70 UCS-2 code units; a concatenated one loses six
bytes to its header and carries 153 septets or 67 code units per part. An extension character
(€, [, ], {, }, \\, ^, ~, |, form feed) costs two septets and is never split across parts; a
character outside the Basic Multilingual Plane (an emoji) costs two UTF-16 code units and is
never split either. Dutch names: é, è, ä, ö, ü are in the GSM-7 table, ë, ï, ç (lower case),
ê, ô are not, so "Zoë" or "Anaïs" make the whole text UCS-2.
"""

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

SINGLE_GSM7 = 160
PART_GSM7 = 153
SINGLE_UCS2 = 70
PART_UCS2 = 67
# The longest SMS Netwerk sends (Kannel's `max-messages` is set to the same figure).
SMS_MAX_PARTS = 10

GSM7 = "gsm7"
UCS2 = "ucs2"


def is_gsm7(text: str) -> bool:
    return all(char in GSM7_BASIC or char in GSM7_EXTENSION for char in text)


def _units(text: str, encoding: str) -> list[int]:
    """The cost of each character in septets (GSM-7) or UTF-16 code units (UCS-2)."""
    if encoding == GSM7:
        return [2 if char in GSM7_EXTENSION else 1 for char in text]
    return [2 if ord(char) > 0xFFFF else 1 for char in text]


def _count_parts(units: list[int], per_part: int) -> int:
    parts, used = 1, 0
    for cost in units:
        if used + cost > per_part:
            parts += 1
            used = 0
        used += cost
    return parts


def segments(text: str) -> tuple[int, str]:
    """(number of SMS parts, "gsm7" or "ucs2") for `text`. An empty text is one part."""
    encoding = GSM7 if is_gsm7(text) else UCS2
    units = _units(text, encoding)
    single = SINGLE_GSM7 if encoding == GSM7 else SINGLE_UCS2
    if sum(units) <= single:
        return 1, encoding
    return _count_parts(units, PART_GSM7 if encoding == GSM7 else PART_UCS2), encoding
