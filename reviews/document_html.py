"""The repeated parts of a review's page written in Python, in one pass: its body (the sections,
the objectives' entries and their promising practices), shared by the public page, the preview
and the moderation page (reviews/_document_sections.html), and "what changed since the previous
cycle" (reviews/public/_review_changes.html).

Why not templates: a review's body is about 25 entries of 10 tags each and its diff about 30
parts; Django's template engine resolved each variable, filter and nested include of them at
every request, a fifth of the public page's cold cost (issue 17). The output is the templates'
to the byte (same whitespace, same escaping: `{{ }}` escapes, `{% translate %}` and
`{% blocktranslate %}` give the translation as it is and escape only the values put into it).
"""

from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape as esc
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from reviews.content import html_lang, text_direction
from reviews.templatetags.i18n_names import name_html, name_lang_attr
from reviews.templatetags.reviews_tags import addressed

# The section whose body holds the objectives' entries, grouped by round table.
_OBJECTIVES_SECTION = 3


def practice_html(practice: dict) -> SafeString:
    """One promising practice, as reviews/_practice.html renders it (which calls this): on the
    pages, and stored at publication in `PublishedPart.html` (reviews.public_index), where
    `published_html.PRACTICE_START` finds it."""
    partners = practice.get("partners")
    partners_label = gettext("Partners:") if partners else ""
    return mark_safe(  # noqa: S308 (the practice's words are escaped)
        f'<div class="practice border-start ps-2 mb-2"><p class="fw-bold mb-1">'
        f"{esc(practice.get('title', ''))}</p>"
        f'<p class="mb-1">{linebreaksbr(practice.get("description", ""), autoescape=True)}</p>'
        + (f'<p class="small">{partners_label} {esc(partners)}</p>' if partners else "")
        + "</div>\n"  # the template file's last line break, stored with it
    )


def document_sections_html(sections, objective_rows, language: str, ui: str) -> SafeString:
    """The body of a review: `sections` and `objective_rows` of `selectors.review_document`,
    `language` the review's (its texts carry it), `ui` the interface's `lang` and `dir`
    attributes (`reviews_tags.ui_lang`) for the headings and labels around the texts."""
    text = f'lang="{esc(html_lang(language))}" dir="{text_direction(language)}"'
    # Each translated once per page, not once per entry (gettext is not free).
    words = {
        "round table": gettext("Round table %(number)s"),
        "none": gettext("This review addresses no objective of this round table."),
        "priority": gettext("Priority %(number)s"),
        "principles": gettext("Guiding principles applied:"),
    }
    out = ["\n  "]
    for item in sections:
        number = item["section"].number
        out.append(
            f'\n  <section id="section-{number}">\n    <h2 {ui}>{number}. '
            f"{esc(item['section'].title)}</h2>\n"
            f'    <div class="document-text" {text}>{item["html"]}</div>\n    '
        )
        if number == _OBJECTIVES_SECTION:
            out.append("\n    ")
            for table, entries in objective_rows:
                out.append(_round_table_html(table, entries, words, text, ui))
            out.append("\n    ")
        out.append("\n  </section>\n  ")
    out.append("\n")
    return mark_safe("".join(out))  # noqa: S308 (every value above is escaped or stored HTML)


def _round_table_html(table, entries, words: dict, text: str, ui: str) -> str:
    heading = words["round table"] % {"number": table}
    out = [f'\n      <h3 id="round-table-{table}" {ui}>{heading}</h3>\n      ']
    shown = addressed(entries)
    for e in shown:
        out.append(_entry_html(e, words, text, ui))
    if not shown:
        out.append(f'\n      <p class="text-body-secondary" {ui}>{words["none"]}</p>\n      ')
    out.append("\n    ")
    return "".join(out)


def _entry_html(e: dict, words: dict, text: str, ui: str) -> str:
    number = e["objective"].number
    priority = e["entry"].get("priority")
    priority = " · " + words["priority"] % {"number": esc(priority)} if priority else ""
    principles = ""
    if e["principles"]:
        names = "; ".join(f"<span{name_lang_attr(p)}>{esc(p.name)}</span>" for p in e["principles"])
        principles = f'<p class="principles" {ui}>{words["principles"]} {names}</p>'
    practices = "".join(
        f'<div id="practice-{number}-{i}" {text}>{practice_html(p)}</div>'
        for i, p in enumerate(e["entry"].get("practices") or [], start=1)
    )
    return (
        f'\n      <section id="objective-{number}">\n'
        f"        <h4 {ui}>{number}. {esc(name_html(e['objective'], 'title'))}</h4>\n"
        f"        <p {ui}><strong>{esc(str(e['status_label']))}</strong>{priority}</p>\n"
        f'        <div class="document-text" {text}>{e["html"]}</div>\n'
        f"        {principles}\n        {practices}\n      </section>\n      "
    )


def objectives_table_html(objective_rows) -> SafeString:
    """The rows of the public page's table of the 23 objectives (reviews/public/review.html):
    status, priority and round table of each, linked to its entry where the review has one."""
    out = []
    labels = {}  # {status: its label, escaped}: translated once per status, not per objective
    for table, entries in objective_rows:
        for e in entries:
            number, entry = e["objective"].number, e["entry"]
            name = f"{number}. {esc(name_html(e['objective'], 'title'))}"
            if entry and entry.get("status") != "not_addressed":
                name = f'<a href="#objective-{number}">{name}</a>'
            status = esc(entry.get("status", "")) if entry else "not_addressed"
            if status not in labels:
                labels[status] = esc(str(e["status_label"]))
            priority = entry.get("priority") if entry else None
            out.append(
                f'<tr>\n          <th scope="row">{name}</th>\n'
                f'          <td class="text-nowrap"><span class="status-mark status-{status}" '
                f'aria-hidden="true"></span> {labels[status]}</td>\n'
                f"          <td>{'' if priority is None else esc(priority)}</td>\n"
                f"          <td>{table}</td>\n        </tr>"
            )
    return mark_safe("".join(out))  # noqa: S308 (every value is escaped)


