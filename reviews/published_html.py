"""The texts of a published review as its public page shows them, read from the public index
(`PublishedPart`, written at publication by `reviews.public_index`) instead of rendered from
Markdown at each request: the HTML of each section and objective narrative, and the plain text
that "what changed since the previous review" compares.

Only a document's CURRENT published revision has parts; an earlier version's page renders its
Markdown (`reviews.selectors.rendered_texts`, memoized).
"""

from reviews.markdown import html_text
from reviews.models import PublishedPart

# An objective's stored HTML is its narrative, then each promising practice as
# reviews/_practice.html renders it, which opens with this. The narrative's HTML can never hold
# it: sanitised Markdown has no <div> (reviews.markdown.ALLOWED_TAGS) and escapes typed markup.
PRACTICE_START = '<div class="practice '


def narrative_html(objective_html: str) -> str:
    """The narrative's HTML of an objective part, without its promising practices (the page
    lays those out itself, in the reader's language, with their anchors)."""
    return objective_html.split(PRACTICE_START, 1)[0]


def published_texts(*documents) -> dict[int, dict]:
    """Per document (by id), its published parts as `rendered_texts` gives them,
    {"sections": {"1": html}, "objectives": {"5": narrative html}}, plus "plain": {Markdown
    source: plain text} for the diff. One query for all the documents."""
    found = {d.pk: {"sections": {}, "objectives": {}} for d in documents}
    rows = PublishedPart.objects.filter(document__in=[d.pk for d in documents]).values_list(
        "document_id", "kind", "number", "html"
    )
    for document_id, kind, number, stored in rows:
        if kind == PublishedPart.Kind.SECTION:
            found[document_id]["sections"][str(number)] = stored
        else:
            found[document_id]["objectives"][str(number)] = narrative_html(stored)
    return found


def plain_texts(content: dict, texts: dict) -> dict[str, str]:
    """{Markdown source: plain text} of a published revision's sections and objective
    narratives, from its `published_texts`: what `public_index.plain_text` gives each source."""
    plain = {}
    for number, source in content["sections"].items():
        if number in texts["sections"]:
            plain[source] = html_text(texts["sections"][number])
    for number, entry in content.get("objectives", {}).items():
        if entry and number in texts["objectives"]:
            plain[entry.get("narrative", "")] = html_text(texts["objectives"][number])
    return plain
