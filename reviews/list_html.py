"""The rows of the home page's latest publications and of the list (and a search's passages
under them): what they show, read narrowly (`review_rows`), and written in Python in one pass
(`review_rows_html`, the tag `{% review_rows %}`).

Why not a template: the list includes a row template twenty times per page, each resolving about
fifteen variables, filters and a plural, and the home page six; on a page nobody has cached, that
engine work cost more than reading the rows (issue 17). The output is the former
`_review_row.html`'s to the byte (tests/reviews/test_review_rows_html.py keeps it as the
reference): `{{ }}` escaped, translations given as they are with only their values escaped.
"""

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from reviews.content import html_lang, text_direction
from reviews.models import PublishedPart
from reviews.names import state_and_cycle_names
from reviews.templatetags.html_time import datetime_attr

# The rows of a page, given its reviews' ids: what a row shows, the State's commissions joined
# (one row per commission, in code order). Names: the active language's columns and those it
# falls back to (`read_columns`).
ROWS_SQL = """
SELECT review.id, review.member_state_id, document.published_at, document.published_language,
       cycle.slug, commission.code,
       (SELECT COUNT(part.id) FROM reviews_publishedpart AS part
         WHERE part.document_id = review.id AND part.kind = %s), {names}
  FROM reviews_voluntaryreview AS review
  JOIN reviews_document AS document ON document.id = review.id
  JOIN reviews_memberstate AS state ON state.iso3 = review.member_state_id
  JOIN reviews_reviewcycle AS cycle ON cycle.id = document.cycle_id
  LEFT JOIN reviews_memberstate_regional_commissions AS member
         ON member.memberstate_id = state.iso3
  LEFT JOIN reviews_regionalcommission AS commission
         ON commission.id = member.regionalcommission_id
 WHERE review.id IN ({ids}) AND document.published_revision_id IS NOT NULL
 ORDER BY commission.code"""


def review_rows(reviews, list_url: str, passages=None) -> list[dict]:
    """What a row of the home page and the list (`reviews.list_html`) shows of each of `reviews`,
    in their order: `listed_reviews` sliced or paged (filtered, searched, sorted), or the ids of
    such a page. Each row: {"pk", "state" and "cycle" (named in the active language, else
    English), "published_at", "published_language", "objectives_addressed", "url", "language"
    (its name), "commissions" (codes), "snippets"}. `passages`: for a search, a function from
    the reviews' ids to their passages (`search.snippets`).

    The page's ids (a query, unless they are given), then everything the rows show in one
    statement written here rather than compiled by the ORM (a queryset with an annotation and
    three joins, made and compiled per page, cost more than reading the rows, issue 17). Plain
    values rather than model instances, each URL from the list's (`list_url`,
    `/<lang>/reviews/`) instead of a `reverse()` per row, language names from one dictionary."""
    ids = list(reviews.values_list("pk", flat=True) if isinstance(reviews, QuerySet) else reviews)
    if not ids:
        return []
    values = _read_rows(ids)
    found = passages(ids) if passages else {}
    return [
        {
            **values[pk],
            "pk": pk,
            "url": f"{list_url}{values[pk]['url']}",
            "snippets": found.get(pk, []),
        }
        for pk in ids
        if pk in values
    ]


def _read_rows(ids: list[int]) -> dict[int, dict]:
    """{id: a row of `review_rows`, its "url" relative to the list's} for the reviews `ids`."""
    select, names_of = state_and_cycle_names()
    sql = ROWS_SQL.format(names=select, ids=", ".join(["%s"] * len(ids)))
    with connection.cursor() as cursor:
        cursor.execute(sql, [PublishedPart.Kind.OBJECTIVE, *ids])
        found = cursor.fetchall()
    # SQLite gives datetimes as text: read them as the ORM does (PostgreSQL needs nothing).
    as_datetime = getattr(connection.ops, "convert_datetimefield_value", None)
    rows: dict[int, dict] = {}
    for pk, iso3, published_at, language, slug, code, addressed, *names in found:
        row = rows.get(pk)
        if row is None:
            if as_datetime is not None:
                published_at = as_datetime(published_at, None, connection)
            state, cycle = names_of(names)
            row = rows[pk] = {
                "state": state,
                "cycle": cycle,
                "published_at": published_at,
                "published_language": language,
                "objectives_addressed": addressed,
                "url": f"{slug}/{iso3}/",
                "language": str(_LANGUAGE_NAMES.get(language, language)),
                "commissions": [],
            }
        if code is not None:
            row["commissions"].append(code)
    return rows


_LANGUAGE_NAMES = dict(settings.LANGUAGES)


def review_rows_html(rows: list[dict]) -> SafeString:
    """`rows` of `review_rows`, each an `<article>` followed by a line break."""
    words = {
        "published": gettext("Published"),
        "also": gettext("Also found in:"),
        "section": gettext("Section %(n)s"),
        "objective": gettext("Objective %(n)s"),
    }
    return mark_safe("".join(_row(row, words) for row in rows))  # noqa: S308 (escaped in _row)


def _row(row: dict, words: dict) -> str:
    url = esc(row["url"])
    n = row["objectives_addressed"]
    addressed = ngettext("%(n)s objective addressed", "%(n)s objectives addressed", n) % {"n": n}
    published = row["published_at"]
    day = esc(date_format(timezone.localtime(published), "DATE_FORMAT")) if published else ""
    commissions = "".join(f" · {esc(code)}" for code in row["commissions"])
    html = (
        '<article class="review-row border-bottom py-3">\n'
        f'  <h3 class="h5 mb-1"><a href="{url}">{esc(row["state"])}</a> '
        f'<span class="text-body-secondary">· {esc(row["cycle"])}</span></h3>\n'
        f'  <p class="small mb-1">{words["published"]} <time datetime="{datetime_attr(published)}">'
        f"{day}</time> · {esc(row['language'])} · {addressed}{commissions}</p>\n  "
    )
    snippets = row["snippets"]
    if snippets:
        best, language = snippets[0], row["published_language"]
        html += (
            f'<p class="snippets mb-0"><a href="{url}#{esc(best.anchor)}">'
            f"{_part_name(best, words)}</a>: "
            f'<span lang="{esc(html_lang(language))}" dir="{esc(text_direction(language))}">'
            f"{esc(best.html)}</span></p>\n  "
        )
        if len(snippets) > 1:
            others = " · ".join(
                f'<a href="{url}#{esc(s.anchor)}">{_part_name(s, words)}</a>' for s in snippets[1:]
            )
            html += f'<p class="small mb-0">{words["also"]} {others}</p>'
    return html + "\n</article>\n"


def _part_name(snippet, words: dict) -> str:
    """As reviews/public/_part_name.html: "Section 2", "Objective 5" (`snippet`: a
    `search_snippets.Snippet`)."""
    label = words["section"] if snippet.kind == "section" else words["objective"]
    return label % {"n": esc(snippet.number)}
