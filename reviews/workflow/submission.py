"""What submitting requires: required content present, word limits met (or justified)."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from reviews.content import SectionCount, section_counts, snapshot
from reviews.models import VoluntaryReview
from reviews.template import SECTIONS


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
