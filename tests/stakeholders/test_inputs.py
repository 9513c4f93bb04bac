"""Stakeholders' written inputs, from the registration to publication: who may start one, the
invitation that makes the registrant an author, the editor's rules (word limit and objectives
at submission, conflicts), the workspace, and the secretariat's moderation."""

import re

import pytest
from django.core import mail

from reviews.models import Invitation, ReviewCycle, ReviewStatus
from reviews.workflow import submit_document
from stakeholders import links
from stakeholders.drafting import InputRefused, start_input
from stakeholders.invitations import INPUT_AUTHOR
from stakeholders.models import Registration, StakeholderInput
from stakeholders.published import published_inputs
from tests.personas import focal_point_of, secretariat_member
from tests.stakeholders.factories import EventFactory
from tests.stakeholders.inputs import (
    PASSWORD,
    accept_as_author,
    drafted_input,
    published_input,
    submitted_input,
    verified_registration,
)

pytestmark = pytest.mark.django_db


def start_url(registration, token=None) -> str:
    token = token or links.make_token(registration, links.MANAGE)
    return f"/en/events/manage/{token}/input/"


def link_path(message) -> str:
    return re.search(r"https?://[^/]+(/\S+/)", message.body).group(1)


def test_a_verified_registration_starts_the_draft_and_invites_the_registrant(
    client, django_capture_on_commit_callbacks
):
    registration = verified_registration(
        organization="Migrant Voices",
        organization_website="https://migrantvoices.example.org",
        email="Amina@Example.org",
    )
    token = links.make_token(registration, links.MANAGE)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(start_url(registration, token))
    assert response.status_code == 302
    assert response["Location"] == f"/en/events/manage/{token}/"
    stakeholder_input = StakeholderInput.objects.get()
    assert (
        stakeholder_input.organization,
        stakeholder_input.organization_website,
        stakeholder_input.category_id,
        stakeholder_input.cycle.slug,
        stakeholder_input.authored_by,
        stakeholder_input.status,
    ) == (
        "Migrant Voices",
        "https://migrantvoices.example.org",
        registration.category_id,
        "imrf-2026",
        "org-migrant-voices",
        ReviewStatus.DRAFT,
    )
    invitation = Invitation.objects.get()
    assert (invitation.grant, invitation.grant_key, invitation.email) == (
        INPUT_AUTHOR,
        str(stakeholder_input.pk),
        "Amina@Example.org",
    )
    [message] = mail.outbox
    assert message.to == ["Amina@Example.org"]
    assert "an author of the written input of Migrant Voices to" in message.body


@pytest.mark.parametrize(
    "status",
    [
        Registration.Status.UNVERIFIED,
        Registration.Status.EXPIRED,
        Registration.Status.REJECTED,
        Registration.Status.CANCELLED,
    ],
)
def test_a_registration_that_is_not_verified_or_no_longer_stands_starts_nothing(client, status):
    registration = verified_registration(status=status)
    response = client.post(start_url(registration), follow=True)
    assert response.status_code == 200
    assert [str(m) for m in response.context["messages"]] == [
        "A written input can be started only for an event of an open review cycle, once your "
        "address is confirmed and while your registration stands."
    ]
    assert StakeholderInput.objects.count() == 0
    assert Invitation.objects.count() == 0


def test_an_event_without_a_cycle_or_a_closed_cycle_starts_nothing():
    without = verified_registration(event=EventFactory(cycle=None))
    with pytest.raises(InputRefused):
        start_input(without, language="en")
    closed = verified_registration(
        event=EventFactory(cycle=ReviewCycle.objects.get(slug="imrf-2022"))
    )
    assert closed.event.cycle.is_open is False
    with pytest.raises(InputRefused):
        start_input(closed, language="en")
    assert StakeholderInput.objects.count() == 0


