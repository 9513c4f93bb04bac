"""Kinds of document: what each declares, in one place, to the shared submission machinery.

A kind says which model holds its text (a child of `Document`), its template (the parts, with
titles, guidance and limits), the parts its editor saves one at a time (`reviews.parts`), who
drafts it (the membership that makes someone an author), whether sign-off applies and who
signs, whom its decisions notify, its public address and the facts on its PDF cover. Kinds
register themselves when their app is ready (`AppConfig.ready()`), so `reviews` never imports
the apps that add kinds, and those apps never import each other: the machinery looks a
document's kind up here.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentKind:
    slug: str
    label: str
    model: type  # the child of Document that holds this kind's text
    template: tuple  # the parts of the template, in order (reviews.template.Section and alike)
    is_author: Callable  # (user, document) -> bool: drafts, submits, withdraws
    needs_sign_off: Callable  # (document) -> bool: submission waits for an official
    is_signer: Callable  # (user, document) -> bool: signs off or sends back
    authors: Callable  # (document) -> users to notify of the secretariat's decisions
    body_name: Callable  # (document) -> the authoring body's name, as lists show it
    public_url: Callable  # (document) -> the public page (answers once published)
    pdf_cover: Callable  # (document) -> {"title": …, "subtitle": …} for the PDF's cover
    # () -> the parts edited and saved one at a time (reviews.parts.Part), in order; None: one
    # part per section of `template`.
    parts: Callable | None = None
    # (document) -> the officials told that a submission waits for their sign-off
    signers: Callable = lambda document: []


_KINDS: dict[str, DocumentKind] = {}


def register(kind: DocumentKind) -> None:
    """Declare a kind (from its app's `ready()`); declaring the same slug twice is a mistake."""
    existing = _KINDS.get(kind.slug)
    if existing is not None and existing.model is not kind.model:
        raise ValueError(f"document kind {kind.slug!r} is declared twice")
    _KINDS[kind.slug] = kind


def kind_named(slug: str) -> DocumentKind:
    return _KINDS[slug]


def registered_kinds() -> list[DocumentKind]:
    return list(_KINDS.values())


def specific(document):
    """The kind's own row for `document` (the document itself when it already is one)."""
    model = kind_named(document.kind).model
    if isinstance(document, model):
        return document
    return getattr(document, model._meta.get_field("document_ptr").remote_field.related_name)
