"""The rows of the home page's latest publications and of the list (and a search's passages
under them), written in Python in one pass: `{% review_rows %}`.

Why not a template: the list includes a row template twenty times per page, each resolving about
fifteen variables, filters and a plural, and the home page six; on a page nobody has cached, that
engine work cost more than reading the rows (issue 17). The output is the former
`_review_row.html`'s to the byte (tests/reviews/test_review_rows_html.py keeps it as the
reference): `{{ }}` escaped, translations given as they are with only their values escaped.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from reviews.content import html_lang, text_direction
from reviews.templatetags.html_time import datetime_attr


def review_rows_html(rows: list[dict]) -> SafeString:
    """`rows` of `selectors.review_rows`, each an `<article>` followed by a line break."""
    words = {
        "published": gettext("Published"),
        "also": gettext("Also found in:"),
        "section": gettext("Section %(n)s"),
        "objective": gettext("Objective %(n)s"),
    }
    return mark_safe("".join(_row(row, words) for row in rows))  # noqa: S308 (escaped in _row)


def _row(row: dict, words: dict) -> str:
    review, url = row["review"], esc(row["url"])
    n = review.objectives_addressed
    addressed = ngettext("%(n)s objective addressed", "%(n)s objectives addressed", n) % {"n": n}
    published = review.published_at
    day = esc(date_format(timezone.localtime(published), "DATE_FORMAT")) if published else ""
    commissions = "".join(f" · {esc(code)}" for code in row["commissions"])
    html = (
        '<article class="review-row border-bottom py-3">\n'
        f'  <h3 class="h5 mb-1"><a href="{url}">{esc(review.member_state.name)}</a> '
        f'<span class="text-body-secondary">· {esc(review.cycle.title)}</span></h3>\n'
        f'  <p class="small mb-1">{words["published"]} <time datetime="{datetime_attr(published)}">'
        f"{day}</time> · {esc(row['language'])} · {addressed}{commissions}</p>\n  "
    )
    snippets = row["snippets"]
    if snippets:
        best, language = snippets[0], review.published_language
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
