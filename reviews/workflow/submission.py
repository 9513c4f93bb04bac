"""What submitting requires: required content present, word limits met (or justified).

The rules are the kind's template: each section is required but those the kind lists as
optional (`DocumentKind.optional_sections`), and a section with a limit (`word_limit`, None for
none) may not pass it, unless the cycle makes limits advisory and the authors say why.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from reviews.content import SectionCount, section_counts, snapshot
from reviews.models import Document
from reviews.template import SECTIONS


@dataclass
class SubmissionProblems(Exception):
    """Submitting is refused until these are fixed; the draft is kept exactly as typed."""

    empty_sections: list[int] = field(default_factory=list)
    over_limit: list[SectionCount] = field(default_factory=list)
    justification_missing: bool = False
    other: list[str] = field(default_factory=list)  # the kind's own rules (its messages)
    template: tuple = SECTIONS  # the kind's template, for the sections' titles
    numbering: Callable = str  # how the template numbers its sections: "1", "(i)", "(a)"

    def messages(self) -> list[str]:
        titles = {s.number: s.title for s in self.template}
        lines = [
            _("Section %(number)s, “%(title)s”, is empty.")
            % {"number": self.numbering(n), "title": titles[n]}
            for n in self.empty_sections
        ]
        lines += [
            _("Section %(number)s, “%(title)s”, has %(words)s words; the limit is %(limit)s.")
            % {
                "number": self.numbering(c.number),
                "title": c.title,
                "words": c.words,
                "limit": c.limit,
            }
            for c in self.over_limit
        ]
        if self.justification_missing:
            lines.append(
                _("Say briefly why the review is longer than suggested: this cycle accepts it.")
            )
        return lines + [str(m) for m in self.other]


def check_submission(document: Document) -> SubmissionProblems | None:
    """Required content and word limits, as the secretariat will receive them."""
    spec = document.kind_spec
    content = snapshot(document)
    counts = section_counts(content, spec.template)
    problems = SubmissionProblems(
        empty_sections=[
            c.number for c in counts if c.words == 0 and c.number not in spec.optional_sections
        ],
        over_limit=[c for c in counts if c.over],
        template=spec.template,
        numbering=spec.numbering,
        other=list(spec.submission_problems(content)),
    )
    own = document.specific
    if (
        document.cycle.limits_advisory
        and problems.over_limit
        and hasattr(own, "limits_justification")
    ):
        # Advisory limits: an overrun is accepted with a justification the secretariat reads.
        # A kind with nowhere to write one (a stakeholder input) keeps its limits firm.
        problems.justification_missing = not own.limits_justification.strip()
        problems.over_limit = []
    if (
        problems.empty_sections
        or problems.over_limit
        or problems.justification_missing
        or problems.other
    ):
        return problems
    return None
