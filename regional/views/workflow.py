"""The authors' decisions on a regional document (submit, withdraw, reopen, revise): thin
callers of the pages every kind shares (`reviews.views.kind_pages`) over the workflow's doors,
which check who may and when. The secretariat decides on its own pages."""

from regional.views.documents import numbered, url_of
from reviews.content import section_counts
from reviews.views import kind_pages


def available_decisions(user, document) -> list[dict]:
    return kind_pages.authors_decisions(user, document, url_of=url_of)


def overview_sections(document, content) -> list[dict]:
    """Each section of the kind's template: its number, title, guidance, words, and whether
    submitting needs it."""
    spec = document.kind_spec
    counts = {c.number: c for c in section_counts(content, spec.template)}
    return [
        {
            "label": numbered(document, s.number),
            "title": s.title,
            "prompts": s.prompts,
            "words": counts[s.number].words,
            "optional": s.number in spec.optional_sections,
            "url": url_of(document, "section", number=s.number),
        }
        for s in spec.template
    ]


def submit_document_view(request, document, *, on_problems):
    """Submit; refused content comes back on the overview (`on_problems`), listing each
    problem."""
    return kind_pages.submit(request, document, url_of=url_of, on_problems=on_problems)


def decide(request, document, action: str):
    return kind_pages.decide(request, document, action, url_of=url_of)
