"""The regional templates as data, in the framework's own words (Network, "Regional reviews of
the GCM", 24 February 2020): the regional review report of Annex 1, section 3, and the inputs of
Annex 3. The framework suggests no length for either: `word_limit` is None (no limit).
The editor shows each part's prompts as guidance beside the field.
"""

from django.utils.translation import gettext_lazy as _

from reviews.template import Section

REPORT_PURPOSE = _(
    "The regional reviews could result in a comprehensive report that will synthesize all "
    "inputs received to bring forward issues and priorities of regional importance and propose "
    "roadmaps for regional collaboration and action to advance the implementation of the GCM. "
    "The report is finalized within two months after the meeting and serves as an input to the "
    "International Migration Review Forum."
)

REPORT_SECTIONS: tuple[Section, ...] = (
    Section(1, "introduction", _("Introduction"), None,
            (("i", _("Regional overview and background.")),)),
    Section(2, "executive-summary", _("Executive summary"), None,
            (("ii", _("A summary of the review and its outcome.")),)),
    Section(3, "key-findings", _("Key findings"), None,
            (("iii", _("Issues and priorities of regional importance, synthesizing all inputs "
                       "received: the region's voluntary GCM reviews, the inputs of regional "
                       "processes, platforms and organizations and of stakeholders, and the "
                       "discussions of the four round tables.")),)),
    Section(4, "good-practices", _("Selected good practices and lessons learned"), None,
            (("iv", _("Selected good practices and lessons learned within the region.")),)),
    Section(5, "conclusions", _("Conclusions and recommendations"), None,
            (("v", _("Conclusions and recommendations for implementation and future regional "
                     "review, including roadmaps for regional collaboration and action.")),)),
    Section(6, "annex", _("Annex: organization of work and list of participants"), None,
            (("vi", _("The organization of work of the meeting and the list of participants.")),)),
)  # fmt: skip

INPUT_SECTIONS: tuple[Section, ...] = (
    Section(1, "status", _("Status of implementation"), None,
            (("a", _("Update on the status of implementation of regional plans and strategies "
                     "on migration, per relevant GCM objective if possible, based on "
                     "statistical data, where available.")),)),
    Section(2, "principles", _("Guiding principles integrated"), None,
            (("b", _("How regional bodies and processes have integrated the cross-cutting and "
                     "interdependent GCM guiding principles, including the whole-of-society and "
                     "whole-of-government principles, into existing plans and policies (and "
                     "whether that helped address trade-offs and accelerate implementation).")),)),
    Section(3, "gaps", _("Gaps and challenges"), None,
            (("c", _("What the main gaps and challenges are to existing regional approaches, "
                     "strategies and implementation plans.")),)),
    Section(4, "practices", _("Promising practices and lessons learned"), None,
            (("d", _("List some examples of promising practices and lessons learned that may be "
                     "relevant for other regions (and could be presented at the IMRF).")),)),
    Section(5, "support", _("Where the region needs support"), None,
            (("e", _("Outline areas (GCM objectives and/or guiding principles) where the region "
                     "would need support in terms of finance, capacity-building, policy advice, "
                     "data gathering and analysis, technology, partnerships, etc.")),)),
)  # fmt: skip