def test_a_forged_token_is_404_and_get_is_405(client):
    registration = verified_registration()
    assert client.post("/en/events/manage/1.forged/input/").status_code == 404
    assert client.post(start_url(registration).replace(".", ".x", 1)).status_code == 404
    assert client.get(start_url(registration)).status_code == 405
    assert StakeholderInput.objects.count() == 0


def test_one_input_per_organisation_and_cycle_whoever_starts_it():
    first = verified_registration(organization="Migrant Voices")
    colleague = verified_registration(event=first.event, organization="  migrant voices ")
    one = start_input(first, language="en")
    again = start_input(first, language="en")
    other = start_input(colleague, language="fr")
    assert one.pk == again.pk == other.pk
    assert StakeholderInput.objects.count() == 1
    # The first registrant is invited once (the link still works); the colleague too.
    assert sorted(Invitation.objects.values_list("email", flat=True)) == sorted(
        [first.email, colleague.email]
    )


def test_accepting_the_invitation_creates_the_account_and_makes_an_author(
    client, django_capture_on_commit_callbacks
):
    registration = verified_registration(organization="Migrant Voices", full_name="Amina")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(start_url(registration))
    stakeholder_input = StakeholderInput.objects.get()
    path = link_path(mail.outbox[0])
    page = client.get(path)
    assert page.status_code == 200
    response = client.post(
        path, {"full_name": "Amina", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert response.status_code == 302
    [author] = stakeholder_input.authors.all()
    assert (author.email, author.full_name) == (registration.email.lower(), "Amina")
    assert author.check_password(PASSWORD)
    client.force_login(author)
    workspace = client.get("/en/workspace/").content.decode()
    assert "Written input of Migrant Voices" in workspace
    assert f"/en/workspace/inputs/{stakeholder_input.pk}/" in workspace
    assert client.get(f"/en/workspace/inputs/{stakeholder_input.pk}/").status_code == 200


def test_submitting_over_the_word_limit_or_without_objectives_is_refused(client):
    stakeholder_input = drafted_input(text="word " * 1501, objectives=())
    client.force_login(stakeholder_input.author)
    response = client.post(f"/en/workspace/inputs/{stakeholder_input.pk}/submit/")
    assert response.status_code == 400
    assert response.context["problems"] == [
        "Section 1, “Written input”, has 1501 words; the limit is 1500.",
        "Choose at least one objective of the GCM that the input concerns.",
    ]
    stakeholder_input.refresh_from_db()
    assert stakeholder_input.status == ReviewStatus.DRAFT
    assert stakeholder_input.section_1 == "word " * 1501  # kept as typed


def test_exactly_at_the_limit_with_an_objective_submits(client):
    stakeholder_input = drafted_input(text="word " * 1500, objectives=(1,))
    client.force_login(stakeholder_input.author)
    response = client.post(f"/en/workspace/inputs/{stakeholder_input.pk}/submit/")
    assert response.status_code == 302
    stakeholder_input.refresh_from_db()
    assert stakeholder_input.status == ReviewStatus.SUBMITTED


def test_the_section_editor_shows_the_guidance_and_the_limit(client):
    stakeholder_input = drafted_input()
    client.force_login(stakeholder_input.author)
    page = client.get(f"/en/workspace/inputs/{stakeholder_input.pk}/section/1/").content.decode()
    assert "At most 1500 words: you may save a longer draft" in page
    assert "provide a space for a policy debate focusing on challenges" in page
    assert "a dedicated website featuring these inputs to the IMRF (para 13)." in page


def test_a_stale_save_is_a_conflict_and_keeps_the_text(client):
    stakeholder_input = drafted_input(text="First text.")
    client.force_login(stakeholder_input.author)
    url = f"/en/workspace/inputs/{stakeholder_input.pk}/section/1/"
    fresh = client.post(url, {"text": "Second text.", "version": stakeholder_input.version})
    assert fresh.status_code == 302
    stale = client.post(url, {"text": "Mine, typed on an old page.", "version": 1})
    assert stale.status_code == 409
    assert "Mine, typed on an old page." in stale.content.decode()
    stakeholder_input.refresh_from_db()
    assert stakeholder_input.section_1 == "Second text."


def test_the_objectives_are_saved_and_autosaved(client):
    stakeholder_input = drafted_input(objectives=(2,))
    client.force_login(stakeholder_input.author)
    url = f"/en/workspace/inputs/{stakeholder_input.pk}/autosave/objectives/"
    response = client.post(url, {"objectives": ["5", "23"], "version": stakeholder_input.version})
    assert response.status_code == 200
    assert response.json()["ok"] is True
    assert sorted(stakeholder_input.objectives.values_list("number", flat=True)) == [5, 23]
    bad = client.post(url, {"objectives": ["99"], "version": stakeholder_input.version})
    assert bad.status_code == 400


def test_the_draft_is_hidden_from_anyone_but_its_authors_and_the_secretariat(client):
    stakeholder_input = drafted_input()
    url = f"/en/workspace/inputs/{stakeholder_input.pk}/"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(focal_point_of("GHA"))
    assert client.get(url).status_code == 404
    client.force_login(secretariat_member())
    assert client.get(url).status_code == 200


def test_the_secretariat_requests_changes_then_publishes_and_the_authors_are_told(
    client, django_capture_on_commit_callbacks
):
    stakeholder_input = submitted_input(organization="Migrant Voices")
    page = f"/en/secretariat/inputs/{stakeholder_input.pk}/"
    client.force_login(stakeholder_input.author)
    assert client.get(page).status_code == 403
    client.force_login(secretariat_member())
    assert "Our members see progress on decent work." in client.get(page).content.decode()
    queue = client.get("/en/secretariat/").content.decode()
    assert f'href="{page}"' in queue
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{page}action/request_changes/",
            {"version": stakeholder_input.version, "comment": "Please name the countries."},
        )
    assert response.status_code == 302
    stakeholder_input.refresh_from_db()
    assert stakeholder_input.status == ReviewStatus.CHANGES_REQUESTED
    assert [m.to for m in mail.outbox] == [[stakeholder_input.author.email]]
    assert "Please name the countries." in mail.outbox[0].body
    submit_document(stakeholder_input, by=stakeholder_input.author)
    stakeholder_input.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{page}action/publish/", {"version": stakeholder_input.version, "comment": ""}
        )
    assert response.status_code == 302
    stakeholder_input.refresh_from_db()
    assert stakeholder_input.status == ReviewStatus.PUBLISHED
    assert stakeholder_input.published_revision_id is not None


