"""Text from anyone on the internet: the event registration form and the accreditation
request form. Any text is stored and shown inert to the secretariat who reads it, or refused
at its field with what was typed kept. Never a 5xx."""

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from stakeholders.models import AccreditationApplication, Registration
from tests.properties.conftest import undone
from tests.properties.html_checks import (
    INVALID_UTF8,
    PROPERTY_SETTINGS,
    TEXT,
    answered_well,
    assert_inert,
)
from tests.properties.test_national_review import with_examples
from tests.stakeholders import accrediting, registering
from tests.stakeholders.factories import EventFactory

pytestmark = pytest.mark.django_db
FORM = "application/x-www-form-urlencoded; charset=utf-8"


@pytest.fixture
def event():
    """An event open for registration, which runs no special accreditation."""
    return EventFactory(slug="forum-2026")


@pytest.fixture
def imrf():
    """An IMRF open for accreditation requests."""
    deadline = timezone.now() + timedelta(days=20)
    return EventFactory(slug="imrf-2026", accreditation_deadline=deadline)


@PROPERTY_SETTINGS
@given(text=TEXT, field=st.sampled_from(["full_name", "organization", "accessibility_needs"]))
@with_examples(field="full_name")
def test_a_registration_with_any_text(
    client, event, secretariat_user, django_capture_on_commit_callbacks, text, field
):
    with undone():
        data = registering.form_data(**{field: text})
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/en/events/{event.slug}/register/", data)
        if answered_well(response, field, typed=text):
            assert response.status_code == 302
            row = Registration.objects.get(event=event)
            client.force_login(secretariat_user)
            assert_inert(client.get(f"/en/secretariat/registrations/{row.pk}/"))
            assert_inert(client.get("/en/secretariat/registrations/"))
            client.logout()


@PROPERTY_SETTINGS
@given(text=TEXT, field=st.sampled_from(["name", "head_name", "purpose", "relevance"]))
@with_examples(field="purpose")
def test_an_accreditation_request_with_any_text(
    client, imrf, secretariat_user, django_capture_on_commit_callbacks, text, field
):
    with undone():
        data = accrediting.form_data(**{field: text})
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(accrediting.apply_url(imrf), data)
        if answered_well(response, field, typed=text):
            assert response.status_code == 302
            row = AccreditationApplication.objects.get()
            client.force_login(secretariat_user)
            page = f"/en/secretariat/accreditation/{imrf.slug}/{row.pk}/"
            assert_inert(client.get(page))
            assert_inert(client.get(f"/en/secretariat/accreditation/{imrf.slug}/"))
            client.logout()


@pytest.mark.parametrize("form", ["register", "accreditation/apply"])
def test_invalid_utf8_in_a_public_form_is_no_server_error(client, event, imrf, form):
    fields = {"register": registering.form_data(), "accreditation/apply": accrediting.form_data()}
    from urllib.parse import urlencode  # only this test builds a raw body

    body = urlencode(fields[form], doseq=True).encode() + b"&full_name=" + INVALID_UTF8
    body += b"&name=" + INVALID_UTF8 + b"&purpose=" + INVALID_UTF8
    slug = event.slug if form == "register" else imrf.slug
    response = client.generic("POST", f"/en/events/{slug}/{form}/", body, content_type=FORM)
    assert response.status_code in (200, 302, 400), response.status_code
    if response.status_code != 302:
        assert_inert(response)
