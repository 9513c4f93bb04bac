"""The public form, double opt-in, duplicates and expiry (stakeholders.registration)."""

from datetime import timedelta

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from stakeholders import links, registration
from stakeholders.forms.registration import RegistrationForm
from stakeholders.models import Registration, RegistrationLog
from tests.stakeholders.factories import EventFactory, RegistrationFactory
from tests.stakeholders.registering import form_data, link_in, register

pytestmark = pytest.mark.django_db
NEUTRAL = "If this address can register, we have sent a message to it."
Status = Registration.Status


@pytest.fixture(autouse=True)
def _generous_rate_limit(settings):
    settings.REGISTRATION_RATE_LIMIT = "10000/h"


@pytest.fixture
def event():
    return EventFactory(slug="imrf-2026")


def test_register_then_verify(client, event, mailoutbox, django_capture_on_commit_callbacks):
    response = register(client, event, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert response["Location"] == reverse("stakeholders:register_sent", args=[event.slug])
    row = Registration.objects.get(event=event)
    assert (row.status, row.email_key, row.travel_priority) == (
        Status.UNVERIFIED,
        "amina@example.org",
        True,
    )
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["amina@example.org"]
    path = link_in(mailoutbox[0], "verify")
    # GET only asks (a mail scanner's prefetch confirms nothing).
    page = client.get(path)
    assert page.status_code == 200
    row.refresh_from_db()
    assert row.status == Status.UNVERIFIED
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(path)
    assert done.status_code == 302
    row.refresh_from_db()
    assert row.status == Status.PENDING and row.verified_at is not None
    assert [e.action for e in row.log.all()] == ["registered", "verified"]
    assert mailoutbox[1].subject == "Your registration for IMRF 2026 is confirmed".replace(
        "IMRF 2026", event.title
    )
    assert done["Location"] == link_in(mailoutbox[1], "manage")


def test_the_sent_page_is_neutral(client, event):
    page = client.get(reverse("stakeholders:register_sent", args=[event.slug]))
    assert NEUTRAL in page.content.decode()


@pytest.mark.parametrize("address", ["AMINA@Example.ORG", "ａｍｉｎａ@example.org"])
def test_duplicate_creates_nothing_and_mails_the_management_link(
    client, event, mailoutbox, django_capture_on_commit_callbacks, address
):
    first = RegistrationFactory(event=event, email="amina@example.org", status=Status.PENDING)
    response = register(client, event, django_capture_on_commit_callbacks, email=address)
    assert response.status_code == 302
    assert response["Location"] == reverse("stakeholders:register_sent", args=[event.slug])
    assert Registration.objects.filter(event=event).count() == 1
    first.refresh_from_db()
    assert (first.status, first.version, first.full_name[:7]) == (Status.PENDING, 1, "Person ")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["amina@example.org"]
    manage = link_in(mailoutbox[0], "manage")
    assert client.get(manage).status_code == 200


def test_rejected_person_cannot_register_again(
    client, event, mailoutbox, django_capture_on_commit_callbacks
):
    rejected = RegistrationFactory(event=event, email="amina@example.org", status=Status.REJECTED)
    register(client, event, django_capture_on_commit_callbacks, email="Amina@example.org")
    assert list(Registration.objects.filter(event=event)) == [rejected]
    rejected.refresh_from_db()
    assert rejected.status == Status.REJECTED
    page = client.get(link_in(mailoutbox[0], "manage"))
    assert page.context["registration"].status == Status.REJECTED
    assert "contact the secretariat" in page.content.decode()


def test_a_racing_insert_is_answered_as_a_duplicate(event, monkeypatch):
    """The twin's row appears between the lookup and the insert: the constraint refuses it."""
    real_apply = registration._apply

    def twin_first(row, *args, **kwargs):
        real_apply(row, *args, **kwargs)
        if row.pk is None:  # after the lookup, before the insert
            RegistrationFactory(event=event, email="Amina@example.org")

    monkeypatch.setattr(registration, "_apply", twin_first)
    outcome = registration.register(
        event, email="amina@example.org", fields=_fields(event), travel_requested=False
    )
    assert outcome == registration.DUPLICATE
    assert Registration.objects.filter(event=event).count() == 1
    assert RegistrationLog.objects.get().action == "management_link"


def _fields(event):
    form = RegistrationForm(form_data(), event=event)
    assert form.is_valid(), form.errors
    return form.fields_to_save()


def test_unverified_expire_after_72_hours_and_may_register_again(
    client, event, mailoutbox, django_capture_on_commit_callbacks
):
    old = RegistrationFactory(event=event, email="amina@example.org", status=Status.UNVERIFIED)
    young = RegistrationFactory(event=event, status=Status.UNVERIFIED)
    Registration.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=73))
    Registration.objects.filter(pk=young.pk).update(created_at=timezone.now() - timedelta(hours=71))
    old_secret = Registration.objects.get(pk=old.pk).secret
    assert registration.expire_unverified() == 1
    assert Registration.objects.get(pk=old.pk).status == Status.EXPIRED
    assert Registration.objects.get(pk=young.pk).status == Status.UNVERIFIED
    register(client, event, django_capture_on_commit_callbacks, email="amina@example.org")
    renewed = Registration.objects.get(pk=old.pk)
    assert (renewed.status, renewed.full_name) == (Status.UNVERIFIED, "Amina Diallo")
    assert renewed.secret != old_secret
    assert Registration.objects.filter(event=event).count() == 2
    assert "verify" in link_in(mailoutbox[0], "verify")


