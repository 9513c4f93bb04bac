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
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, ngettext

from reviews.content import html_lang, text_direction
from reviews.models import MemberState
from reviews.names import first_given, read_columns
from reviews.templatetags.html_time import datetime_attr


def review_rows(reviews, list_url: str, passages=None) -> list[dict]:
    """What a row of the home page and the list (`reviews.list_html`) shows of each of `reviews`
    (`listed_reviews`, sliced or paged): {"pk", "state" and "cycle" (named in the active
    language, else English), "published_at", "published_language", "objectives_addressed",
    "url", "language" (its name), "commissions" (codes), "snippets"}. `passages`: for a search,
    a function from the reviews' ids to their passages (`search.snippets`).

    Plain values rather than model instances (whose translated names resolve through
    modeltranslation's descriptors), the commissions of every State in one query of codes, each
    URL from the list's (`list_url`, `/<lang>/reviews/`) instead of a `reverse()` per row,
    language names from one dictionary: the rows cost less than the query (issue 17)."""
    state, cycle = read_columns("member_state__name"), read_columns("cycle__title")
    fields = ["published_at", "published_language", "objectives_addressed", "cycle__slug"]
    values = list(reviews.values("pk", "member_state_id", *fields, *state, *cycle))
    codes = _commission_codes({v["member_state_id"] for v in values}) if values else {}
    found = passages([v["pk"] for v in values]) if passages and values else {}
    return [
        {
            "pk": v["pk"],
            "state": first_given(v, state),
            "cycle": first_given(v, cycle),
            "published_at": v["published_at"],
            "published_language": v["published_language"],
            "objectives_addressed": v["objectives_addressed"],
            "url": f"{list_url}{v['cycle__slug']}/{v['member_state_id']}/",
            "language": str(_LANGUAGE_NAMES.get(v["published_language"], v["published_language"])),
            "commissions": codes.get(v["member_state_id"], []),
            "snippets": found.get(v["pk"], []),
        }
        for v in values
    ]


_LANGUAGE_NAMES = dict(settings.LANGUAGES)


def _commission_codes(states) -> dict[str, list[str]]:
    """{ISO3: the codes of its regional commissions, in code order} for `states`."""
    memberships = (
        MemberState.regional_commissions.through.objects.filter(memberstate_id__in=states)
        .order_by("regionalcommission__code")
        .values_list("memberstate_id", "regionalcommission__code")
    )
    codes: dict[str, list[str]] = {}
    for state, code in memberships:
        codes.setdefault(state, []).append(code)
    return codes


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
