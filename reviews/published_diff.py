"""What changed since the previous cycle's review, as the public review page shows it: computed
once per pair of published revisions and stored (`PublishedDiff`), never at a cold request.

The word diff of two 5,000-word reviews takes a tenth of a second or more, and its HTML as much
again to render: a page that computed it at each miss of the cache cost ten times a page that
did not. The pair of revisions decides it alone, so it is stored in no language (the parts'
labels are put in the reader's language at each request, `content.labelled_parts`), with the
HTML of each part's diff already rendered (it holds only the review's own words).

It is stored right after a publication (`store_diff_for`, from the warming task), and by the
first request that misses it otherwise (an earlier version's page, a diff stored before a
change of `FORMAT`). Never inside the publish transaction: it can take seconds.
"""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from reviews.content import compare_content, labelled_parts
from reviews.markdown import plain_text
from reviews.models import PublishedDiff, VoluntaryReview
from reviews.published_html import plain_texts, published_texts

# The shape of `PublishedDiff.parts`: a row of another format is computed again.
FORMAT = 1


def previous_review(review, others):
    """The review the page of `review` compares with: among `others` (the State's other
    published reviews, newest cycle first), the newest of an earlier cycle; None if none."""
    return next((o for o in others if o.cycle.year < review.cycle.year), None)


def changes(
    previous, revision, texts: dict | None = None, principle_names=None
) -> list[dict] | None:
    """The parts that changed from `previous`'s published revision to `revision`, labelled in
    the active language, their diffs as HTML (`reviews/public/_review_changes.html`). Read from
    `PublishedDiff`, computed and stored on a miss. `texts`: `revision`'s `published_texts`
    when it is the current publication, so that a diff computed here compares the text of the
    published parts instead of rendering Markdown (the previous review's are read on a miss).
    `principle_names`: {key: name} of the guiding principles, when the page has read them."""
    if previous is None:
        return None
    older, newer = previous.published_revision, revision
    row = (
        PublishedDiff.objects.filter(newer=newer, older=older)
        .values_list("newer_updated_at", "older_updated_at", "format", "parts")
        .first()
    )
    if row is not None and row[:3] == (newer.updated_at, older.updated_at, FORMAT):
        parts = row[3]
    else:
        texts = published_texts(previous) | (texts or {})
        parts = _store(older, newer, _text(previous, revision, texts))
    return [
        {
            **part,
            # Rendered by reviews/public/_diff_body.html from the review's words: escaped.
            "diff_html": mark_safe(part["diff_html"]),  # noqa: S308
            "practices_html": mark_safe(part.get("practices_html", "")),  # noqa: S308
        }
        for part in labelled_parts(parts, principle_names=principle_names)
    ]


def store_diff_for(document) -> int:
    """Compute and store, if missing, the diffs the public pages of `document`'s State show:
    each published review against the State's previous one (a publication can be the newer of
    one pair and the older of another). Returns how many were computed; 0 for a document that
    is no national review or not published. Call it after the publication's commit."""
    review = VoluntaryReview.objects.filter(pk=document.pk).only("member_state_id").first()
    if review is None:
        return 0
    reviews = list(
        VoluntaryReview.objects.filter(
            member_state_id=review.member_state_id, published_revision__isnull=False
        )
        .select_related("cycle", "published_revision")
        .order_by("-cycle__year", "cycle__slug")
    )
    pairs = [(previous_review(r, reviews), r) for r in reviews]
    pairs = [(p, r) for p, r in pairs if p is not None]
    stored = {
        (older_id, newer_id): stamps
        for older_id, newer_id, *stamps in PublishedDiff.objects.filter(
            newer__in=[r.published_revision for _p, r in pairs]
        ).values_list("older_id", "newer_id", "older_updated_at", "newer_updated_at", "format")
    }
    computed = 0
    for previous, review in pairs:
        older, newer = previous.published_revision, review.published_revision
        if stored.get((older.pk, newer.pk)) != [older.updated_at, newer.updated_at, FORMAT]:
            texts = published_texts(review, previous)
            _store(older, newer, _text(previous, newer, texts))
            computed += 1
    return computed


def _text(previous, revision, texts: dict):
    """What is compared of each Markdown source: the plain text readers see, read from the
    published parts where `texts` has them (no Markdown rendered), else rendered."""
    known = {}
    for document_id, content in (
        (previous.pk, previous.published_revision.content),
        (revision.document_id, revision.content),
    ):
        if texts.get(document_id, {}).get("sections"):
            known |= plain_texts(content, texts[document_id])

    def text(source: str) -> str:
        return known[source] if source in known else plain_text(source)

    return text


def stored_parts(old: dict, new: dict, text) -> list[dict]:
    """`compare_content` of two snapshots with each diff rendered to HTML: what is stored."""
    parts = []
    for part in compare_content(old, new, text):
        paragraphs = part.pop("diff")
        part["diff_html"] = _body_html(paragraphs) if paragraphs else ""
        if "practices" in part:
            part["practices_html"] = _body_html(part.pop("practices"), practices=True)
        parts.append(part)
    return parts


def _body_html(paragraphs, *, practices: bool = False) -> str:
    context = {"paragraphs": paragraphs, "practices": practices}
    return render_to_string("reviews/public/_diff_body.html", context)


def _store(older, newer, text) -> list[dict]:
    """Compute the pair's parts and store them. Two requests (or a request and the warming
    task) that compute the same pair at once both write the same thing: the later overwrites
    the earlier in one statement, never an IntegrityError."""
    parts = stored_parts(older.content, newer.content, text)
    PublishedDiff.objects.bulk_create(
        [
            PublishedDiff(
                newer=newer,
                older=older,
                newer_updated_at=newer.updated_at,
                older_updated_at=older.updated_at,
                format=FORMAT,
                parts=parts,
            )
        ],
        update_conflicts=True,
        unique_fields=["newer", "older"],
        update_fields=["newer_updated_at", "older_updated_at", "format", "parts"],
    )
    return parts
