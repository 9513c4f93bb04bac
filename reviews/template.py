"""The voluntary GCM review template as data: Annex 2 of the Network's framework for regional
reviews (24 February 2020), reused for the IMRF by the roadmap note of September 2021 (its
Annex 1). Section titles, suggested word limits and the sub-prompts are the template's own words;
the editor shows the sub-prompts as guidance beside each field.

The guidance follows the cycle (`guidance_for`, `template_heading`): a regional cycle's is the
framework's Annex 2 as written; an IMRF cycle's is the roadmap note's Annex 1, which gives no
new wording, only says that "the specific references to the regional reviews have been
omitted". So an IMRF prompt is the Annex 2 prompt with those references left out
(`Section.imrf_prompts`), and the heading names the IMRF template and quotes that note.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    number: int
    key: str
    title: str
    word_limit: int | None  # None: the template suggests no length
    prompts: tuple[tuple[str, str], ...]
    # The prompts that change in an IMRF cycle, by letter: the Annex 2 wording without its
    # references to the regional reviews (Annex 1 of the IMRF note). Others stay as they are.
    imrf_prompts: tuple[tuple[str, str], ...] = ()

    @property
    def field(self) -> str:
        return f"section_{self.number}"


SECTIONS: tuple[Section, ...] = (
    Section(
        1,
        "methodology",
        _("Methodology for preparing the voluntary GCM reviews"),
        500,
        (
            (
                "a",
                _(
                    "This section may discuss the methodology that was adopted for the review, "
                    "including its scope, depth and limitations and how the vision and guiding "
                    "principles of the GCM (paras 8 to 15) and on follow-up and review of the GCM "
                    "(para 48 to 54) were applied, including whether the review was part of a "
                    "process to elaborate a national implementation plan drawing on contributions "
                    "from all relevant stakeholders (para 53)."
                ),
            ),
            (
                "b",
                _(
                    "Information on the process for preparation of the review may be presented, "
                    "including, for example, how different relevant levels and sectors of "
                    "government contributed to the responses and whether and how the "
                    "whole-of-government and whole-of-society approaches were applied; whether "
                    "parliaments and local authorities were engaged; what mechanisms have been "
                    "used to engage civil society and other relevant stakeholders; how regional "
                    "organisations were included and whether the UN Country Teams were engaged "
                    "and how any regional dynamics may have informed the review."
                ),
            ),
        ),
    ),
    Section(
        2,
        "policy",
        _("Policy and enabling environment"),
        1500,
        (
            (
                "a",
                _(
                    "The review could outline efforts made to inform all relevant stakeholders "
                    "and involve them in the implementation and review of the GCM. The review "
                    "could address how different stakeholders have been enabled to participate "
                    "in the process and content of the review and how this engagement has been "
                    "facilitated, promoting gender equality and inclusion."
                ),
            ),
            (
                "b",
                _(
                    "States are encouraged to describe how the government has integrated GCM "
                    "implementation into SDG implementation and other relevant processes."
                ),
            ),
            (
                "c",
                _(
                    "States are encouraged to report on migration policies and other relevant "
                    "policies or measures and institutional changes or barriers they have faced "
                    "in putting in place such policies or measures, including the possible "
                    "internal consequences of regional dynamics, policies or measures."
                ),
            ),
            (
                "d",
                _(
                    "States are encouraged to review the status of implementation of regional "
                    "plans and strategies on migration and to indicate the main gaps and "
                    "challenges to existing regional approaches, strategies and implementation "
                    "plans."
                ),
            ),
        ),
    ),
    Section(
        3,
        "objectives",
        _("Progress on GCM objectives"),
        2000,
        (
            (
                "a",
                _(
                    "States are invited to provide brief information on the country-level "
                    "implementation plans and the status of implementation of all 23 objectives "
                    "of the GCM, with space given to illustrating innovative policies or "
                    "promising practices related to any of the objectives. Where possible, "
                    "information should be based on statistical as well as qualitative data."
                ),
            ),
            (
                "b",
                _(
                    "States are invited to describe what steps the government has taken to "
                    "integrate the vision and cross-cutting and interdependent GCM guiding "
                    "principles into the implementation plans."
                ),
            ),
            (
                "c",
                _(
                    "States could present critical difficulties envisioned or encountered in "
                    "reaching GCM objectives and how they could be addressed. The consideration "
                    "of the objectives could focus on trends, successes, challenges, emerging "
                    "issues, and lessons learned, including as impacted by regional dynamics, "
                    "and describe what actions have been taken to address existing gaps and "
                    "challenges."
                ),
            ),
            (
                "d",
                _(
                    "States could provide examples of promising practices and lessons learned "
                    "that may be relevant for other countries in the region (or across regions)."
                ),
            ),
        ),
    ),
    Section(
        4,
        "means",
        _("Means of implementation"),
        500,
        (
            (
                "a",
                _(
                    "Based on the challenges and trends highlighted, the review may discuss how "
                    "means of implementation are mobilized, what difficulties this process "
                    "faces, and what additional resources are needed to implement the GCM, "
                    "including in terms of financing, capacity development and data needs, "
                    "technology, and partnerships."
                ),
            ),
        ),
    ),
    Section(
        5,
        "next-steps",
        _("Next steps"),
        500,
        (
            (
                "a",
                _(
                    "Based on the outcomes of the review, the country could outline what steps "
                    "are planned to enhance the implementation of the GCM."
                ),
            ),
            (
                "b",
                _(
                    "It could be indicated how the results of reviews will be disseminated and "
                    "how the country will prepare for the first IMRF."
                ),
            ),
        ),
        # IMRF note (September 2021), Annex 1, second paragraph: "the specific references to
        # the regional reviews have been omitted". Preparing for the first IMRF is what a
        # regional review of 2020-2021 led to; a review for the IMRF is that preparation, so
        # the clause is left out and the rest of (b) is quoted as Annex 2 words it.
        imrf_prompts=(
            ("b", _("It could be indicated how the results of reviews will be disseminated.")),
        ),
    ),
)

# The template's heading under each kind of cycle (ReviewCycle.Kind values), quoted.
TEMPLATE_HEADINGS = {
    # Framework for regional reviews (24 February 2020), heading of Annex 2.
    "regional": _(
        "Indicative outline for Member States to review the status of implementation of the "
        "GCM at national level, in preparing for regional reviews"
    ),
    # IMRF note (September 2021), heading of Annex 1.
    "imrf": _(
        "Indicative template for Member States to review the status of implementation of the "
        "GCM at national level, in preparing for the IMRF."
    ),
}
# IMRF note (September 2021), Annex 1, the paragraph under its heading.
IMRF_TEMPLATE_NOTE = _(
    "This template is based on the one that was developed in the context of the preparations "
    "for the GCM regional review process. However, the specific references to the regional "
    "reviews have been omitted."
)


def guidance_for(section, cycle_kind: str) -> tuple[tuple[str, str], ...]:
    """The section's prompts as the cycle's template words them: (letter, text) in order.

    Any template's section works (a regional report's has no IMRF variant)."""
    changed = dict(section.imrf_prompts) if cycle_kind == "imrf" else {}
    return tuple((letter, changed.get(letter, text)) for letter, text in section.prompts)


def template_heading(cycle_kind: str) -> dict:
    """The national template's heading for a kind of cycle, and the note an IMRF one carries."""
    return {
        "title": TEMPLATE_HEADINGS.get(cycle_kind, TEMPLATE_HEADINGS["regional"]),
        "note": IMRF_TEMPLATE_NOTE if cycle_kind == "imrf" else "",
    }


SECTIONS_BY_NUMBER = {section.number: section for section in SECTIONS}
OBJECTIVES_SECTION = SECTIONS_BY_NUMBER[3]