def test_a_decision_on_a_stale_page_is_refused(client):
    stakeholder_input = submitted_input()
    client.force_login(secretariat_member())
    response = client.post(
        f"/en/secretariat/inputs/{stakeholder_input.pk}/action/publish/",
        {"version": stakeholder_input.version - 1, "comment": ""},
    )
    assert response.status_code == 409
    stakeholder_input.refresh_from_db()
    assert stakeholder_input.status == ReviewStatus.SUBMITTED


def test_the_secretariat_invites_another_author(client, django_capture_on_commit_callbacks):
    stakeholder_input = drafted_input()
    client.force_login(secretariat_member())
    url = f"/en/secretariat/inputs/{stakeholder_input.pk}/authors/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "Second@Example.org", "language": "fr"})
    assert response.status_code == 302
    accept_as_author(stakeholder_input, "second@example.org")
    assert sorted(stakeholder_input.authors.values_list("email", flat=True)) == sorted(
        [stakeholder_input.author.email, "second@example.org"]
    )
    bad = client.post(url, {"email": "not an address", "language": "fr"})
    assert bad.status_code == 400
    assert "Enter a valid email address." in bad.content.decode()


def test_the_event_page_reads_the_published_inputs_of_its_cycle():
    published = published_input(organization="Migrant Voices")
    submitted_input(event=published.event, organization="Other Voices")
    assert [i.pk for i in published_inputs(published.event)] == [published.pk]
    assert list(published_inputs(EventFactory(cycle=None))) == []
