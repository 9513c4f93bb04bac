"""Every status change of a voluntary review happens here, and only here.

Each transition locks the row, checks the actor's permission and the preconditions, changes the
status, bumps the version, records a revision, and (with the moderation issue) writes the audit
event and queues e-mail on commit. Views call these functions; they never assign a status.
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from reviews.content import SectionCount, section_counts, snapshot
from reviews.editing import record_revision
from reviews.models import ReviewRevision, ReviewStatus, VoluntaryReview
from reviews.permissions import can_submit_review
from reviews.template import SECTIONS


class TransitionRefused(Exception):
    """The actor may not make this change, or the review is not in a state that allows it."""


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


def submit_review(review: VoluntaryReview, *, by) -> VoluntaryReview:
    """Draft (or changes requested) → submitted.

    Effects, in order: row locked; permission and status checked (`TransitionRefused`);
    content and limits checked (`SubmissionProblems`, nothing changed); status, version and
    `submitted_at` saved; a submission revision recorded.
    """
    with transaction.atomic():
        review = (
            VoluntaryReview.objects.select_for_update().select_related("cycle").get(pk=review.pk)
        )
        if review.status == ReviewStatus.SUBMITTED:
            return review  # a colleague submitted it a moment ago: nothing more to do
        if not can_submit_review(by, review):
            raise TransitionRefused(_("This review cannot be submitted now."))
        problems = check_submission(review)
        if problems is not None:
            raise problems
        review.status = ReviewStatus.SUBMITTED
        review.version += 1
        review.submitted_at = timezone.now()
        review.save(update_fields=["status", "version", "submitted_at", "updated_at"])
        record_revision(review, by=by, kind=ReviewRevision.Kind.SUBMISSION)
    return review
