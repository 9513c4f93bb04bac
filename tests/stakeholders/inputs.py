"""Stakeholders' written inputs for the tests, made the way the portal makes them: a verified
registration starts the draft (`stakeholders.drafting.start_input`), the registrant accepts the
invitation (their account is created), saves the text and the objectives through
`reviews.editing.save_part`, submits through `reviews.workflow`; the secretariat publishes."""

from reviews.editing import save_part
from reviews.invitations import accept_invitation, invitation_token
from reviews.models import Invitation, ReviewCycle
from reviews.workflow import publish_document, submit_document
from stakeholders.drafting import start_input
from stakeholders.invitations import INPUT_AUTHOR
from tests.publishing import secretariat
from tests.stakeholders.factories import EventFactory, RegistrationFactory

PASSWORD = "a-good-long-phrase"


def open_cycle(slug: str = "imrf-2026") -> ReviewCycle:
    ReviewCycle.objects.filter(slug=slug).update(is_open=True)
    return ReviewCycle.objects.get(slug=slug)


def verified_registration(*, cycle: str = "imrf-2026", **fields):
    """A confirmed registration (pending a decision) for an event of the open cycle."""
    event = fields.pop("event", None) or EventFactory(cycle=open_cycle(cycle))
    return RegistrationFactory(event=event, **fields)


def accept_as_author(stakeholder_input, email: str):
    """The registrant follows the invitation's link and sets a password: their account."""
    invitation = Invitation.objects.get(
        grant=INPUT_AUTHOR, grant_key=str(stakeholder_input.pk), email__iexact=email
    )
    return accept_invitation(invitation_token(invitation), password=PASSWORD)


def drafted_input(*, text="Our members see progress on decent work.", objectives=(6, 16),
                  language="en", **registration_fields):  # fmt: skip
    registration = verified_registration(**registration_fields)
    stakeholder_input = start_input(registration, language=language)
    author = accept_as_author(stakeholder_input, registration.email)

    def save(part, data):
        nonlocal stakeholder_input
        stakeholder_input = save_part(
            stakeholder_input.pk,
            part,
            data,
            by=author,
            base_version=stakeholder_input.version,
            kind="save",
        )

    save("section-1", {"text": text})
    save("objectives", {"objectives": list(objectives)})
    stakeholder_input.author = author
    stakeholder_input.registration = registration
    return stakeholder_input


def submitted_input(**kwargs):
    stakeholder_input = drafted_input(**kwargs)
    author = stakeholder_input.author
    stakeholder_input = submit_document(stakeholder_input, by=author)
    stakeholder_input.author = author
    return stakeholder_input


def published_input(**kwargs):
    stakeholder_input = submitted_input(**kwargs)
    author = stakeholder_input.author
    stakeholder_input = publish_document(stakeholder_input, by=secretariat())
    stakeholder_input.author = author
    return stakeholder_input
