"""The signals report as CSV (`netwerk.exports`: formula-safe), hiding what the page hides:
a hidden count reads "suppressed" (small or not: the page does not tell them apart either)."""

from django.utils.text import slugify
from django.utils.translation import gettext as _

from netwerk import exports

SUPPRESSED = "suppressed"
HEADINGS = [
    "table",
    "row",
    "code",
    "quarter",
    "signals",
    "organisations",
    "story",
    "organisation_kind",
    "municipality",
]


def slug(text: str) -> str:
    return slugify(text)[:40]


def _numbers(cell: dict) -> list:
    if cell["suppressed"]:
        return [SUPPRESSED, SUPPRESSED]
    return [cell["signals"], cell["organisations"]]


def rows(figures: dict) -> list[list]:
    total = figures["total"]
    lines = [["total", _("all signals"), "", "", *_numbers(total)]]
    for row in figures["themes"]:
        lines.append(["theme", row["label"], row["key"], "", *_numbers(row)])
    for row in figures["quarters"]:
        lines.append(["quarter", row["label"], "", row["key"], *_numbers(row)])
    for row in figures["work_models"]:
        lines.append(["work_model", row["label"], row["key"], "", *_numbers(row)])
    for row in figures["municipalities"]:
        lines.append(["municipality", row["label"], "", "", *_numbers(row)])
    for row in figures["themes"]:
        for cell in row["quarters"]:
            lines.append(
                ["theme_by_quarter", row["label"], row["key"], cell["key"], *_numbers(cell)]
            )
    for story in figures["stories"]:
        lines.append(
            [
                "released_story",
                story["theme_label"],
                story["theme"],
                story["quarter"],
                None,
                None,
                story["story"],
                story["organisation_kind"],
                story["municipality"],
            ]
        )
    return lines


def report_csv(figures: dict, *, delimiter: str = exports.SEMICOLON) -> bytes:
    return exports.csv_bytes(HEADINGS, rows(figures), delimiter=delimiter)
