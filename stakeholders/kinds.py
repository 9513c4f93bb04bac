"""A stakeholder's written input, declared to the shared machinery (`reviews.kinds`)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from reviews import kinds
from stakeholders.content import has_every_key, input_snapshot, submission_problems
from stakeholders.models import STAKEHOLDER_INPUT, StakeholderInput
from stakeholders.parts import input_parts
from stakeholders.published import input_document
from stakeholders.template import INPUT_SECTIONS


def is_input_author(user, stakeholder_input) -> bool:
    """The people who accepted an invitation to write it (the registrant first)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return stakeholder_input.authors.filter(pk=user.pk).exists()


def _authors(stakeholder_input):
    return list(stakeholder_input.authors.filter(is_active=True))


INPUT = kinds.DocumentKind(
    slug=STAKEHOLDER_INPUT,
    label=_("stakeholder input"),
    model=StakeholderInput,
    template=INPUT_SECTIONS,
    is_author=is_input_author,
    needs_sign_off=lambda stakeholder_input: False,
    is_signer=lambda user, stakeholder_input: False,
    authors=_authors,
    body_name=lambda stakeholder_input: stakeholder_input.organization,
    public_url=lambda stakeholder_input: reverse(
        "stakeholders:input",
        kwargs={"cycle": stakeholder_input.cycle.slug, "pk": stakeholder_input.pk},
    ),
    workspace_url=lambda stakeholder_input: reverse(
        "stakeholders:input_overview", kwargs={"pk": stakeholder_input.pk}
    ),
    pdf_cover=lambda stakeholder_input: {
        "title": stakeholder_input.organization,
        "subtitle": stakeholder_input.cycle.title,
    },
    parts=input_parts,
    snapshot=input_snapshot,
    has_every_key=has_every_key,
    submission_problems=submission_problems,
    # No `limits_justification`: the 1,500 words are the portal's own limit, not the template's
    # "suggested" ones, and an input has nowhere to say why it runs over, so an advisory cycle
    # leaves it firm (reviews.workflow.submission).
    pdf_template="stakeholders/pdf/input.html",
    pdf_context=input_document,
    public_related=("category", "event"),
)


def register() -> None:
    kinds.register(INPUT)
