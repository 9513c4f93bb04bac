"""Every status change of a voluntary review happens here, and only here.

```
draft --submit--> [awaiting_sign_off --sign_off-->] submitted --publish--> published
  ^                      | send_back                   |                    | unpublish
  +----------------------+                     request_changes              v
  +---------------- changes_requested <-----------------+                submitted
draft/submitted/changes_requested --withdraw--> withdrawn --reopen--> draft
published --revise--> draft (the published revision stays online until the next publication)
```

Each transition, in order: locks the review row; returns quietly when someone already made the
same change; checks the status, the actor's permission, that the decision was made on the
current version (`seen_version`, else `StaleDecision`) and the preconditions (raising
`TransitionRefused` or `SubmissionProblems`, with nothing changed); sets the status and the
fields that go with it; bumps the version; records a revision where the text matters; writes
the `ModerationEvent`; and queues its e-mail with `transaction.on_commit`, so a rolled-back
transaction sends nothing. Views never assign a status.

Why not django-fsm-2: its transitions are model methods (our models hold no side effects), its
conditional targets hide the sign-off rule in a return value, and the row lock, the audit row
and the on-commit queueing would be written around it anyway. A table of eight rows is plainer.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from reviews.content import SectionCount, section_counts, snapshot
from reviews.editing import record_revision
from reviews.models import ModerationEvent, ReviewRevision, ReviewStatus, VoluntaryReview
from reviews.permissions import (
    can_moderate_reviews,
)
from reviews.publication import index_published_review
from reviews.template import SECTIONS

S = ReviewStatus


class TransitionRefused(Exception):
    """The actor may not make this change, or the review is not in a state that allows it."""


class StaleDecision(TransitionRefused):
    """The decision was made on a version of the review that is no longer the current one.

    A page open for a while may show a text the focal points have since withdrawn, changed and
    submitted again: publishing from it would publish the newer text unseen. The caller shows
    what changed between `seen_version` and `current_version` and lets the person decide again.
    """

    def __init__(self, *, seen_version: int, current_version: int):
        self.seen_version, self.current_version = seen_version, current_version
        super().__init__(
            _(
                "The review changed since you opened it (version %(seen)s, now %(current)s). "
                "Read what changed, then decide again: nothing was done."
            )
            % {"seen": seen_version, "current": current_version}
        )


@dataclass
class SubmissionProblems(Exception):
    """Submitting is refused until these are fixed; the draft is kept exactly as typed."""

    empty_sections: list[int] = field(default_factory=list)
    over_limit: list[SectionCount] = field(default_factory=list)
    justification_missing: bool = False

    def messages(self) -> list[str]:
        titles = {s.number: s.title for s in SECTIONS}
        lines = [
            _("Section %(number)s, “%(title)s”, is empty.") % {"number": n, "title": titles[n]}
            for n in self.empty_sections
        ]
        lines += [
            _("Section %(number)s, “%(title)s”, has %(words)s words; the limit is %(limit)s.")
            % {"number": c.number, "title": c.title, "words": c.words, "limit": c.limit}
            for c in self.over_limit
        ]
        if self.justification_missing:
            lines.append(
                _("Say briefly why the review is longer than suggested: this cycle accepts it.")
            )
        return lines


def check_submission(review: VoluntaryReview) -> SubmissionProblems | None:
    """Required content and word limits, as the secretariat will receive them."""
    content = snapshot(review)
    counts = section_counts(content)
    problems = SubmissionProblems(
        empty_sections=[c.number for c in counts if c.words == 0],
        over_limit=[c for c in counts if c.over],
    )
    if review.cycle.limits_advisory and problems.over_limit:
        # Advisory limits: an overrun is accepted with a justification the secretariat reads.
        problems.justification_missing = not review.limits_justification.strip()
        problems.over_limit = []
    if problems.empty_sections or problems.over_limit or problems.justification_missing:
        return problems
    return None


def _author(user, document) -> bool:
    """Who drafts the document: its kind says (a State's focal points for a national review)."""
    return document.kind_spec.is_author(user, document.specific)


def _signer(user, document) -> bool:
    return document.kind_spec.is_signer(user, document.specific)


def _secretariat(user, review) -> bool:
    return can_moderate_reviews(user)


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset
    target: str
    allowed: Callable
    label: str
    comment_required: bool = False


TRANSITIONS = {
    t.action: t
    for t in [
        Transition("submit", frozenset({S.DRAFT, S.CHANGES_REQUESTED}), S.SUBMITTED,
                   _author, gettext_lazy("Submit")),
        Transition("sign_off", frozenset({S.AWAITING_SIGN_OFF}), S.SUBMITTED, _signer,
                   gettext_lazy("Sign off and submit")),
        Transition("send_back", frozenset({S.AWAITING_SIGN_OFF}), S.DRAFT, _signer,
                   gettext_lazy("Send back to the focal points"), comment_required=True),
        Transition("request_changes", frozenset({S.SUBMITTED}), S.CHANGES_REQUESTED,
                   _secretariat, gettext_lazy("Request changes"), comment_required=True),
        Transition("publish", frozenset({S.SUBMITTED}), S.PUBLISHED, _secretariat,
                   gettext_lazy("Publish")),
        Transition("unpublish", frozenset({S.PUBLISHED}), S.SUBMITTED, _secretariat,
                   gettext_lazy("Unpublish"), comment_required=True),
        Transition("withdraw", frozenset({S.DRAFT, S.SUBMITTED, S.CHANGES_REQUESTED}),
                   S.WITHDRAWN, _author, gettext_lazy("Withdraw")),
        Transition("reopen", frozenset({S.WITHDRAWN}), S.DRAFT, _author,
                   gettext_lazy("Reopen")),
        Transition("revise", frozenset({S.PUBLISHED}), S.DRAFT, _author,
                   gettext_lazy("Start a new version")),
    ]
}  # fmt: skip

# Who hears about what: the e-mail task reads this.
NOTIFY_SECRETARIAT = {"submit", "sign_off"}
NOTIFY_FOCAL_POINTS = {"request_changes", "publish", "send_back"}


def available_actions(user, review: VoluntaryReview) -> list[Transition]:
    """The transitions this user may attempt now (for buttons; the transition checks again)."""
    return [
        t for t in TRANSITIONS.values() if review.status in t.sources and t.allowed(user, review)
    ]


def _apply(review: VoluntaryReview, action: str, *, by, comment: str, now) -> str:
    """Field changes and preconditions of one action; returns the target status."""
    spec = TRANSITIONS[action]
    target = spec.target
    if action == "submit":
        problems = check_submission(review)
        if problems is not None:
            raise problems
        if review.kind_spec.needs_sign_off(review.specific):
            target = S.AWAITING_SIGN_OFF
        else:
            review.submitted_at = now
    elif action == "sign_off":
        review.submitted_at = now
    elif action == "publish":
        review.published_revision = review.revisions.order_by("-number").first()
        review.published_language = review.published_revision.content["language"]
        review.published_at = now
        review.first_published_at = review.first_published_at or now
        review.unpublished_at, review.unpublish_reason = None, ""
    elif action == "unpublish":
        # The unpublished text never returns: not even as an "earlier version" once a corrected
        # revision is published again.
        ReviewRevision.objects.filter(pk=review.published_revision_id).update(unpublished_at=now)
        review.published_revision = None
        review.published_language = ""
        review.unpublished_at = now
        review.unpublish_reason = comment
    return target


def transition(
    review: VoluntaryReview,
    action: str,
    *,
    by,
    comment: str = "",
    section_comments=None,
    sign_off=None,
    seen_version: int | None = None,
) -> VoluntaryReview:
    """Make one transition; see the module docstring for the order of effects.

    `seen_version`: the review's version on the page the decision was made from; a decision
    on an older version is refused (`StaleDecision`). None when the caller holds no page (a
    test, a command). `sign_off`: the official's name, title and date, required to sign off.
    """
    spec = TRANSITIONS.get(action)
    if spec is None:
        raise TransitionRefused(_("Unknown action."))
    with transaction.atomic():
        # Locks the document row and its kind's row; the kind's model reads them together.
        review = (
            review.kind_spec.model.objects.select_for_update()
            .select_related("cycle")
            .get(pk=review.pk)
        )
        if review.status not in spec.sources:
            last = review.events.order_by("-created_at", "-id").first()
            if last is not None and last.action == action and review.status == last.to_status:
                return review  # a colleague did the same a moment ago: nothing more to do
            raise TransitionRefused(
                _("A review that is “%(status)s” cannot be changed this way.")
                % {"status": review.get_status_display()}
            )
        if not spec.allowed(by, review):
            raise TransitionRefused(_("You are not allowed to do this."))
        if seen_version is not None and seen_version != review.version:
            raise StaleDecision(seen_version=seen_version, current_version=review.version)
        if action == "sign_off" and not _signed(sign_off):
            # The only door to sign-off: whoever calls, the official's details come with it.
            raise TransitionRefused(_("Give the official's name, title and the date of sign-off."))
        if spec.comment_required and not comment.strip():
            raise TransitionRefused(_("Please write a comment: it is sent with this decision."))
        now = timezone.now()
        from_status = review.status
        review.status = _apply(review, action, by=by, comment=comment, now=now)
        if action == "sign_off":
            review.signed_off_name = sign_off["name"].strip()
            review.signed_off_title = sign_off["title"].strip()
            review.signed_off_on = sign_off["on"]
        review.version += 1
        review.save()
        if action in {"publish", "unpublish"}:
            # The public index follows the pinned revision in the same transaction; cached
            # public pages are invalidated after commit.
            index_published_review(review)
        kind = ReviewRevision.Kind.SUBMISSION if action in {"submit", "sign_off"} else "system"
        revision = (
            record_revision(review, by=by, kind=kind)
            if action != "publish"
            else (review.published_revision)
        )
        event = ModerationEvent.objects.create(
            document=review,
            action=action,
            from_status=from_status,
            to_status=review.status,
            actor=by,
            comment=comment.strip(),
            section_comments={
                k: v.strip() for k, v in (section_comments or {}).items() if v.strip()
            },
            revision=revision,
            created_at=now,
        )
        if review.status in {S.SUBMITTED, S.PUBLISHED} and action in {
            "submit",
            "sign_off",
            "publish",
        }:
            # The secretariat reviews exactly the PDF that will be published.
            from reviews.tasks import queue_pdf

            queue_pdf(review.pk)
        if action in NOTIFY_SECRETARIAT | NOTIFY_FOCAL_POINTS:
            # Pending in this transaction, queued after commit; beat's sweep sends it if the
            # message is lost (broker down).
            from reviews.tasks import queue_notification

            queue_notification(event.pk)
    return review


def _signed(details) -> bool:
    return bool(
        details
        and (details.get("name") or "").strip()
        and (details.get("title") or "").strip()
        and details.get("on")
    )


def submit_review(review, *, by):
    return transition(review, "submit", by=by)


def sign_off_review(review, *, by, name, title, signed_on, comment="", seen_version=None):
    """The authorizing official clears the review: who, with what title, on which date."""
    return transition(
        review,
        "sign_off",
        by=by,
        comment=comment,
        sign_off={"name": name, "title": title, "on": signed_on},
        seen_version=seen_version,
    )


def send_back_review(review, *, by, comment, seen_version=None):
    return transition(review, "send_back", by=by, comment=comment, seen_version=seen_version)


def request_changes(review, *, by, comment, section_comments=None, seen_version=None):
    return transition(
        review,
        "request_changes",
        by=by,
        comment=comment,
        section_comments=section_comments,
        seen_version=seen_version,
    )


def publish_review(review, *, by, comment="", seen_version=None):
    return transition(review, "publish", by=by, comment=comment, seen_version=seen_version)


def unpublish_review(review, *, by, reason, seen_version=None):
    return transition(review, "unpublish", by=by, comment=reason, seen_version=seen_version)


def withdraw_review(review, *, by, comment=""):
    return transition(review, "withdraw", by=by, comment=comment)


def reopen_review(review, *, by):
    return transition(review, "reopen", by=by)


def revise_review(review, *, by):
    return transition(review, "revise", by=by)


def add_comment(review: VoluntaryReview, *, by, text: str, section: str = "") -> ModerationEvent:
    """A message in the review's conversation (a reply, a note): no status change, audited."""
    from reviews.permissions import can_view_review

    if not can_view_review(by, review):
        raise TransitionRefused(_("You are not allowed to do this."))
    if not text.strip():
        raise TransitionRefused(_("Please write a comment: it is sent with this decision."))
    return ModerationEvent.objects.create(
        document=review,
        action="comment",
        from_status=review.status,
        to_status=review.status,
        actor=by,
        comment=text.strip() if not section else "",
        section_comments={section: text.strip()} if section else {},
    )


def assign_review(review: VoluntaryReview, *, by, assignee) -> VoluntaryReview:
    """Give a review to a secretariat member (or to nobody); recorded in the audit trail."""
    if not can_moderate_reviews(by) or (
        assignee is not None and not can_moderate_reviews(assignee)
    ):
        raise TransitionRefused(_("You are not allowed to do this."))
    with transaction.atomic():
        review = VoluntaryReview.objects.select_for_update().get(pk=review.pk)
        if review.assigned_to_id == getattr(assignee, "pk", None):
            return review
        review.assigned_to = assignee
        review.save(update_fields=["assigned_to", "updated_at"])
        ModerationEvent.objects.create(
            document=review,
            action="assign",
            from_status=review.status,
            to_status=review.status,
            actor=by,
            comment=str(assignee or "—"),
        )
    return review
