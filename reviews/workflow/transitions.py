"""One door per transition: a named function, its preconditions inside it, its effects listed.

Every door hands what all transitions do alike to `_change`, the one place in the code base
that assigns a document's `status`. `ACTIONS` maps each action's slug to its door: the generic
decision endpoint is a lookup in it, and every door takes the same decision keywords (`by`,
`comment`, `section_comments`, `seen_version`), so no endpoint knows one transition from
another. A door refused raises `TransitionRefused` (or `StaleDecision`, `SubmissionProblems`)
with nothing changed.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.editing import record_revision
from reviews.models import ModerationEvent, ReviewRevision, ReviewStatus
from reviews.notifications import NOTIFY_FOCAL_POINTS, NOTIFY_SECRETARIAT, queue_notification
from reviews.public_index import index_published_review
from reviews.rendition import queue_pdf
from reviews.workflow.errors import StaleDecision, TransitionRefused
from reviews.workflow.submission import check_submission
from reviews.workflow.table import TRANSITIONS

S = ReviewStatus
# Statuses the secretariat (submitted) or the public (published) read as a PDF.
READ_AS_PDF = {S.SUBMITTED, S.PUBLISHED}


def _change(action, document, fields=None, *, by, comment, section_comments, seen_version):
    """What every transition does the same way, in this order.

    Locks the kind's row (and with it the document's); returns the document untouched when
    the same action was the last one and left it where it is (a colleague did the same a
    moment ago); refuses, by the transition's row, a status it does not start from, an actor
    it does not allow and a missing required comment, and a decision made on an older version
    (`seen_version`, None when the caller holds no page: a test, a command); runs the door's
    `fields(document, now)`, which checks the door's own preconditions and sets its fields,
    returning the new status or None for the row's target; saves the status and version + 1;
    records the revision; writes the `ModerationEvent`; queues, on commit, the PDF and the
    e-mail that the action calls for.
    """
    spec = TRANSITIONS[action]
    with transaction.atomic():
        document = (
            document.kind_spec.model.objects.select_for_update()
            .select_related("cycle")
            .get(pk=document.pk)
        )
        if document.status not in spec.sources:
            last = document.events.order_by("-created_at", "-id").first()
            if last is not None and last.action == action and document.status == last.to_status:
                return document
            raise TransitionRefused(
                _("A review that is “%(status)s” cannot be changed this way.")
                % {"status": document.get_status_display()}
            )
        if not spec.allowed(by, document):
            raise TransitionRefused(_("You are not allowed to do this."))
        if seen_version is not None and seen_version != document.version:
            raise StaleDecision(seen_version=seen_version, current_version=document.version)
        if spec.comment_required and not comment.strip():
            raise TransitionRefused(_("Please write a comment: it is sent with this decision."))
        now = timezone.now()
        from_status = document.status
        target = fields(document, now) if fields is not None else None
        # The only assignment of a document's status (tests/reviews/test_workflow_doors.py).
        document.status = target or spec.target
        document.version += 1
        document.save()
        revision = (
            record_revision(document, by=by, kind=spec.revision)
            if spec.revision
            else document.published_revision
        )
        event = ModerationEvent.objects.create(
            document=document,
            action=action,
            from_status=from_status,
            to_status=document.status,
            actor=by,
            comment=comment.strip(),
            section_comments={
                k: v.strip() for k, v in (section_comments or {}).items() if v.strip()
            },
            revision=revision,
            created_at=now,
        )
        if spec.renders_pdf and document.status in READ_AS_PDF:
            # The secretariat reviews exactly the PDF that will be published.
            queue_pdf(document.pk)
        if action in NOTIFY_SECRETARIAT | NOTIFY_FOCAL_POINTS:
            # Pending in this transaction, queued after commit; beat's sweep sends it if the
            # message is lost (broker down).
            queue_notification(event.pk)
    return document


def submit_document(document, *, by, comment="", section_comments=None, seen_version=None):
    """The authors send their text on: to the secretariat, or first to their official.

    Refused unless the document is a draft or changes were requested, `by` is one of its
    authors, and its content is complete and within the limits (else `SubmissionProblems`,
    listing each problem). Effects, in order: saved as awaiting sign-off when its kind says so
    (`needs_sign_off`: a State with an authorizing official), else as submitted with
    `submitted_at`; version + 1; a submission revision; the `submit` event; on commit, the
    e-mail to the secretariat and, once submitted, the PDF.
    """

    def fields(document, now):
        problems = check_submission(document)
        if problems is not None:
            raise problems
        if document.kind_spec.needs_sign_off(document.specific):
            return S.AWAITING_SIGN_OFF
        document.submitted_at = now
        return S.SUBMITTED

    return _change("submit", document, fields, by=by, comment=comment,
                   section_comments=section_comments, seen_version=seen_version)  # fmt: skip


def sign_off_document(
    document, *, by, name="", title="", signed_on=None, comment="", section_comments=None,
    seen_version=None,
):  # fmt: skip
    """The authorizing official clears the text, which goes to the secretariat.

    Refused unless the document awaits sign-off, `by` signs for its authoring body, the
    decision was made on the current version, and the official's name, title and date of
    sign-off are given: whichever page calls (the official's own, or the generic decision
    endpoint, which has none of them). Effects, in order: saved as submitted, with
    `submitted_at` and the official's name, title and date; version + 1; a submission
    revision; the `sign_off` event; on commit, the e-mail to the secretariat and the PDF.
    """

    def fields(document, now):
        name_, title_ = (name or "").strip(), (title or "").strip()
        if not (name_ and title_ and signed_on):
            raise TransitionRefused(_("Give the official's name, title and the date of sign-off."))
        document.signed_off_name, document.signed_off_title = name_, title_
        document.signed_off_on = signed_on
        document.submitted_at = now

    return _change("sign_off", document, fields, by=by, comment=comment,
                   section_comments=section_comments, seen_version=seen_version)  # fmt: skip


def send_back_document(document, *, by, comment="", section_comments=None, seen_version=None):
    """The authorizing official returns the text to its authors, saying why.

    Refused unless the document awaits sign-off, `by` signs for its authoring body, a comment
    is given and the decision was made on the current version. Effects, in order: saved as a
    draft; version + 1; a revision; the `send_back` event; on commit, the e-mail to the
    authors.
    """
    return _change("send_back", document, by=by, comment=comment,
                   section_comments=section_comments, seen_version=seen_version)  # fmt: skip


def request_changes(document, *, by, comment="", section_comments=None, seen_version=None):
    """The secretariat asks the authors for changes, with a comment and notes per section.

    Refused unless the document is submitted, `by` moderates, a comment is given and the
    decision was made on the current version. Effects, in order: saved as changes requested;
    version + 1; a revision; the `request_changes` event with its section comments; on commit,
    the e-mail to the authors.
    """
    return _change("request_changes", document, by=by, comment=comment,
                   section_comments=section_comments, seen_version=seen_version)  # fmt: skip


def publish_document(document, *, by, comment="", section_comments=None, seen_version=None):
    """The secretariat publishes the text it read: the latest revision is pinned for the public.

    Refused unless the document is submitted, `by` moderates and the decision was made on the
    current version. Effects, in order: the latest revision pinned as the published one, its
    language copied, `published_at` (and the first time, `first_published_at`) set and an
    earlier unpublication cleared; the public index rebuilt from the pinned revision (cached
    public pages invalidated on commit); saved as published; version + 1; the `publish` event,
    pointing at the pinned revision; on commit, the e-mail to the authors and the PDF.
    """

    def fields(document, now):
        document.published_revision = document.revisions.order_by("-number").first()
        document.published_language = document.published_revision.content["language"]
        document.published_at = now
        document.first_published_at = document.first_published_at or now
        document.unpublished_at, document.unpublish_reason = None, ""
        index_published_review(document)

    return _change("publish", document, fields, by=by, comment=comment,
                   section_comments=section_comments, seen_version=seen_version)  # fmt: skip


def unpublish_document(document, *, by, comment="", section_comments=None, seen_version=None):
    """The secretariat takes the published text offline; `comment` is the reason readers see.

    Refused unless the document is published, `by` moderates, a reason is given and the
    decision was made on the current version. Effects, in order: the pinned revision marked
    unpublished (it never returns, not even as an earlier version once a corrected revision
    is published); the pin and published language cleared, `unpublished_at` and the reason
    set; the public index emptied (cached public pages invalidated on commit); saved as
    submitted; version + 1; a revision; the `unpublish` event.
    """

    def fields(document, now):
        ReviewRevision.objects.filter(pk=document.published_revision_id).update(unpublished_at=now)
        document.published_revision, document.published_language = None, ""
        document.unpublished_at, document.unpublish_reason = now, comment.strip()
        index_published_review(document)

    return _change("unpublish", document, fields, by=by, comment=comment,
                   section_comments=section_comments, seen_version=seen_version)  # fmt: skip


def withdraw_document(document, *, by, comment="", section_comments=None, seen_version=None):
    """The authors withdraw their draft or submission.

    Refused unless the document is a draft, submitted or sent back for changes, and `by` is
    one of its authors. Effects, in order: saved as withdrawn; version + 1; a revision; the
    `withdraw` event.
    """
    return _change("withdraw", document, by=by, comment=comment,
                   section_comments=section_comments, seen_version=seen_version)  # fmt: skip


def reopen_document(document, *, by, comment="", section_comments=None, seen_version=None):
    """The authors take a withdrawn document up again as a draft.

    Refused unless the document is withdrawn and `by` is one of its authors. Effects, in
    order: saved as a draft; version + 1; a revision; the `reopen` event.
    """
    return _change("reopen", document, by=by, comment=comment,
                   section_comments=section_comments, seen_version=seen_version)  # fmt: skip


def revise_document(document, *, by, comment="", section_comments=None, seen_version=None):
    """The authors start a new version of a published document.

    Refused unless the document is published and `by` is one of its authors. Effects, in
    order: saved as a draft, the published revision still pinned and online until the next
    publication; version + 1; a revision; the `revise` event.
    """
    return _change("revise", document, by=by, comment=comment,
                   section_comments=section_comments, seen_version=seen_version)  # fmt: skip


# The doors by action slug: the generic decision endpoint looks them up here (unknown: 404).
ACTIONS = {
    "submit": submit_document,
    "sign_off": sign_off_document,
    "send_back": send_back_document,
    "request_changes": request_changes,
    "publish": publish_document,
    "unpublish": unpublish_document,
    "withdraw": withdraw_document,
    "reopen": reopen_document,
    "revise": revise_document,
}
