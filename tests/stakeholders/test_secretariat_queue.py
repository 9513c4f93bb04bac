"""The secretariat's registration queue, its bulk decisions, and the decision messages."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.models import StakeholderCategory
from stakeholders.decisions import decide_registration
from stakeholders.models import DecisionMessage, Registration
from tests.personas import cast, focal_point_of, reporter_of, secretariat_member
from tests.stakeholders.factories import EventFactory, RegistrationFactory

pytestmark = pytest.mark.django_db
Status = Registration.Status
QUEUE = "stakeholders:registration_queue"


@pytest.fixture
def staff(client):
    user = secretariat_member()
    client.force_login(user)
    return user


def _names(response):
    return sorted(r.full_name for r in response.context["page"])


def test_queue_refused_to_others(client):
    url = reverse(QUEUE)
    assert client.get(url).status_code == 302  # anonymous: to the login page
    client.force_login(focal_point_of("MEX"))
    assert client.get(url).status_code == 403
    client.force_login(reporter_of(commission="ECE"))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "approved"}, ["Kenyan"]),
        ({"level": "global"}, ["French"]),
        ({"commission": "ECA"}, ["Kenyan"]),
        ({"commission": "ECE"}, ["French"]),
        ({"group": "Latin American and Caribbean"}, ["Mexican"]),
        ({"travel": "requested"}, ["Kenyan"]),
        ({"priority": "yes"}, ["Kenyan"]),
        ({"priority": "no"}, ["French", "Mexican"]),
    ],
)
def test_filters(client, staff, query, expected):
    event = EventFactory()
    RegistrationFactory(event=event, full_name="Mexican", residence_id="MEX")
    RegistrationFactory(
        event=event, full_name="French", residence_id="FRA", level=Registration.Level.GLOBAL
    )
    RegistrationFactory(
        event=event, full_name="Kenyan", residence_id="KEN", status=Status.APPROVED,
        travel=Registration.Travel.REQUESTED, travel_priority=True,
    )  # fmt: skip
    RegistrationFactory(full_name="Other event", residence_id="KEN", status=Status.APPROVED)

    response = client.get(reverse(QUEUE), {"event": event.slug, **query})

    assert response.status_code == 200
    assert _names(response) == expected


def test_filter_by_category_and_event(client, staff):
    first, second = StakeholderCategory.objects.order_by("position")[:2]
    event = EventFactory()
    RegistrationFactory(event=event, full_name="One", category=first)
    RegistrationFactory(event=event, full_name="Two", category=second)
    RegistrationFactory(full_name="Elsewhere", category=second)

    response = client.get(reverse(QUEUE), {"event": event.slug, "category": second.key})

    assert _names(response) == ["Two"]


@pytest.mark.parametrize(
    "query",
    [
        {"status": "bogus"},
        {"event": "no-such-event"},
        {"commission": "\x00"},
        {"priority": "maybe"},
    ],
)
def test_bad_filter_values_are_field_messages(client, staff, query):
    RegistrationFactory(full_name="Someone")
    response = client.get(reverse(QUEUE), query)
    assert response.status_code == 200
    assert response.context["filter"].form.errors
    assert _names(response) == []
    [(field, [message])] = response.context["filter"].form.errors.items()
    assert field == next(iter(query))
    assert message in response.content.decode()


def test_queue_costs_the_same_queries_for_one_or_three_rows(client, staff):
    event = EventFactory()
    RegistrationFactory(event=event)
    with CaptureQueriesContext(connection) as one:
        client.get(reverse(QUEUE), {"event": event.slug})
    RegistrationFactory(event=event, residence_id="FRA")
    RegistrationFactory(event=event, residence_id="KEN")
    with CaptureQueriesContext(connection) as three:
        response = client.get(reverse(QUEUE), {"event": event.slug})
    assert len(response.context["page"]) == 3
    assert len(three) == len(one)


def test_row_shows_what_the_secretariat_needs(client, staff):
    person = RegistrationFactory(
        full_name="Amina Diallo", organization="Migrant Voices", residence_id="KEN",
        travel=Registration.Travel.REQUESTED, travel_priority=True,
    )  # fmt: skip
    body = client.get(reverse(QUEUE)).content.decode()
    row = body.split(f'value="{person.pk}:{person.version}"')[1].split("</tr>")[0]
    for text in (
        "Amina Diallo",
        "Migrant Voices",
        "Kenya",
        "Waiting for a decision",
        "Requested",
        "priority country",
    ):
        assert text in row


def test_bulk_approve_reports_done_full_and_stale(
    client, staff, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=2)
    first, second, third, changed = (
        RegistrationFactory(event=event, full_name=n)
        for n in ("First", "Second", "Third", "Changed")
    )
    seen = changed.version
    decide_registration(changed.pk, "waitlist", by=secretariat_member())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("stakeholders:registration_bulk"),
            {
                "action": "approve",
                "selected": [f"{r.pk}:{r.version}" for r in (first, second, third)]
                + [f"{changed.pk}:{seen}"],
            },
            follow=True,
        )

    texts = [str(m) for m in response.context["messages"]]
    assert texts[0] == "2 registrations decided."
    assert texts[1].startswith("Not decided: Third. The event is full")
    assert texts[2].startswith(
        "Not decided: Changed. This registration changed since you opened it"
    )
    assert len(texts) == 3
    statuses = dict(Registration.objects.filter(event=event).values_list("full_name", "status"))
    assert statuses == {
        "First": "approved",
        "Second": "approved",
        "Third": "pending",
        "Changed": "waitlisted",
    }
    # The two approved, and the person waitlisted before the bulk decision.
    assert len(mail.outbox) == 2


def test_bulk_reject_needs_a_reason_and_keeps_the_ticks(client, staff):
    person = RegistrationFactory()
    response = client.post(
        reverse("stakeholders:registration_bulk"),
        {"action": "reject", "reason": "", "selected": [f"{person.pk}:{person.version}"]},
    )
    assert response.status_code == 400
    assert (
        "Give the reason for the rejection: it is sent to each person." in response.content.decode()
    )
    person.refresh_from_db()
    assert person.status == Status.PENDING


@pytest.mark.parametrize("selected", [["x:1"], ["1"], ["\x00"], ["9" * 40 + ":1"]])
def test_bulk_bad_selection_is_a_message(client, staff, selected):
    response = client.post(
        reverse("stakeholders:registration_bulk"), {"action": "approve", "selected": selected}
    )
    assert response.status_code == 400
    assert "The selection was not understood: reload the page." in response.content.decode()


# --- decision messages ---------------------------------------------------------------------


def test_messages_list_shows_the_wording_in_force(client, staff):
    event = EventFactory()
    DecisionMessage.objects.create(decision="rejected", language="fr", subject="Défaut", body="x")
    DecisionMessage.objects.create(
        event=event, decision="rejected", language="es", subject="Evento", body="x"
    )

    response = client.get(reverse("stakeholders:decision_messages"), {"event": event.slug})

    rows = {row["decision"]: row["cells"] for row in response.context["rows"]}
    cells = {c["language"]: (c["subject"], c["source"]) for c in rows["rejected"]}
    assert cells["fr"] == ("Défaut", "default")
    assert cells["es"] == ("Evento", "event")
    assert cells["en"] == ("Your registration for {event}", "built-in")


def test_edit_message_refuses_unknown_placeholders_at_the_field(client, staff):
    url = reverse("stakeholders:decision_message", args=["rejected", "fr"])
    response = client.post(
        url, {"subject": "Inscription {event}", "body": "Bonjour {nom} {reason}"}
    )
    assert response.status_code == 400
    assert "Unknown placeholder {nom}" in response.content.decode()
    assert "Bonjour {nom} {reason}" in response.content.decode()
    assert not DecisionMessage.objects.exists()


def test_edit_message_for_an_event_saves_it(client, staff):
    event = EventFactory()
    url = reverse("stakeholders:decision_message", args=["rejected", "fr"]) + f"?event={event.slug}"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"subject": "Inscription {event}", "body": "Bonjour {name} : {reason}"}
    )
    assert response.status_code == 302
    saved = DecisionMessage.objects.get()
    assert (saved.event, saved.decision, saved.language) == (event, "rejected", "fr")


@pytest.mark.parametrize("args", [["bogus", "fr"], ["rejected", "xx"]])
def test_edit_message_unknown_decision_or_language_is_404(client, staff, args):
    assert client.get(reverse("stakeholders:decision_message", args=args)).status_code == 404


def test_edit_message_unknown_event_is_404(client, staff):
    url = reverse("stakeholders:decision_message", args=["rejected", "fr"]) + "?event=nope"
    assert client.get(url).status_code == 404


# --- who gets what -------------------------------------------------------------------------

STAFF = {"secretariat", "admin"}


def _routes(person):
    pk = person.pk
    return {
        # name: (url, GET for staff, POST (empty form) for staff)
        "registration_queue": (reverse(QUEUE), 200, 405),
        "registration_bulk": (reverse("stakeholders:registration_bulk"), 405, 400),
        "registration_detail": (
            reverse("stakeholders:registration_detail", args=[pk]), 200, 405,
        ),
        "registration_decide": (
            reverse("stakeholders:registration_decide", args=[pk]), 405, 400,
        ),
        "registration_travel": (
            reverse("stakeholders:registration_travel", args=[pk]), 405, 400,
        ),
        "decision_messages": (reverse("stakeholders:decision_messages"), 200, 405),
        "decision_message": (
            reverse("stakeholders:decision_message", args=["approved", "ar"]), 200, 400,
        ),
    }  # fmt: skip


def test_every_route_answers_every_persona(client):
    people = cast(state="MEX", other_state="FRA", commission="ECLAC")
    person = RegistrationFactory(residence_id="MEX")
    for name, (url, staff_get, staff_post) in _routes(person).items():
        for persona, user in people.items():
            client.logout()
            if user is not None:
                client.force_login(user)
            got = (client.get(url).status_code, client.post(url).status_code)
            if persona in STAFF:
                expected = (staff_get, staff_post)
            elif user is None:
                expected = (302, 302)
            else:
                expected = (403 if staff_get != 405 else 405, 403 if staff_post != 405 else 405)
            assert got == expected, (name, persona)
    assert Registration.objects.get(pk=person.pk).status == Status.PENDING


@pytest.mark.parametrize(
    "route", ["registration_detail", "registration_decide", "registration_travel"]
)
def test_unknown_registration_is_404(client, staff, route):
    url = reverse(f"stakeholders:{route}", args=[10**20])
    response = client.post(url) if route != "registration_detail" else client.get(url)
    assert response.status_code == 404
