"""What changed in a document of any kind: since the version last reviewed, and since the
version online.

The version decided on is the last submission (`decided_revision`): a sign-off records a
second submission revision holding the same text as the first, so comparing the last two
submissions said "No difference" after every signed-off correction. What a reader wants is the
text against the one that was last *reviewed* (the revision of the last request for changes,
sending back or publication: `REVIEWED_ACTIONS`) and against the published one.
"""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from reviews.content import diff_content
from reviews.models import ModerationEvent, ReviewRevision

REVIEWED_ACTIONS = ("request_changes", "send_back", "publish")


def decided_revision(document) -> ReviewRevision | None:
    """The revision a decision is about: the last one submitted (the working copy may have
    moved on since, in a new version); for a document never submitted, its latest one."""
    revisions = document.revisions.select_related("author").order_by("-number")
    return revisions.filter(kind=ReviewRevision.Kind.SUBMISSION).first() or revisions.first()


def last_reviewed_event(document, before: ReviewRevision) -> ModerationEvent | None:
    """The last request for changes, sending back or publication of a revision older than
    `before`, with its revision."""
    return (
        ModerationEvent.objects.filter(
            document=document,
            action__in=REVIEWED_ACTIONS,
            revision__isnull=False,
            revision__number__lt=before.number,
        )
        .select_related("revision")
        .order_by("-created_at", "-id")
        .first()
    )


def _reviewed_label(event: ModerationEvent) -> str:
    date = date_format(event.created_at, "DATE_FORMAT")
    if event.action == "request_changes":
        return _("Changes since the secretariat requested changes on %(date)s") % {"date": date}
    if event.action == "send_back":
        return _("Changes since the review was sent back before sign-off on %(date)s") % {
            "date": date
        }
    return _("Changes since the version published on %(date)s") % {"date": date}


def diff_revisions(document, old: ReviewRevision, new: ReviewRevision) -> list[dict]:
    """The parts that differ from `old` to `new`, by the template of the document's kind."""
    spec = document.kind_spec
    return diff_content(
        old.content,
        new.content,
        sections=spec.template,
        numbering=getattr(spec, "numbering", None),
        details=True,
    )


def what_changed(document, new: ReviewRevision | None) -> list[dict]:
    """Comparisons of `new` with the version last reviewed and with the published version
    (one comparison when they are the same revision), each {"key", "label", "old", "new",
    "parts"}. None when `new` is itself the one compared with (just published)."""
    if new is None:
        return []
    comparisons = []
    event = last_reviewed_event(document, new)
    if event is not None:
        comparisons.append(
            {"key": "reviewed", "label": _reviewed_label(event), "old": event.revision}
        )
    published = document.published_revision
    if (
        published is not None
        and published.number < new.number
        and (event is None or event.revision_id != published.pk)
    ):
        label = _("Changes since the published version (published on %(date)s)") % {
            "date": date_format(document.published_at, "DATE_FORMAT")
        }
        comparisons.append({"key": "published", "label": label, "old": published})
    for comparison in comparisons:
        comparison["new"] = new
        comparison["parts"] = diff_revisions(document, comparison["old"], new)
    return comparisons