def changes_html(parts) -> SafeString:
    """What changed since the previous cycle: `published_diff.changes`, each part's diff
    stored as HTML (reviews/public/_diff_body.html)."""
    if not parts:
        none = gettext("No difference in the text.")
        return mark_safe(f"\n<p>{none}</p>\n\n")  # noqa: S308
    words = {  # each translated once per page, not once per part
        "status": gettext("Status:"),
        "rewritten": gettext(
            "Some of this text changed too much to compare word by word: the old "
            "paragraphs are struck through, the new ones underlined."
        ),
        "blank": gettext("Only blank lines changed."),
        "practices": gettext("Promising practices"),
    }
    html = "".join(_changed_part_html(part, words) for part in parts)
    return mark_safe(html + "\n")  # noqa: S308 (the words are escaped, the diffs stored HTML)


_ARROW = '<span class="arrow-forward">→</span>'


def _changed_part_html(part: dict, words: dict) -> str:
    shown_status = ""
    if part.get("status"):
        # Each (lazy) label translated once: comparing them, then escaping them, did it thrice.
        before, after = (str(label) for label in part["status"])
        if before != after:
            before, after = esc(before or "—"), esc(after or "—")
            shown_status = (
                f"<p>{words['status']} <del>{before}</del> {_ARROW} <ins>{after}</ins></p>"
            )
    fields = "".join(
        f"<p>{esc(name)}: <del>{esc(before)}</del> {_ARROW} <ins>{esc(after)}</ins></p>"
        for name, before, after in part.get("fields") or []
    )
    rewritten = f'<p class="small">{words["rewritten"]}</p>' if part.get("rewritten") else ""
    diff, practices = part.get("diff_html"), part.get("practices_html")
    body = ""
    if diff or (not part.get("fields") and not practices):
        inside = diff or f'<p class="small">{words["blank"]}</p>'
        body = f'<div class="diff border p-2">{inside}</div>'
    if practices:
        practices = (
            f'<h4 class="h6 mt-2">{words["practices"]}</h4>'
            f'<div class="diff border p-2">{practices}</div>'
        )
    return (
        f'\n<section class="mb-4">\n  <h3 class="h5">{esc(part["label"])}</h3>\n'
        f"  {shown_status}\n  {fields}\n  {rewritten}\n  {body}\n  {practices or ''}\n</section>\n"
    )


def contents_html(page: dict) -> SafeString:
    """The public page's table of contents (reviews/public/_review_contents.html, which calls
    this): every part of the page in its order, each linked to its id. `page`: the page's
    context (`sections`, `objective_rows`, `practices`, `language`, `public_attachments`,
    `previous`)."""
    text = f'lang="{esc(html_lang(page["language"]))}" dir="{text_direction(page["language"])}"'
    items = []
    for item in page["sections"]:
        number = item["section"].number
        items.append(f'<li><a href="#section-{number}">{number}. {esc(item["section"].title)}</a>')
        if number == _OBJECTIVES_SECTION:
            items.append(_contents_objectives(page, text))
        items.append("</li>")
    # Each label translated here, not inside the f-strings: makemessages reads no call in one.
    documents = ""
    if page.get("public_attachments"):
        label = gettext("Documents published with the review")
        documents = f' · <a href="#published-documents">{label}</a>'
    changes = ""
    if page.get("previous"):
        title = esc(page["previous"].cycle.title)
        label = gettext("What changed since %(cycle)s") % {"cycle": title}
        changes = f'<li><a href="#changes">{label}</a></li>'
    contents, heading = gettext("Contents of this review"), gettext("Contents")
    objectives, about = gettext("Progress on the 23 objectives"), gettext("About this review")
    cite = gettext("How to cite this review")
    return mark_safe(  # noqa: S308 (the titles are escaped, the rest is ours)
        f'\n<nav class="review-contents mt-3" aria-label="{contents}">\n'
        f'  <h2 class="h5">{heading}</h2>\n'
        '  <ol class="review-contents-list">\n'
        f'    <li><a href="#objectives-table">{objectives}</a></li>\n'
        f"    {''.join(items)}\n"
        f'    <li><a href="#about-review">{about}</a>{documents}</li>\n'
        f"    {changes}\n"
        f'    <li><a href="#cite">{cite}</a></li>\n'
        "  </ol>\n</nav>\n"
    )


def _contents_objectives(page: dict, text: str) -> str:
    """Under section 3: its round tables, then the promising practices the review describes."""
    heading = gettext("Round table %(number)s")
    tables = "".join(
        f'<li><a href="#round-table-{table}">{heading % {"number": table}}</a></li>'
        for table, _entries in page["objective_rows"]
    )
    practices = ""
    if page.get("practices"):
        listed = "".join(
            f'<li><a href="#{esc(p["id"])}" {text}>{esc(p["title"])}</a></li>'
            for p in page["practices"]
        )
        label = gettext("Promising practices")
        practices = f'<ul class="review-contents-practices" aria-label="{label}">{listed}</ul>'
    label = gettext("Round tables")
    return (
        "\n      "
        f'<ul class="review-contents-inline" aria-label="{label}">{tables}</ul>'
        f"\n      {practices}\n    "
    )
