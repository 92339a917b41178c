"""The cross-organisation signals report: who reads it, what it counts, and its reads.

Who: the policy analyst (`Role.POLICY_ANALYST`, a municipality's local social policy officer),
and no other role. Their scope is the whole instance: every organisation that opted in to share
its signals' aggregates (`SignalSharing`), whichever municipality the analyst works for; the
report is read per municipality (the analyst's own by default) or for all, and per period of
whole quarters. Every figure is suppressed (`report_figures`), so a wider scope shows no more
about any one organisation or person.

What counts: the signals of organisations that opted in, not withdrawn, and not from a
participant who asked not to be counted (`SignalQuerySet.shared`), by the quarter the barrier
happened in. Never a file, a name, an organisation or an unreleased story: the only text is
the stories their organisation released for quoting, shown with the organisation's kind.

The reads are set-based (GROUP BY in SQL: three scans of the signals, whatever their number)
and a fixed number of queries in all (tests/signalling/test_report.py, bench/signals_report.py).
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, F, QuerySet, Value
from django.db.models.functions import Coalesce, ExtractQuarter, ExtractYear, NullIf
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Membership, Organisation, Role
from workmodels.models import WorkModel

from .models import Signal, quarter_bounds, quarter_of
from .report_figures import NO_WORK_MODEL, OTHER_THEME, Keys, Loaded, compute
from .themes import DEFAULT_THEME_CODES, default_theme_name

REPORT_ROLES = frozenset({Role.POLICY_ANALYST})
DEFAULT_QUARTERS = 8  # two years: enough for a trend
MAX_QUARTERS = 20  # five years in one report
CHOOSABLE_QUARTERS = 40  # how far back the period can start
STORIES_SHOWN = 20


def can_read_report(membership: Membership | None) -> bool:
    return membership is not None and membership.is_active and membership.role in REPORT_ROLES


def quarters_back(today: datetime.date, count: int) -> list[str]:
    """The `count` quarters up to today's, oldest first."""
    index = today.year * 4 + (today.month - 1) // 3
    return [f"{i // 4}-Q{i % 4 + 1}" for i in range(index - count + 1, index + 1)]


def quarters_between(first: str, last: str) -> list[str]:
    start, _end = quarter_bounds(first)
    end, _last = quarter_bounds(last)
    low = start.year * 4 + (start.month - 1) // 3
    high = end.year * 4 + (end.month - 1) // 3
    return [f"{i // 4}-Q{i % 4 + 1}" for i in range(low, high + 1)]


@dataclass(frozen=True)
class Scope:
    """One report: a municipality ("" for all) and the quarters from `first` to `last`."""

    municipality: str
    first: str
    last: str

    @property
    def quarters(self) -> list[str]:
        return quarters_between(self.first, self.last)

    @property
    def start(self) -> datetime.date:
        return quarter_bounds(self.first)[0]

    @property
    def end(self) -> datetime.date:
        return quarter_bounds(self.last)[1]

    @classmethod
    def default(cls, municipality: str = "", today: datetime.date | None = None) -> "Scope":
        quarters = quarters_back(today or timezone.localdate(), DEFAULT_QUARTERS)
        return cls(municipality, quarters[0], quarters[-1])


def shared_signals() -> QuerySet[Signal]:
    return Signal.objects.shared()


def municipalities() -> list[str]:
    """The municipalities the shared signals name (one query), for the report's choice."""
    names = shared_signals().order_by().values_list("municipality", flat=True).distinct()
    return sorted(set(names), key=str.casefold)


def default_municipality(membership: Membership, choices: list[str]) -> str:
    """The analyst's own municipality when signals name it; otherwise all."""
    own = membership.organisation.municipality.casefold()
    return next((name for name in choices if name.casefold() == own), "")


def _grouped(base: QuerySet, *keys: str) -> list[tuple]:
    """Per value of `keys`: the number of signals and of distinct organisations, in one query.

    Grouped twice, in SQL: per key and organisation first, then per key (the organisations
    are the rows of the first step). Both steps hash; a COUNT(DISTINCT ...) would sort every
    signal instead."""
    inner = base.values(*keys, "organisation_id").annotate(n=Count("id")).order_by()
    sql, params = inner.query.sql_with_params()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(key) for key in keys)
    # Only column aliases of the ORM's own query are put in: no input reaches the SQL text.
    query = (
        f"SELECT {columns}, SUM({quote('n')}), COUNT(*) "  # noqa: S608
        f"FROM ({sql}) AS per_organisation GROUP BY {columns}"
    )
    with connection.cursor() as cursor:
        cursor.execute(query, params)
        return cursor.fetchall()


