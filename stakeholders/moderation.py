"""What the secretariat's queue (reviews) asks of stakeholder inputs: where each is moderated."""

from django.urls import reverse

from reviews import moderation
from stakeholders.models import STAKEHOLDER_INPUT


def moderation_url(stakeholder_input) -> str:
    return reverse("stakeholders:moderate_input", args=[stakeholder_input.pk])


def register() -> None:
    moderation.register(
        moderation.QueueKind(
            kind=STAKEHOLDER_INPUT,
            moderation_url=moderation_url,
            related=("category", "event"),
        )
    )