def test_a_late_verification_link_expires_the_registration(client, event):
    row = RegistrationFactory(event=event, status=Status.UNVERIFIED)
    path = links.link_path(row, links.VERIFY)
    Registration.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(hours=73))
    response = client.post(path)
    assert response.status_code == 404
    assert Registration.objects.get(pk=row.pk).status == Status.EXPIRED


@pytest.mark.parametrize(
    ("status", "sent"),
    [(Status.UNVERIFIED, "verify"), (Status.PENDING, "manage"), (Status.REJECTED, "manage")],
)
def test_resend(client, event, mailoutbox, django_capture_on_commit_callbacks, status, sent):
    RegistrationFactory(event=event, email="amina@example.org", status=status)
    url = reverse("stakeholders:register_resend", args=[event.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "Amina@Example.org"})
    assert response["Location"] == reverse("stakeholders:register_sent", args=[event.slug])
    assert len(mailoutbox) == 1
    link_in(mailoutbox[0], sent)


def test_resend_to_an_unknown_address_sends_nothing_and_answers_the_same(
    client, event, mailoutbox, django_capture_on_commit_callbacks
):
    url = reverse("stakeholders:register_resend", args=[event.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"email": "nobody@example.org"})
    assert response["Location"] == reverse("stakeholders:register_sent", args=[event.slug])
    assert mailoutbox == []


def test_errors_at_the_field_keep_what_was_typed(client, event):
    response = register(
        client, event, lambda execute: _nothing(), category="other", category_other="",
        travel_justification="", full_name="Amina\x00Diallo", consent_privacy=None,
        organization="Kept Organisation",
    )  # fmt: skip
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"full_name", "category_other", "consent_privacy"}
    assert form.errors["full_name"] == ["Null characters are not allowed."]
    assert 'value="Kept Organisation"' in response.content.decode()
    assert Registration.objects.count() == 0


def test_travel_request_needs_a_justification(client, event):
    response = register(client, event, lambda execute: _nothing(), travel_requested="on")
    assert response.context["form"].errors["travel_justification"] == [
        "Say why you need travel support."
    ]


def test_online_only_event_offers_online_only(client):
    event = EventFactory(mode="online")
    page = client.get(reverse("stakeholders:register", args=[event.slug]))
    assert page.context["form"].fields["participation"].choices == [("online", "Online")]


def test_closed_and_unpublished_events(client):
    closed = EventFactory(registration_closes=timezone.now() - timedelta(minutes=1))
    page = client.get(reverse("stakeholders:register", args=[closed.slug]))
    assert page.status_code == 200 and "form" not in page.context
    assert "Registration is closed." in page.content.decode()
    assert (
        client.post(reverse("stakeholders:register", args=[closed.slug]), form_data()).status_code
        == 403
    )
    hidden = EventFactory(is_published=False)
    assert client.get(reverse("stakeholders:register", args=[hidden.slug])).status_code == 404


def test_the_form_in_arabic_is_right_to_left(client, event):
    page = client.get(f"/ar/events/{event.slug}/register/")
    assert page.status_code == 200
    assert '<html lang="ar" dir="rtl">' in page.content.decode()
    assert page.context["form"].initial["language"] == "ar"


def test_integrity_error_of_another_kind_is_not_hidden(event, monkeypatch):
    def fail(self, *args, **kwargs):
        raise IntegrityError("another constraint")

    monkeypatch.setattr(Registration, "save", fail)
    with pytest.raises(IntegrityError):
        registration.register(
            event, email="x@example.org", fields=_fields(event), travel_requested=False
        )


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False
