"""A stakeholder's written input as plain data: what a revision stores (the snapshot format).

{"language", "sections": {"1": text}, "objectives": [numbers it concerns], "attachments": [...]}

The organisation, its website and category are the input's authoring body, copied from the
registration when the input was started: facts of the row (like a report's meeting), not parts
the authors edit and the secretariat moderates.
"""

from django.utils.translation import gettext as _

from reviews.content import attachments_of
from stakeholders.template import INPUT_SECTIONS

KEYS = {"language", "sections", "objectives", "attachments"}


def input_snapshot(stakeholder_input) -> dict:
    return {
        "language": stakeholder_input.language,
        "sections": {str(s.number): getattr(stakeholder_input, s.field) for s in INPUT_SECTIONS},
        "objectives": sorted(stakeholder_input.objectives.values_list("number", flat=True)),
        "attachments": attachments_of(stakeholder_input),
    }


def has_every_key(content: dict) -> bool:
    return content.keys() >= KEYS


def submission_problems(content: dict) -> list[str]:
    """Besides the text and its limit: an input names at least one objective it concerns."""
    if not content.get("objectives"):
        return [_("Choose at least one objective of the GCM that the input concerns.")]
    return []
