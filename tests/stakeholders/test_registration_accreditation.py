"""Registration follows accreditation (issue 19 item 4): stakeholders.admission, the form's
organisation question, `registration.verify` and `registration.accreditation_settled`."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from reviews.models import StakeholderCategory
from stakeholders import accreditation, admission, links, registration
from stakeholders.decisions import DecisionRefused, decide_registration, refuse_travel
from stakeholders.forms.registration import NOT_LISTED, apply_url
from stakeholders.models import AccreditationApplication, Event, Organization, Registration
from tests.personas import secretariat_member
from tests.stakeholders.factories import EventFactory, RegistrationFactory
from tests.stakeholders.registering import link_in, register

pytestmark = pytest.mark.django_db
Status = Registration.Status
App = AccreditationApplication.Status
NEUTRAL = "If this address can register, we have sent a message to it."
REFUSED_OPEN = (
    "Your organization cannot take part in this forum yet, and we found no application for "
    "special accreditation under that name or website. Your organization can apply for special "
    "accreditation until {date} (the application form is linked under this list); register "
    "once it has applied."
)
REFUSED_CLOSED = (
    "Only organizations that can take part in this forum can register for it, and "
    "applications for special accreditation closed on {date}."
)
REASON = "Your organisation was not accredited for this forum."


@pytest.fixture(autouse=True)
def _generous_rate_limit(settings):
    settings.REGISTRATION_RATE_LIMIT = "10000/h"


def _category(key="civil_society"):
    return StakeholderCategory.objects.get(key=key)


@pytest.fixture
def event():
    return EventFactory(
        slug="imrf-2026",
        title="IMRF 2026",
        accreditation_deadline=timezone.now() + timedelta(days=5),
    )


@pytest.fixture
def ecosoc():
    return Organization.objects.create(
        name="Migrant Voices",
        acronym="MV",
        category=_category(),
        headquarters_id="SEN",
        website="https://migrantvoices.example.org",
        ecosoc_status=Organization.Ecosoc.SPECIAL,
    )


def _applied(event, name="Diaspora Bridge", status=App.APPLIED, **fields):
    organization = Organization.objects.create(name=name, category=_category(), **fields)
    # Test data put straight in the status: stakeholders.accreditation is tested on its own.
    return AccreditationApplication.objects.create(
        organization=organization,
        event=event,
        purpose="Diaspora investment",
        relevance="Objective 19",
        language="en",
        status=status,
    )


def _verify(client, mailoutbox, capture):
    with capture(execute=True):
        return client.post(link_in(mailoutbox[-1], "verify"))


def _field_errors(response, name):
    return response.context["form"].errors.get(name)


def _deadline(event):
    return date_format(timezone.localtime(event.accreditation_deadline), "DATETIME_FORMAT")


# --- the form ----------------------------------------------------------------------------------


def test_the_form_lists_organizations_that_can_take_part_grouped_by_track(client, event, ecosoc):
    gcm = Organization.objects.create(name="Bridges", category=_category(), gcm_accredited=True)
    special = _applied(event, name="Caravana", status=App.ACCREDITED).organization
    _applied(event, name="Still Applying")  # applied: not listed (not yet able to take part)
    Organization.objects.create(name="Nobody", category=_category())
    page = client.get(reverse("stakeholders:register", args=[event.slug])).content.decode()
    select = page.split('name="organization_record"', 1)[1].split("</select>", 1)[0]
    assert select.count("<option") == 5
    assert (
        '<option value="" selected>Choose your organization</option>'
        f'<option value="{NOT_LISTED}">My organization is not in this list</option>'
        '<optgroup label="In consultative status with ECOSOC">'
        f'<option value="{ecosoc.pk}">Migrant Voices (MV), Senegal</option></optgroup>'
        '<optgroup label="Accredited to the GCM process before">'
        f'<option value="{gcm.pk}">Bridges</option></optgroup>'
        '<optgroup label="Special accreditation for this forum">'
        f'<option value="{special.pk}">Caravana</option></optgroup>'
    ) in select
    assert "Still Applying" not in page and "Nobody" not in page
    url = apply_url(event)
    if url:  # the application form's page (written in parallel): linked while open
        assert f'<a href="{url}">Apply for special accreditation (until' in page


def test_the_tracks_are_those_of_the_accreditation_door(event, ecosoc):
    gcm = Organization.objects.create(name="Bridges", category=_category(), gcm_accredited=True)
    special = _applied(event, name="Caravana", status=App.ACCREDITED).organization
    waiting = _applied(event).organization
    listed = {o.pk: track for track, rows in admission.eligible_organizations(event) for o in rows}
    assert listed == {ecosoc.pk: "ecosoc", gcm.pk: "gcm", special.pk: "special"}
    for organization in (ecosoc, gcm, special, waiting):
        assert accreditation.accreditation_track(organization, event) == listed.get(organization.pk)


def test_an_accredited_organizations_person_registers_and_is_pending_once_verified(
    client, event, ecosoc, mailoutbox, django_capture_on_commit_callbacks
):
    response = register(
        client, event, django_capture_on_commit_callbacks,
        organization_record=str(ecosoc.pk), organization="", organization_website="",
    )  # fmt: skip
    assert response.status_code == 302
    row = Registration.objects.get(event=event)
    assert (row.status, row.organization_record, row.organization) == (
        Status.UNVERIFIED,
        ecosoc,
        "Migrant Voices",
    )
    assert row.organization_website == "https://migrantvoices.example.org"
    _verify(client, mailoutbox, django_capture_on_commit_callbacks)
    row.refresh_from_db()
    assert row.status == Status.PENDING
    assert [e.action for e in row.log.all()] == ["registered", "verified"]


def test_a_typed_name_of_an_organization_that_can_take_part_is_taken_as_its_record(
    client, event, ecosoc, django_capture_on_commit_callbacks
):
    response = register(
        client, event, django_capture_on_commit_callbacks,
        organization_record=NOT_LISTED, organization="  MIGRANT  voices ", organization_website="",
    )  # fmt: skip
    assert response.status_code == 302
    row = Registration.objects.get(event=event)
    assert (row.organization_record, row.organization) == (ecosoc, "Migrant Voices")


def test_an_unaccredited_organization_is_refused_at_the_field_with_the_pointer(
    client, event, django_capture_on_commit_callbacks
):
    response = register(
        client, event, django_capture_on_commit_callbacks,
        organization_record=NOT_LISTED, organization="Unknown Collective",
        organization_website="https://unknown.example.org",
    )  # fmt: skip
    assert response.status_code == 200
    assert Registration.objects.count() == 0
    message = REFUSED_OPEN.format(date=_deadline(event))
    assert _field_errors(response, "organization_record") == [message]
    page = response.content.decode()
    # The message and the guidance with its link are both read with the list.
    describedby = "id_organization_record_helptext id_organization_record_error"
    assert f'aria-invalid="true" aria-describedby="{describedby}"' in page
    assert f'<option value="{NOT_LISTED}" selected>' in page
    assert 'value="Unknown Collective"' in page  # nothing typed is lost


def test_after_the_deadline_only_accredited_organizations_can_register(
    client, event, django_capture_on_commit_callbacks
):
    event.accreditation_deadline = timezone.now() - timedelta(hours=1)
    event.save()
    response = register(
        client, event, django_capture_on_commit_callbacks,
        organization_record=NOT_LISTED, organization="Unknown Collective",
    )  # fmt: skip
    assert response.status_code == 200
    assert _field_errors(response, "organization_record") == [
        REFUSED_CLOSED.format(date=_deadline(event))
    ]
    assert "Apply for special accreditation (until" not in response.content.decode()


@pytest.mark.parametrize("value", ["", "abc", "999999", "1\x00", "9" * 5000])
def test_a_bad_organization_choice_is_a_message_at_the_field(
    client, event, ecosoc, value, django_capture_on_commit_callbacks
):
    response = register(client, event, django_capture_on_commit_callbacks,
                        organization_record=value)  # fmt: skip
    assert response.status_code == 200
    assert Registration.objects.count() == 0
    assert len(_field_errors(response, "organization_record")) == 1


def test_not_listed_needs_the_organizations_name(client, event, django_capture_on_commit_callbacks):
    response = register(client, event, django_capture_on_commit_callbacks,
                        organization_record=NOT_LISTED, organization="")  # fmt: skip
    assert _field_errors(response, "organization") == ["Give your organization's name."]


# --- waiting on an application -----------------------------------------------------------------


@pytest.fixture
def waiting(client, event, mailoutbox, django_capture_on_commit_callbacks):
    """A person of an organisation that applied registers (matched by its website) and
    confirms the address."""
    application = _applied(event, website="https://www.diaspora-bridge.example.org/")
    response = register(
        client, event, django_capture_on_commit_callbacks,
        organization_record=NOT_LISTED, organization="Diaspora Bridge Network",
        organization_website="http://diaspora-bridge.example.org",
    )  # fmt: skip
    assert response.status_code == 302
    _verify(client, mailoutbox, django_capture_on_commit_callbacks)
    return application, Registration.objects.get(event=event)


def test_a_person_of_an_organization_that_applied_waits_after_verification(waiting, mailoutbox):
    application, row = waiting
    assert (row.status, row.organization_record, row.organization) == (
        Status.AWAITING_ACCREDITATION,
        application.organization,
        "Diaspora Bridge",
    )
    assert row.verified_at is not None
    assert [e.action for e in row.log.all()] == ["registered", "verified_awaiting"]
    assert mailoutbox[-1].subject == "Your registration for IMRF 2026 is confirmed"
    assert "waits for the decision on the application of Diaspora Bridge" in mailoutbox[-1].body


def test_a_name_match_is_enough_to_wait(client, event, django_capture_on_commit_callbacks):
    application = _applied(event, status=App.UNDER_REVIEW)
    register(client, event, django_capture_on_commit_callbacks,
             organization_record=NOT_LISTED, organization="diaspora-BRIDGE")  # fmt: skip
    assert Registration.objects.get().organization_record == application.organization


@pytest.mark.parametrize("status", [App.UNVERIFIED, App.NOT_RECOMMENDED, App.WITHDRAWN])
def test_an_application_no_longer_or_not_yet_considered_does_not_let_anyone_wait(
    client, event, status, django_capture_on_commit_callbacks
):
    _applied(event, status=status)
    response = register(client, event, django_capture_on_commit_callbacks,
                        organization_record=NOT_LISTED, organization="Diaspora Bridge")  # fmt: skip
    assert response.status_code == 200
    assert Registration.objects.count() == 0


def test_waiting_registrations_become_pending_when_the_organization_is_accredited(
    waiting, mailoutbox, django_capture_on_commit_callbacks
):
    application, row = waiting
    other = RegistrationFactory(
        event=row.event, status=Status.AWAITING_ACCREDITATION,
        organization_record=_applied(row.event, name="Other").organization,
    )  # fmt: skip
    sent = len(mailoutbox)
    AccreditationApplication.objects.filter(pk=application.pk).update(status=App.ACCREDITED)
    application.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert registration.accreditation_settled(application) == 1
    row.refresh_from_db()
    other.refresh_from_db()
    assert (row.status, row.version, other.status) == (
        Status.PENDING,
        3,
        Status.AWAITING_ACCREDITATION,
    )
    entry = row.log.order_by("-pk").first()
    assert (entry.action, entry.from_status, entry.to_status) == (
        "organization_accredited",
        Status.AWAITING_ACCREDITATION,
        Status.PENDING,
    )
    assert len(mailoutbox) == sent + 1
    assert mailoutbox[-1].to == ["amina@example.org"]
    assert mailoutbox[-1].subject == "Your organization is accredited to IMRF 2026"
    # Settling again moves nothing.
    assert registration.accreditation_settled(application) == 0


@pytest.mark.parametrize("outcome", [App.NOT_ACCREDITED, App.NOT_RECOMMENDED, App.WITHDRAWN])
def test_waiting_registrations_are_rejected_when_the_organization_is_not_accredited(
    waiting, mailoutbox, django_capture_on_commit_callbacks, outcome
):
    application, row = waiting
    sent = len(mailoutbox)
    AccreditationApplication.objects.filter(pk=application.pk).update(status=outcome)
    application.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        assert registration.accreditation_settled(application) == 1
    row.refresh_from_db()
    assert (row.status, row.decision_reason) == (Status.REJECTED, REASON)
    assert row.decided_at is not None
    entry = row.log.order_by("-pk").first()
    assert (entry.action, entry.to_status, entry.reason) == (
        "organization_not_accredited",
        Status.REJECTED,
        REASON,
    )
    assert len(mailoutbox) == sent + 1
    assert mailoutbox[-1].subject == "Your registration for IMRF 2026"
    assert f"Reason: {REASON}" in mailoutbox[-1].body


def test_an_application_still_considered_settles_nothing(waiting):
    application, row = waiting
    for status in (App.APPLIED, App.RECOMMENDED, App.UNDER_REVIEW):
        AccreditationApplication.objects.filter(pk=application.pk).update(status=status)
        application.refresh_from_db()
        assert registration.accreditation_settled(application) == 0
    row.refresh_from_db()
    assert row.status == Status.AWAITING_ACCREDITATION


def test_confirming_after_the_organization_was_refused_rejects_at_once(
    client, event, mailoutbox, django_capture_on_commit_callbacks
):
    application = _applied(event)
    register(client, event, django_capture_on_commit_callbacks,
             organization_record=NOT_LISTED, organization="Diaspora Bridge")  # fmt: skip
    AccreditationApplication.objects.filter(pk=application.pk).update(status=App.NOT_ACCREDITED)
    _verify(client, mailoutbox, django_capture_on_commit_callbacks)
    row = Registration.objects.get()
    assert (row.status, row.decision_reason) == (Status.REJECTED, REASON)
    assert [e.action for e in row.log.all()] == ["registered", "verified_not_accredited"]
    assert f"Reason: {REASON}" in mailoutbox[-1].body


def test_the_secretariat_cannot_decide_a_registration_waiting_on_accreditation(waiting):
    _application, row = waiting
    with pytest.raises(DecisionRefused):
        decide_registration(row.pk, "approve", by=secretariat_member())
    row.refresh_from_db()
    assert row.status == Status.AWAITING_ACCREDITATION


def test_travel_support_of_a_registration_waiting_on_accreditation_is_not_decided(event):
    row = RegistrationFactory(event=event, status=Status.AWAITING_ACCREDITATION,
                              travel=Registration.Travel.REQUESTED)  # fmt: skip
    with pytest.raises(DecisionRefused) as refused:
        refuse_travel(row.pk, by=secretariat_member(), reason="Budget")
    assert str(refused.value) == (
        "A registration that is “Waiting for the organization's accreditation” cannot be "
        "decided on."
    )


def test_the_queue_filters_registrations_waiting_on_accreditation(client, waiting):
    _application, row = waiting
    RegistrationFactory(event=row.event, full_name="Someone pending")
    client.force_login(secretariat_member())
    response = client.get(
        reverse("stakeholders:registration_queue"), {"status": "awaiting_accreditation"}
    )
    assert [r.full_name for r in response.context["page"]] == ["Amina Diallo"]


def test_the_management_page_explains_the_wait_and_the_edit_leaves_the_organization(
    client, waiting
):
    _application, row = waiting
    token = links.make_token(row, links.MANAGE)
    page = client.get(reverse("stakeholders:manage", args=[token])).content.decode()
    assert (
        '<span id="registration-status">Waiting for the organization&#x27;s accreditation' in page
    )
    assert "waits for the decision on the application of Diaspora Bridge" in page
    edit = client.get(reverse("stakeholders:manage_edit", args=[token]))
    assert edit.status_code == 200
    assert set(edit.context["form"].fields) & {"organization", "organization_record"} == set()
    assert 'id="organization-fixed"' in edit.content.decode()


# --- other events: unchanged -------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": Event.Kind.REGIONAL, "accreditation_deadline": None},
        {"kind": Event.Kind.CONSULTATION, "accreditation_deadline": None},
        # An IMRF that runs no special accreditation: nobody could become able to take part.
        {"kind": Event.Kind.IMRF, "accreditation_deadline": None},
    ],
)
def test_other_events_register_as_before(
    client, mailoutbox, django_capture_on_commit_callbacks, fields
):
    other = EventFactory(slug="meeting", **fields)
    page = client.get(reverse("stakeholders:register", args=[other.slug])).content.decode()
    assert 'name="organization_record"' not in page
    response = register(client, other, django_capture_on_commit_callbacks,
                        organization="Any Group")  # fmt: skip
    assert response.status_code == 302
    _verify(client, mailoutbox, django_capture_on_commit_callbacks)
    row = Registration.objects.get(event=other)
    assert (row.status, row.organization, row.organization_record) == (
        Status.PENDING,
        "Any Group",
        None,
    )


def test_sending_the_list_to_member_states_settles_the_organizations_not_recommended(
    waiting, mailoutbox, django_capture_on_commit_callbacks
):
    """Not recommending may be undone until the list goes to Member States; from then on the
    people waiting on that organisation are told they cannot take part."""
    application, row = waiting
    moderator = secretariat_member()
    application = accreditation.not_recommend(
        application, by=moderator, reason="Out of scope.", version=application.version
    )
    row.refresh_from_db()
    assert row.status == Status.AWAITING_ACCREDITATION
    _applied(row.event, name="Recommended Network", status=App.RECOMMENDED)
    with django_capture_on_commit_callbacks(execute=True):
        accreditation.open_review(
            row.event, by=moderator, closes_at=timezone.now() + timedelta(days=14)
        )
    row.refresh_from_db()
    assert (row.status, row.decision_reason) == (Status.REJECTED, REASON)
