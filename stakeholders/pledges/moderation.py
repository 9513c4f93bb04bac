"""What the secretariat's queue (reviews) asks of pledges: where each is moderated."""

from django.urls import reverse

from reviews import moderation
from stakeholders.models import PLEDGE


def moderation_url(pledge) -> str:
    return reverse("stakeholders:moderate_pledge", args=[pledge.pk])


def register() -> None:
    moderation.register(
        moderation.QueueKind(
            kind=PLEDGE, moderation_url=moderation_url, related=("member_state", "organization")
        )
    )