def _load(scope: Scope) -> Loaded:
    base = shared_signals().filter(occurred_on__gte=scope.start, occurred_on__lte=scope.end)
    if scope.municipality:
        base = base.filter(municipality=scope.municipality)
    base = base.order_by().annotate(
        theme_key=Coalesce(NullIf(F("theme__code"), Value("")), Value(OTHER_THEME)),
        year=ExtractYear("occurred_on"),
        quarter_number=ExtractQuarter("occurred_on"),
    )

    def counted(rows) -> dict:
        return {key: (int(n), organisations) for key, n, organisations in rows}

    def quarter(year, number) -> str:
        return f"{int(year)}-Q{int(number)}"

    # Themes, quarters, the trend and the total from one read: the signals per theme, quarter
    # and organisation (at most themes x quarters x organisations rows), added up here with
    # the organisations as sets.
    rows = (
        base.values_list("theme_key", "year", "quarter_number", "organisation_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    sums: dict[str, dict] = {"total": {}, "themes": {}, "quarters": {}, "trend": {}}
    for theme, year, number, organisation, n in rows:
        when = quarter(year, number)
        for table, key in (
            ("total", None),
            ("themes", theme),
            ("quarters", when),
            ("trend", (theme, when)),
        ):
            count = sums[table].setdefault(key, [0, set()])
            count[0] += n
            count[1].add(organisation)

    def finished(table: str) -> dict:
        return {key: (n, len(organisations)) for key, (n, organisations) in sums[table].items()}

    places = {}
    if not scope.municipality:
        places = counted(_grouped(base, "municipality"))
    return Loaded(
        total=finished("total").get(None, (0, 0)),
        themes=finished("themes"),
        quarters=finished("quarters"),
        work_models=counted(
            _grouped(
                base.annotate(model_code=Coalesce(F("work_model__code"), Value(NO_WORK_MODEL))),
                "model_code",
            )
        ),
        municipalities=places,
        theme_quarters=finished("trend"),
    )


def _stories(scope: Scope) -> list[dict]:
    """The stories their organisations released for quoting, newest release first, with the
    organisation's kind (never its name, nor the reporter's)."""
    stories = shared_signals().filter(
        story_released=True, occurred_on__gte=scope.start, occurred_on__lte=scope.end
    )
    if scope.municipality:
        stories = stories.filter(municipality=scope.municipality)
    rows = stories.order_by("-released_at", "-id").values(
        "story", "theme__code", "occurred_on", "municipality", "organisation__kind"
    )[:STORIES_SHOWN]
    kinds = dict(Organisation.Kind.choices)
    return [
        {
            "story": row["story"],
            "theme": row["theme__code"] or OTHER_THEME,
            "theme_label": theme_label(row["theme__code"] or OTHER_THEME),
            "quarter": quarter_of(row["occurred_on"]),
            "quarter_label": quarter_label(quarter_of(row["occurred_on"])),
            "municipality": row["municipality"],
            "organisation_kind": row["organisation__kind"],
            "organisation_kind_label": str(kinds.get(row["organisation__kind"], "")),
        }
        for row in rows
    ]


def theme_label(code: str) -> str:
    if code == OTHER_THEME:
        return _("Other (the organisations' own themes)")
    return default_theme_name(code) or code


def quarter_label(quarter: str) -> str:
    year, _sep, number = quarter.partition("-Q")
    return _("Q%(number)s %(year)s") % {"number": number, "year": year}


def signals_report(membership: Membership | None, scope: Scope) -> dict:
    """The report's figures, labelled in the active language (a fixed number of queries)."""
    if not can_read_report(membership):
        raise Http404
    models = [(m.code, m.name) for m in WorkModel.objects.order_by("order")]
    model_labels = dict(models) | {NO_WORK_MODEL: _("No work model given")}
    loaded = _load(scope)
    keys = Keys(
        themes=[*DEFAULT_THEME_CODES, OTHER_THEME],
        quarters=scope.quarters,
        work_models=[code for code, _name in models] + [NO_WORK_MODEL],
        municipalities=sorted(loaded.municipalities, key=str.casefold),
    )
    figures = compute(loaded, keys)
    for row in figures["themes"]:
        row["label"] = theme_label(row["key"])
        for cell in row["quarters"]:
            cell["label"] = quarter_label(cell["key"])
    for row in figures["quarters"]:
        row["label"] = quarter_label(row["key"])
    for row in figures["work_models"]:
        row["label"] = model_labels.get(row["key"], row["key"])
    for row in figures["municipalities"]:
        row["label"] = row["key"]
    figures["stories"] = _stories(scope)
    figures["scope"] = scope
    return figures
