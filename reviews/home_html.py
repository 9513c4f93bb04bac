"""The home page's two tables, written in Python in one pass: published reviews per cycle and
regional commission (`summary_html`), and the 23 objectives under their round tables
(`objectives_html`, over `home_roundtables`, which reads two title columns instead of six).

Why not the template: these loops resolved about 250 variables and filters per request, a third
of the cold home page's template time (issue 17). The output is the former
`reviews/public/home.html` markup to the byte (tests/reviews/test_home_html.py keeps it as the
reference): values escaped as `{{ }}` escapes them, translations given as `{% translate %}` gives
them, the English fallback of a name marked as `name_lang_attr` marks it.
"""

from itertools import groupby
from operator import itemgetter

from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from reviews.models import Objective
from reviews.names import first_given, read_columns, shown_in_english
from reviews.templatetags.i18n_names import ENGLISH


def summary_html(summary: dict, list_url: str, cycle_url: str) -> SafeString:
    """`summary` (`selectors.publication_summary`) from `<thead>` to `</tbody>`. `list_url`:
    `/<lang>/reviews/`; `cycle_url`: `/<lang>/cycles/` (a cycle's tracker is under it)."""
    commissions = summary["commissions"]
    head = "".join(
        f'<th scope="col" class="text-end"><abbr title="{esc(c.name)}"'
        f"{ENGLISH if shown_in_english(c, 'name') else ''}>{esc(c.code)}</abbr></th>"
        for c in commissions
    )
    cycle, total, follow = gettext("Cycle"), gettext("Total"), gettext("Follow the cycle")
    html = (
        f'<thead><tr><th scope="col">{cycle}</th>{head}'
        f'<th scope="col" class="text-end">{total}</th>'
        f'<th scope="col">{follow}</th></tr></thead>\n    <tbody>\n    '
    )
    words = {
        "open": gettext("open for submissions"),
        "tracker": gettext("Tracker"),
        "covered": gettext("Objectives covered"),
    }
    rows = [_summary_row(row, esc(list_url), esc(cycle_url), words) for row in summary["rows"]]
    if not rows:
        none = gettext("No review cycle yet.")
        rows = [f'<tr><td colspan="{len(commissions) + 3}">{none}</td></tr>']
    return mark_safe(html + "".join(rows) + "\n    </tbody>")  # noqa: S308 (escaped above)


def _summary_row(row: dict, list_url: str, cycle_url: str, words: dict) -> str:
    cycle = row["cycle"]
    slug = esc(cycle.slug)
    badge = f' <span class="badge text-bg-success">{words["open"]}</span>' if cycle.is_open else ""
    cells = "".join(
        '<td class="text-end">'
        + (f'<a href="{list_url}?cycle={slug}&amp;commission={esc(c.code)}">{n}</a>' if n else "0")
        + "</td>"
        for c, n in row["cells"]
    )
    total = row["total"]
    total = f'<a href="{list_url}?cycle={slug}">{total}</a>' if total else "0"
    return (
        f'\n    <tr>\n      <th scope="row">{esc(cycle.title)}{badge}</th>\n      {cells}\n'
        f'      <td class="text-end fw-bold">{total}</td>\n'
        f'      <td><a href="{cycle_url}{slug}/">{words["tracker"]}</a> · '
        f'<a href="{cycle_url}{slug}/coverage/">{words["covered"]}</a></td>\n    </tr>\n    '
    )


def home_roundtables() -> list[tuple[int, list[dict]]]:
    """As `selectors.objectives_by_roundtable`, each objective as {"number", "title" (in the
    active language, else English), "english" (whether it is the English fallback)}: two title
    columns of the six (`read_columns`), as values rather than instances."""
    columns = read_columns("title")
    rows = Objective.objects.order_by("roundtable", "number").values(
        "number", "roundtable", *columns
    )
    english = not (get_language() or "en").lower().startswith("en")
    objectives = (
        {
            "number": row["number"],
            "roundtable": row["roundtable"],
            "title": first_given(row, columns),
            # As `shown_in_english`: the active language's own column is empty.
            "english": english and not row[columns[0]],
        }
        for row in rows
    )
    return [
        (table, list(group)) for table, group in groupby(objectives, key=itemgetter("roundtable"))
    ]


def objectives_html(roundtables: list[tuple[int, list[dict]]], objective_url: str) -> SafeString:
    """`roundtables` (`home_roundtables`): a heading and a list of objectives per round table.
    `objective_url`: `/<lang>/objectives/` (an objective's page is under it)."""
    url = esc(objective_url)
    html = []
    for table, objectives in roundtables:
        heading = gettext("Round table %(number)s") % {"number": esc(table)}
        html.append(f'\n  <h3 class="h5 mt-4">{heading}</h3>\n  <ol class="objective-list">\n    ')
        for objective in objectives:
            number = esc(objective["number"])
            lang = ENGLISH if objective["english"] else ""
            html.append(
                f'\n    <li value="{number}"><a href="{url}{number}/"{lang}>'
                f"{esc(objective['title'])}</a></li>\n    "
            )
        html.append("\n  </ol>\n  ")
    return mark_safe("".join(html))  # noqa: S308 (escaped above)
