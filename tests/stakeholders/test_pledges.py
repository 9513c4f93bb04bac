"""Pledges for their authors and the secretariat: a focal point starts a pledge from the
workspace, drafts its parts on the shared editor pages, submits (the kind's own rules refused
first), the secretariat publishes from the moderation page; an accredited organisation's
invited person pledges, a non-accredited organisation cannot."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from reviews.invitations import accept_invitation, invitation_token
from reviews.models import Invitation, ReviewStatus
from reviews.workflow import SubmissionProblems, submit_document
from stakeholders.models import Pledge, PledgerMembership
from stakeholders.pledges.drafting import PledgeRefused, start_organization_pledge
from stakeholders.pledges.invitations import PLEDGER
from tests.personas import authorizing_official_of, focal_point_of, secretariat_member
from tests.stakeholders.pledging import (
    MEASURE,
    WHAT,
    WHO,
    details,
    drafted_pledge,
    fill,
    open_cycle,
    organization,
    save,
)

pytestmark = pytest.mark.django_db


def test_a_focal_point_starts_drafts_and_submits_a_pledge(client):
    open_cycle()
    author = focal_point_of("GHA")
    client.force_login(author)
    workspace = client.get("/en/workspace/").content.decode()
    assert 'action="/en/workspace/pledges/start/state/GHA/"' in workspace
    response = client.post("/en/workspace/pledges/start/state/GHA/")
    pledge = Pledge.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/workspace/pledges/{pledge.pk}/"
    assert (pledge.member_state_id, pledge.pledger, pledge.cycle.slug) == (
        "GHA",
        "state",
        "imrf-2026",
    )
    for number, text in ((1, WHAT), (2, WHO), (3, MEASURE)):
        pledge.refresh_from_db()
        response = client.post(
            f"/en/workspace/pledges/{pledge.pk}/section/{number}/",
            {"text": text, "version": pledge.version},
        )
        assert response.status_code == 302
    pledge.refresh_from_db()
    form = {**details(), "version": pledge.version}
    response = client.post(f"/en/workspace/pledges/{pledge.pk}/details/", form)
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.title == "Fair recruitment centres"
    assert sorted(pledge.objectives.values_list("number", flat=True)) == [6, 16]
    response = client.post(f"/en/workspace/pledges/{pledge.pk}/submit/")
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == ReviewStatus.SUBMITTED  # no sign-off for pledges


def test_a_state_with_an_authorizing_official_submits_without_sign_off():
    authorizing_official_of("GHA")
    pledge = submit_document(drafted_pledge("GHA"), by=focal_point_of("GHA"))
    assert pledge.status == ReviewStatus.SUBMITTED


def test_several_pledges_per_state():
    first, second = drafted_pledge("GHA"), drafted_pledge("GHA")
    assert first.pk != second.pk
    assert Pledge.objects.filter(member_state_id="GHA").count() == 2


def test_submit_lists_the_kinds_own_problems(client):
    pledge = drafted_pledge(
        title="", due_by=(timezone.localdate() - timedelta(days=1)).isoformat(), objectives=[]
    )
    client.force_login(pledge.author)
    response = client.post(f"/en/workspace/pledges/{pledge.pk}/submit/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give the pledge a title." in page
    assert "The date by which the pledge will be done must be in the future." in page
    assert "Choose at least one objective of the GCM that the pledge serves." in page
    pledge.refresh_from_db()
    assert pledge.status == ReviewStatus.DRAFT


def test_a_progress_needs_its_report():
    pledge = drafted_pledge(progress="under_way")
    with pytest.raises(SubmissionProblems) as refused:
        submit_document(pledge, by=pledge.author)
    assert refused.value.messages() == ["Write the progress report: a progress is chosen."]


def test_a_part_over_its_limit_is_refused_at_submit():
    pledge = drafted_pledge()
    author = pledge.author
    pledge = save(pledge, "section-1", {"text": "word " * 301}, by=author)
    with pytest.raises(SubmissionProblems) as refused:
        submit_document(pledge, by=author)
    assert refused.value.messages() == [
        "Section 1, “What will be done”, has 301 words; the limit is 300."
    ]


def test_others_cannot_see_or_start_a_states_pledge(client):
    pledge = drafted_pledge("GHA")
    client.force_login(focal_point_of("FRA"))
    assert client.get(f"/en/workspace/pledges/{pledge.pk}/").status_code == 404
    assert client.post("/en/workspace/pledges/start/state/GHA/").status_code == 404
    assert Pledge.objects.count() == 1


def test_an_authorizing_official_reads_but_does_not_edit(client):
    pledge = drafted_pledge("GHA")
    client.force_login(authorizing_official_of("GHA"))
    assert client.get(f"/en/workspace/pledges/{pledge.pk}/").status_code == 200
    response = client.post(
        f"/en/workspace/pledges/{pledge.pk}/section/1/", {"text": "x", "version": pledge.version}
    )
    assert response.status_code == 403


def test_the_secretariat_publishes_from_the_moderation_page(
    client, django_capture_on_commit_callbacks
):
    drafted = drafted_pledge()
    author = drafted.author
    pledge = Pledge.objects.get(pk=submit_document(drafted, by=author).pk)
    client.force_login(secretariat_member())
    page = client.get(f"/en/secretariat/pledges/{pledge.pk}/")
    assert page.status_code == 200
    assert WHAT in page.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/secretariat/pledges/{pledge.pk}/action/publish/", {"version": pledge.version}
        )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.status == ReviewStatus.PUBLISHED
    assert pledge.published_revision_id is not None
    recipients = [address for m in mail.outbox for address in m.to]
    assert recipients == [author.email]  # the State's focal point, told of the publication


def test_the_moderation_page_is_the_secretariats(client):
    pledge = drafted_pledge()
    client.force_login(pledge.author)
    assert client.get(f"/en/secretariat/pledges/{pledge.pk}/").status_code == 403


# --- organisations -------------------------------------------------------------------------


def _invite_and_accept(client, org, email="pledger@example.org"):
    client.force_login(secretariat_member())
    response = client.post(
        "/en/secretariat/pledges/pledgers/",
        {"organization": org.pk, "email": email, "full_name": "Ama Mensah", "language": "en"},
    )
    client.logout()
    return response


def test_an_accredited_organisations_invited_person_pledges(client):
    open_cycle()
    org = organization(ecosoc_status="special")
    response = _invite_and_accept(client, org)
    assert response.status_code == 302
    invitation = Invitation.objects.get(grant=PLEDGER, grant_key=str(org.pk))
    person = accept_invitation(invitation_token(invitation), password="a-good-long-phrase")
    assert PledgerMembership.objects.filter(user=person, organization=org).count() == 1
    client.force_login(person)
    workspace = client.get("/en/workspace/").content.decode()
    assert f'action="/en/workspace/pledges/start/organization/{org.pk}/"' in workspace
    response = client.post(f"/en/workspace/pledges/start/organization/{org.pk}/")
    pledge = Pledge.objects.get()
    assert response["Location"] == f"/en/workspace/pledges/{pledge.pk}/"
    assert (pledge.pledger, pledge.organization_id, pledge.member_state_id) == (
        "organization", org.pk, None,
    )  # fmt: skip
    assert list(pledge.authors.all()) == [person]
    pledge = fill(pledge, by=person)
    pledge = submit_document(pledge, by=person)
    assert pledge.status == ReviewStatus.SUBMITTED


def test_a_non_accredited_organisation_cannot_pledge(client):
    open_cycle()
    org = organization()
    response = _invite_and_accept(client, org)
    assert response.status_code == 400
    assert "This organisation is not accredited to the IMRF" in response.content.decode()
    assert Invitation.objects.filter(grant=PLEDGER).count() == 0
    # Even a pledger on record (accredited once, say) cannot start a pledge while it is not.
    person = focal_point_of("FRA")
    PledgerMembership.objects.create(user=person, organization=org)
    with pytest.raises(PledgeRefused):
        start_organization_pledge(org, by=person, language="en")
    client.force_login(person)
    response = client.post(f"/en/workspace/pledges/start/organization/{org.pk}/")
    assert response.status_code == 302
    assert Pledge.objects.count() == 0
