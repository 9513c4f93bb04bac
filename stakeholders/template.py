"""A stakeholder's written input as data: one section, its guidance and its word limit.

The guidance quotes the source documents (`../shared/seeds/`): what the IMRF is for, in the
Network's note on the IMRF (September 2021, section 2), and what the Network does with the
inputs of "Member States and other relevant stakeholders", in General Assembly resolution
73/326 (para 13) as the Network's framework for regional reviews (2020) cites it, with its
invitation to stakeholders active at the regional level to "submit inputs" (its Annex 1,
section 1, preparatory process).

Neither source sets a length for a stakeholder's input: the 1,500 words are the portal's
choice (issue 13 asks for "a text with a word limit"), as long as the longest section of the
national template (section 2, "Policy and enabling environment"). The limit is enforced at
submission, as every kind's limits are (`reviews.workflow.submission`); a draft may run over.
"""

from django.utils.translation import gettext_lazy as _

from reviews.template import Section

WORD_LIMIT = 1500

INPUT_SECTIONS: tuple[Section, ...] = (
    Section(1, "written-input", _("Written input"), WORD_LIMIT, (
        ("1", _("The IMRF will (1) provide an opportunity for Member States and other relevant "
                "stakeholders to discuss and share progress on the implementation of all "
                "aspects of the GCM; (2) provide a space for a policy debate focusing on "
                "challenges in the implementation of the GCM; and (3) result in a Progress "
                "Declaration.")),
        ("2", _("The General Assembly requested the Network, in preparation for the IMRF, to "
                "collect all inputs submitted by Member States and other relevant stakeholders "
                "from local, national, regional and global levels and to develop, as part of "
                "the global knowledge platform, a dedicated website featuring these inputs to "
                "the IMRF (para 13).")),
        ("3", _("Relevant sub-regional, regional and cross-regional processes, platforms and "
                "organizations, and stakeholders active at the regional level could also be "
                "invited to submit inputs.")),
    )),
)  # fmt: skip

# Where each quotation comes from, in the order of the prompts, shown under the guidance.
GUIDANCE_SOURCES = (
    _("Note on the implementation, follow-up and review of the GCM (September 2021), section 2."),
    _("A/RES/73/326, para 13, as cited in the Network's framework for regional reviews (2020)."),
    _(
        "The Network's framework for regional reviews of the GCM (24 February 2020), Annex 1, "
        "section 1 (preparatory process)."
    ),
)
