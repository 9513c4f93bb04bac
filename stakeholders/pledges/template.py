"""A pledge as data: its four parts, their guidance and word limits.

No source document in `../shared/seeds/` describes the pledging initiative: the guidance below
is the portal's own plain wording of what issue 19 asks of a pledge ("concrete, measurable,
time-bound": what will be done, by whom, how progress will be measured, by when), not a
quotation. The limits (300 words a part) are the portal's choice, short enough that a pledge
reads as one commitment; they are enforced at submission by the machinery
(`reviews.workflow.submission`), and a draft may run over. Part 4, the progress report, stays
empty on a new pledge: it is written in a later version, when the pledger reports progress
(`stakeholders.pledges.content.submission_problems` requires it once a progress is set).
"""

from django.utils.translation import gettext_lazy as _

from reviews.template import Section

WORD_LIMIT = 300
PROGRESS_SECTION = 4

PLEDGE_SECTIONS: tuple[Section, ...] = (
    Section(1, "what", _("What will be done"), WORD_LIMIT, (
        ("1", _("Describe one concrete action: what will change, for whom, and where. Name "
                "the output you commit to (a law adopted, a service opened, a number of people "
                "reached), not only an intention.")),
    )),
    Section(2, "who", _("By whom"), WORD_LIMIT, (
        ("1", _("Say who carries out the pledge: the ministry, department or organisation "
                "responsible, and the partners that take part (other governments, local "
                "authorities, UN entities, civil society, migrants' organisations, the "
                "private sector).")),
    )),
    Section(3, "measure", _("How progress will be measured"), WORD_LIMIT, (
        ("1", _("Make the pledge measurable: the indicator or milestone that will show "
                "progress, its value today if known, the target, and where the data will come "
                "from. Together with the date by which it will be done, this is what makes the "
                "pledge time-bound and verifiable.")),
    )),
    Section(PROGRESS_SECTION, "progress", _("Progress report"), WORD_LIMIT, (
        ("1", _("Leave this part empty when you first submit the pledge. Before the next "
                "International Migration Review Forum, start a new version of the published "
                "pledge, choose its progress (not started, under way, achieved) and report "
                "here what was done against the measure above.")),
    )),
)  # fmt: skip
