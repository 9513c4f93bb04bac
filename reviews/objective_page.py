"""The reads behind an objective's public page (`/objectives/<n>/`): the objective and its
neighbours, its entries counted per status, and one page of entries as plain rows.

Why plain rows (`values()`) and not model instances: the page shows a handful of columns per
entry, and building a `PublishedPart`, its `Document`, `VoluntaryReview`, `MemberState` and
`ReviewCycle` per row, then resolving `get_absolute_url` (a `reverse()`) and the translated
names through their descriptors, cost more than the query itself on a cold page. Only national
reviews write objective entries (the national kind's template has the 23 objectives), so a row
links to a national review's page.
"""

from collections import Counter

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe

from reviews.content import html_lang, text_direction
from reviews.models import ImplementationStatus, Objective, PublishedPart
from reviews.models.review import NATIONAL_REVIEW
from reviews.names import first_of, name_order, read_columns

_STATE = "document__national_review__member_state__"
_CYCLE = "document__cycle__"


def _order() -> tuple[str, str]:
    """Latest cycle first, then the States by name: the same order on every page of entries."""
    return (f"-{_CYCLE}year", name_order(_STATE))


def objectives_around(number: int) -> dict[int, Objective]:
    """The objective `number` and its neighbours (for the links to the previous and next), by
    number, in one query; `number` is missing when there is no such objective."""
    return {
        o.number: o for o in Objective.objects.filter(number__in=[number - 1, number, number + 1])
    }


def published_entries(objective):
    """The published national reviews' entries on `objective`, unordered: what the page's
    filters narrow down."""
    return PublishedPart.objects.filter(
        kind=PublishedPart.Kind.OBJECTIVE,
        objective=objective,
        document__kind=NATIONAL_REVIEW,
        document__published_revision__isnull=False,
    )


def chosen(filters) -> dict:
    """The values of `filters` (a bound or unbound `ObjectiveEntryFilter`) that are valid: the
    ones django-filter filters by (it ignores a value that is none of the choices)."""
    if not filters.is_bound:
        return {}
    filters.form.is_valid()  # cleans the form, once: the filters' queryset reads the same values
    return filters.form.cleaned_data


def without_status(filters):
    """The entries under every filter of `filters` but the status: what the chart counts, so
    that choosing a status does not collapse it to a single bar. Built from the values the
    form cleaned already, as `FilterSet.filter_queryset` does: a second filter set would clean
    its form again, looking a chosen cycle, commission or State up in the database again."""
    entries = filters.queryset.all()
    for name, value in chosen(filters).items():
        if name != "status":
            entries = filters.filters[name].filter(entries, value)
    return entries


def entries_listed(filters, counts: Counter) -> int:
    """How many entries `filters` list, from the chart's `counts` (the same filters but the
    status): those of the status chosen, or all of them."""
    status = chosen(filters).get("status")
    return counts[status] if status else sum(counts.values())


def status_counts(entries) -> Counter:
    """{status: number of entries} of `entries`, counted by one GROUP BY in the database."""
    counted = entries.order_by().values("status").annotate(n=Count("pk"))
    return Counter(dict(counted.values_list("status", "n")))


class CountedPaginator(Paginator):
    """A paginator told how many entries there are: the chart's GROUP BY counted them already,
    so the page does not ask the database a second time (`SELECT COUNT(*)`)."""

    def __init__(self, object_list, per_page, count: int):
        super().__init__(object_list, per_page)
        self.count = count  # `Paginator.count` is a cached property: this is its value


def entry_page(entries, number, *, objective: int, count: int, size: int):
    """The page `number` of `entries` (already filtered; `count` of them) on the objective
    numbered `objective`, `size` per page, its `object_list` the entries' HTML. The database
    sorts the narrow rows (ids, the sort columns and the names shown) and hands over the page's,
    then their HTML is read by id: sorting every entry with its HTML was most of the page's
    database time, and joining the States and cycles again for the page's twenty rows (its ids
    a subquery) cost more planning than the sort itself (0.7 ms at 800 reviews)."""
    states, cycles = read_columns(f"{_STATE}name"), read_columns(f"{_CYCLE}title")
    listed = entries.order_by(*_order()).values_list(
        "pk", f"{_STATE}iso3", f"{_CYCLE}slug", *states, *cycles
    )
    page = CountedPaginator(listed, size, count).get_page(number)
    page.object_list = [
        _article(row, objective) for row in _rows(list(page.object_list), len(states))
    ]
    return page


# The page's entries' status, language and stored HTML, by id ({ids}: a placeholder per id, a
# page's twenty at most; `= ANY(array)` is PostgreSQL's alone, and `make run` is on SQLite).
TEXTS_SQL = "SELECT id, status, language, html FROM reviews_publishedpart WHERE id IN ({ids})"


def _rows(listed: list[tuple], states: int) -> list[dict]:
    """What the template shows of each entry of `listed` (id, the State's code, the cycle's
    slug, then the `states` columns of the State's name and the cycle's title columns, in the
    order `read_columns` gives them), in that order; names in the active language (English
    when a name has no translation, as the models' translated fields answer)."""
    if not listed:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            TEXTS_SQL.format(ids=", ".join(["%s"] * len(listed))), [r[0] for r in listed]
        )
        texts = {pk: rest for pk, *rest in cursor.fetchall()}
    # Each status translated once for the page, not once per entry (a lazy label is).
    labels = {status: str(label) for status, label in ImplementationStatus.choices}
    review_url = _review_url_prefix()
    return [
        {
            "url": f"{review_url}{slug}/{iso3}/",
            "body": first_of(names[:states]),
            "cycle": first_of(names[states:]),
            "status": status,
            "status_label": labels.get(status, status),
            "lang": html_lang(language),
            "dir": text_direction(language),
            "html": html,
        }
        for pk, iso3, slug, *names in listed
        if pk in texts  # unless the entry was unpublished in between
        for status, language, html in [texts[pk]]
    ]


def _article(row: dict, objective: int) -> SafeString:
    """One entry as HTML, as the template's loop wrote it (same whitespace; `{{ }}` escaped,
    the stored HTML as it is). Why not the template: nine variables per entry resolved by the
    template engine, twenty entries a page, were a tenth of the page's cold cost."""
    return mark_safe(  # noqa: S308 (every value but the stored, sanitised HTML is escaped)
        '\n  <article class="border-bottom py-3">\n'
        f'    <h3 class="h5"><a href="{esc(row["url"])}#objective-{objective}">{esc(row["body"])}'
        f'</a> <span class="text-body-secondary">· {esc(row["cycle"])}</span></h3>\n'
        f'    <p class="mb-1"><span class="status-mark status-{esc(row["status"])}" '
        f'aria-hidden="true"></span> <strong>{esc(row["status_label"])}</strong></p>\n'
        f'    <div lang="{esc(row["lang"])}" dir="{esc(row["dir"])}">{row["html"]}</div>\n'
        "  </article>\n  "
    )


def _review_url_prefix() -> str:
    """`/<lang>/reviews/` of a national review's page (`…/<cycle>/<iso3>/`): one `reverse()`
    for the page's twenty links."""
    return reverse("reviews:public_review", kwargs={"cycle": "c", "iso3": "AAA"}).removesuffix(
        "c/AAA/"
    )
