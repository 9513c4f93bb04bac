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
    # (document) -> the authors' page of the document (in the active language), which the
    # moderation e-mails link to; None: they name no page.
    workspace_url: Callable | None = None
    # (document) -> the officials told that a submission waits for their sign-off
    signers: Callable = lambda document: []
    # (user, document) -> bool: reads the working copy (besides the secretariat); None: the
    # authors (a national review's authorizing officials read what they never draft).
    is_reader: Callable | None = None
    # (document) -> dict: the whole document as plain data, what a revision stores
    # (reviews.content.snapshot); None: its language, sections and attachments.
    snapshot: Callable | None = None
    # (content) -> bool: a stored snapshot has every key `snapshot` gives today; None: the
    # keys of the default snapshot.
    has_every_key: Callable | None = None
    # Sections that may be empty at submission (a report's annex, filled later); every other
    # section of `template` is required.
    optional_sections: frozenset = frozenset()
    # (number) -> how the template numbers its section ("1", "(i)", "(a)") in messages
    numbering: Callable = str
    # The PDF (reviews.pdf): its template, and (document, revision) -> what that template
    # reads besides what every PDF gets; None: the national review's (reviews.pdf).
    pdf_template: str = "reviews/pdf/review.html"
    pdf_context: Callable | None = None
    # The relations a public list row reads (select_related of `model`): the body's name,
    # in a constant number of queries whatever the number of rows.
    public_related: tuple = ()
    # (content) -> [message]: what else submitting requires of a snapshot, besides sections
    # and word limits (a stakeholder input names at least one objective); none by default.
    submission_problems: Callable = lambda content: []
    # (content) -> the authors' reason for running over the template's suggested word limits,
    # read from a snapshot: in an advisory cycle (`ReviewCycle.limits_advisory`) an overrun is
    # accepted once it is written, and the secretariat reads it beside the overrun. None: the
    # kind has nowhere to write one, so its limits stay firm whatever the cycle.
    limits_justification: Callable | None = None
    # The cache of public pages (reviews.public_cache, reviews.warming). (document) -> the
    # scope of the cached pages that show this document alone or with its siblings (a national
    # review: its State's pages), and the paths in that scope to render again after it changes;
    # None: its own public page (`public_url`) is its scope, and the one path.
    public_scope: Callable | None = None
    scope_paths: Callable | None = None
    # () -> the paths of this kind's pages that read many documents (its list, pages that
    # gather documents), rendered again after any publication; in the active language.
    index_paths: Callable = lambda: []


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
