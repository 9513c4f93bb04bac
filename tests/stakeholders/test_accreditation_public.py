"""The public application for special accreditation: form, neutral answer, signed links
(verify, manage, withdraw), deadline, duplicates, documents, bad input (issue 19 item 2)."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext

from stakeholders import links
from stakeholders.models import AccreditationApplication, Event, Organization
from tests.stakeholders.accrediting import (
    apply_url,
    form_data,
    link_in,
    pdf,
    post_application,
    xlsx,
)
from tests.stakeholders.factories import EventFactory

pytestmark = pytest.mark.django_db
Status = AccreditationApplication.Status
NEUTRAL = "If this organization can apply, we have sent a message to its e-mail address."


def in_french(text: str) -> str:
    with translation.override("fr"):
        return gettext(text)


SENT_PAGE = (
    "Thank you. If this organization can apply, we have sent a message to its e-mail address. "
    "Open the link in that message to confirm the application or to see where it stands. The "
    "confirmation link works for 72 hours."
)


@pytest.fixture(autouse=True)
def _generous_rate_limit(settings):
    settings.REGISTRATION_RATE_LIMIT = "10000/h"


@pytest.fixture
def event():
    return EventFactory(
        slug="imrf-2026", accreditation_deadline=timezone.now() + timedelta(days=20)
    )


def test_apply_in_french_verify_then_manage(
    client, event, mailoutbox, django_capture_on_commit_callbacks
):
    response = post_application(client, event, django_capture_on_commit_callbacks, lang="fr")
    assert response.status_code == 302
    assert response["Location"] == "/fr/events/imrf-2026/accreditation/apply/sent/"
    application = AccreditationApplication.objects.get(event=event)
    organization = application.organization
    assert (application.status, application.language, application.roundtables) == (
        Status.UNVERIFIED,
        "fr",
        [2],
    )
    assert (organization.name, organization.acronym, organization.headquarters_id) == (
        "Association Voix des Migrantes",
        "AVM",
        "FRA",
    )
    assert sorted(application.objectives.values_list("number", flat=True)) == [15, 16]
    neutral_in_french = in_french(SENT_PAGE)
    assert neutral_in_french != SENT_PAGE  # the catalogue has it: the page speaks French
    assert client.get(response["Location"]).content.decode().count(neutral_in_french) == 1

    assert [m.to for m in mailoutbox] == [["contact@voixdesmigrantes.example.org"]]
    verify_path = link_in(mailoutbox[0], "verify")
    assert verify_path.startswith("/fr/events/accreditation/verify/")

    # GET only asks (a mail scanner opening the link confirms nothing).
    asked = client.get(verify_path)
    assert asked.status_code == 200
    assert in_french("Confirm the application") in asked.content.decode()
    application.refresh_from_db()
    assert application.status == Status.UNVERIFIED

    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(verify_path)
    assert confirmed.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.APPLIED
    assert application.verified_at is not None
    assert len(mailoutbox) == 2
    manage_path = link_in(mailoutbox[1], "manage")
    # The same signed value; the signatures' timestamps may fall a second apart under load.
    assert confirmed["Location"].split(":")[0] == manage_path.split(":")[0]

    page = client.get(manage_path)
    assert page.status_code == 200
    status = in_french("Applied")
    assert f'<span id="application-status">{status}</span>' in page.content.decode()
    assert "Association Voix des Migrantes" in page.content.decode()
    # A second visit of the verification link goes to the management page, changing nothing.
    again = client.post(verify_path)
    assert again.status_code == 302
    assert again["Location"].split(":")[0] == manage_path.split(":")[0]


def test_form_closed_after_deadline(client, event, django_capture_on_commit_callbacks):
    Event.objects.filter(pk=event.pk).update(
        accreditation_deadline=timezone.now() - timedelta(minutes=1)
    )
    page = client.get(apply_url(event))
    assert page.status_code == 200
    assert 'id="accreditation-closed"' in page.content.decode()
    assert 'name="purpose"' not in page.content.decode()
    response = post_application(client, event, django_capture_on_commit_callbacks)
    assert response.status_code == 403
    assert 'id="accreditation-closed"' in response.content.decode()
    assert AccreditationApplication.objects.count() == 0


def test_form_is_for_an_imrf_with_a_deadline_only(client):
    regional = EventFactory(
        kind=Event.Kind.REGIONAL, accreditation_deadline=timezone.now() + timedelta(days=3)
    )
    without_deadline = EventFactory(accreditation_deadline=None)
    assert client.get(apply_url(regional)).status_code == 404
    assert client.get(apply_url(without_deadline)).status_code == 404


def test_duplicate_by_website_in_other_case_answers_the_same(
    client, event, mailoutbox, django_capture_on_commit_callbacks
):
    first = post_application(client, event, django_capture_on_commit_callbacks)
    second = post_application(
        client,
        event,
        django_capture_on_commit_callbacks,
        name="AVM – Voix des migrantes",
        website="HTTPS://WWW.VoixDesMigrantes.Example.org/",
        email="someone-else@example.org",
    )
    assert second.status_code == first.status_code == 302
    assert second["Location"] == first["Location"]
    assert AccreditationApplication.objects.count() == 1
    assert Organization.objects.count() == 1
    # Both messages go to the address on record, never to the one typed the second time.
    assert [m.to for m in mailoutbox] == [["contact@voixdesmigrantes.example.org"]] * 2


def test_wrong_document_type_refused_at_the_field(
    client, event, django_capture_on_commit_callbacks
):
    response = post_application(
        client, event, django_capture_on_commit_callbacks, files=[pdf(), xlsx()]
    )
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["documents"]
    assert errors["documents"] == ["budget.xlsx: Only PDF, DOCX and ODT documents are accepted."]
    body = response.content.decode()
    assert "budget.xlsx: Only PDF, DOCX and ODT documents are accepted." in body
    assert "choose them again" in body
    # What was typed is kept.
    assert 'value="Association Voix des Migrantes"' in body
    assert 'id="objective-15" checked' in body
    assert AccreditationApplication.objects.count() == 0


def test_a_text_file_named_pdf_is_refused(client, event, django_capture_on_commit_callbacks):
    from django.core.files.uploadedfile import SimpleUploadedFile  # test-only helper

    fake = SimpleUploadedFile("statuts.pdf", b"<html>not a pdf</html>", "application/pdf")
    response = post_application(client, event, django_capture_on_commit_callbacks, files=[fake])
    assert response.context["form"].errors["documents"] == [
        "statuts.pdf: This file is not a PDF, DOCX, XLSX or ODT document (checked by its content)."
    ]


def test_more_than_three_documents_refused(client, event, django_capture_on_commit_callbacks):
    files = [pdf(f"d{n}.pdf") for n in range(4)]
    response = post_application(client, event, django_capture_on_commit_callbacks, files=files)
    assert response.context["form"].errors["documents"] == ["Choose at most 3 files; you chose 4."]


def test_documents_are_stored_with_the_application(
    client, event, django_capture_on_commit_callbacks
):
    response = post_application(
        client, event, django_capture_on_commit_callbacks, files=[pdf("statuts.pdf")]
    )
    assert response.status_code == 302
    application = AccreditationApplication.objects.get()
    assert list(application.documents.values_list("title", flat=True)) == ["statuts.pdf"]


def test_nul_bytes_give_a_field_error(client, event, django_capture_on_commit_callbacks):
    response = post_application(
        client, event, django_capture_on_commit_callbacks, name="Voix\x00des migrantes"
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"] == ["Null characters are not allowed."]
    assert AccreditationApplication.objects.count() == 0


def test_objectives_and_roundtables_required(client, event, django_capture_on_commit_callbacks):
    response = post_application(
        client, event, django_capture_on_commit_callbacks, objectives=None, roundtables=["9"]
    )
    errors = response.context["form"].errors
    assert errors["objectives"] == ["Choose at least one objective."]
    assert errors["roundtables"] == [
        "Select a valid choice. 9 is not one of the available choices."
    ]
    body = response.content.decode()
    assert 'id="objectives_errors"' in body


def test_bad_objective_id_is_a_field_error(client, event, django_capture_on_commit_callbacks):
    response = post_application(
        client, event, django_capture_on_commit_callbacks, objectives=["99", "x"]
    )
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["objectives"]


def test_honeypot_stores_nothing(client, event, mailoutbox, django_capture_on_commit_callbacks):
    response = post_application(
        client, event, django_capture_on_commit_callbacks, contact_fax="+1 555 0100"
    )
    assert response.status_code == 302
    assert AccreditationApplication.objects.count() == 0
    assert mailoutbox == []


def test_rate_limit_shared_with_registration(
    client, event, settings, django_capture_on_commit_callbacks
):
    settings.REGISTRATION_RATE_LIMIT = "1/h"
    first = post_application(client, event, django_capture_on_commit_callbacks, ip="10.9.9.9")
    assert first.status_code == 302
    second = post_application(
        client, event, django_capture_on_commit_callbacks, ip="10.9.9.9", name="Autre"
    )
    assert second.status_code == 429
    body = second.content.decode()
    assert 'id="rate-limited"' in body
    assert 'value="Autre"' in body
    assert 'id="objective-16" checked' in body
    assert AccreditationApplication.objects.count() == 1


def test_page_in_arabic_is_right_to_left(client, event):
    page = client.get(apply_url(event, "ar"))
    assert page.status_code == 200
    assert 'dir="rtl"' in page.content.decode()


def _applied(client, event, capture):
    post_application(client, event, capture)
    application = AccreditationApplication.objects.get()
    return application, links.application_token(application, links.APPLICATION_MANAGE)


def test_withdraw_asks_then_withdraws(
    client, event, mailoutbox, django_capture_on_commit_callbacks
):
    application, token = _applied(client, event, django_capture_on_commit_callbacks)
    url = reverse("stakeholders:accreditation_withdraw", args=[token])
    assert client.get(url).status_code == 200
    unticked = client.post(url, {})
    assert unticked.status_code == 200
    assert unticked.context["form"].errors["confirm"] == ["Tick the box to confirm."]
    application.refresh_from_db()
    assert application.status == Status.UNVERIFIED

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"confirm": "on"})
    assert done.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert mailoutbox[-1].subject.endswith("is withdrawn")
    page = client.get(done["Location"]).content.decode()
    assert '<span id="application-status">Withdrawn</span>' in page
    assert 'id="withdraw"' not in page
    # Once withdrawn, the withdraw page sends back to the management page.
    assert client.get(url).status_code == 302


@pytest.mark.parametrize(
    "token", ["abc", "1.x", "99999999999999999999.abc", "1" * 600, "1.\x00", "².x:y:z"]
)
def test_bad_tokens_are_404(client, event, token):
    for name in ("accreditation_verify", "accreditation_manage", "accreditation_withdraw"):
        response = client.get(reverse(f"stakeholders:{name}", args=[token]))
        assert response.status_code == 404, (name, token)
        assert 'id="invalid-link"' in response.content.decode()


def test_token_of_one_purpose_is_refused_for_the_other(
    client, event, django_capture_on_commit_callbacks
):
    application, manage_token = _applied(client, event, django_capture_on_commit_callbacks)
    verify_token = links.application_token(application, links.APPLICATION_VERIFY)
    assert (
        client.get(reverse("stakeholders:accreditation_verify", args=[manage_token])).status_code
        == 404
    )
    assert (
        client.get(reverse("stakeholders:accreditation_manage", args=[verify_token])).status_code
        == 404
    )


def test_verification_link_expires_after_72_hours(
    client, event, monkeypatch, django_capture_on_commit_callbacks
):
    application, _manage = _applied(client, event, django_capture_on_commit_callbacks)
    token = links.application_token(application, links.APPLICATION_VERIFY)
    url = reverse("stakeholders:accreditation_verify", args=[token])
    assert client.get(url).status_code == 200
    later = time.time() + 73 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    assert client.post(url).status_code == 404
    application.refresh_from_db()
    assert application.status == Status.UNVERIFIED


def test_a_new_organisation_secret_revokes_links(client, event, django_capture_on_commit_callbacks):
    application, token = _applied(client, event, django_capture_on_commit_callbacks)
    url = reverse("stakeholders:accreditation_manage", args=[token])
    assert client.get(url).status_code == 200
    Organization.objects.filter(pk=application.organization_id).update(secret="rotated")
    assert client.get(url).status_code == 404


def test_event_page_links_to_the_form_and_the_list(client, event):
    body = client.get(reverse("stakeholders:event", args=[event.slug])).content.decode()
    assert f'href="/en/events/{event.slug}/accreditation/apply/"' in body
    assert f'href="/en/events/{event.slug}/organizations/"' in body


def test_form_fields_of_the_organisation(client, event):
    assert form_data()["language"] == "fr"
    page = client.get(apply_url(event, "fr")).content.decode()
    for name in ("name", "name_latin", "acronym", "category", "headquarters", "website",
                 "head_name", "head_title", "contact_name", "email", "language", "purpose",
                 "relevance", "roundtables", "documents", "consent_privacy"):  # fmt: skip
        assert f'name="{name}"' in page, name
    assert page.count('name="objectives"') == 23
    assert "(a) The purpose of the organization" in page
