"""What submitting requires: required content present, word limits met (or justified).

The rules are the kind's template: each section is required but those the kind lists as
optional (`DocumentKind.optional_sections`), and a section with a limit (`word_limit`, None for
none) may not pass it, unless the cycle makes limits advisory (the default: the template's
limits are "suggested") and the kind has somewhere the authors say why
(`DocumentKind.limits_justification`). Then an overrun is accepted once the justification is
written, and the secretariat reads it beside the overrun. A strict cycle refuses any overrun.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from reviews.content import SectionCount, section_counts, snapshot
from reviews.models import Document
from reviews.template import SECTIONS


@dataclass
class SubmissionProblems(Exception):
    """Submitting is refused until these are fixed; the draft is kept exactly as typed.

    `over_limit` lists every section over its limit; with `limits_advisory` those are refused
    only while `justification_missing` (the cycle accepts them with a justification)."""

    empty_sections: list[int] = field(default_factory=list)
    over_limit: list[SectionCount] = field(default_factory=list)
    limits_advisory: bool = False
    justification_missing: bool = False
    other: list[str] = field(default_factory=list)  # the kind's own rules (its messages)
    template: tuple = SECTIONS  # the kind's template, for the sections' titles
    numbering: Callable = str  # how the template numbers its sections: "1", "(i)", "(a)"

    @property
    def refused(self) -> bool:
        over = self.over_limit and (not self.limits_advisory or self.justification_missing)
        return bool(self.empty_sections or over or self.other)

    def messages(self) -> list[str]:
        titles = {s.number: s.title for s in self.template}
        lines = [
            _("Section %(number)s, “%(title)s”, is empty.")
            % {"number": self.numbering(n), "title": titles[n]}
            for n in self.empty_sections
        ]
        if self.limits_advisory:
            if self.justification_missing:
                lines += [
                    _(
                        "Section %(number)s, “%(title)s”, has %(words)s words: %(over)s more "
                        "than its suggested limit of %(limit)s."
                    )
                    % self._figures(c)
                    for c in self.over_limit
                ]
                lines.append(
                    _(
                        "This cycle accepts a longer review: say briefly why in “Why the review "
                        "is longer than suggested” (Details), then submit again."
                    )
                )
        else:
            lines += [
                _("Section %(number)s, “%(title)s”, has %(words)s words; the limit is %(limit)s.")
                % self._figures(c)
                for c in self.over_limit
            ]
        return lines + [str(m) for m in self.other]

    def _figures(self, count: SectionCount) -> dict:
        return {
            "number": self.numbering(count.number),
            "title": count.title,
            "words": count.words,
            "limit": count.limit,
            "over": count.overrun,
        }


def check_submission(document: Document) -> SubmissionProblems | None:
    """Required content and word limits, as the secretariat will receive them."""
    spec = document.kind_spec
    content = snapshot(document)
    counts = section_counts(content, spec.template)
    over_limit = [c for c in counts if c.over]
    # A kind with nowhere to write a justification (a stakeholder input, a pledge: limits the
    # portal set, not the template's suggested ones) keeps its limits firm in any cycle.
    advisory = document.cycle.limits_advisory and spec.limits_justification is not None
    problems = SubmissionProblems(
        empty_sections=[
            c.number for c in counts if c.words == 0 and c.number not in spec.optional_sections
        ],
        over_limit=over_limit,
        limits_advisory=advisory,
        justification_missing=bool(
            advisory and over_limit and not spec.limits_justification(content).strip()
        ),
        template=spec.template,
        numbering=spec.numbering,
        other=list(spec.submission_problems(content)),
    )
    return problems if problems.refused else None
