"""The secretariat's pages of special accreditation: the applications with their filters and
duplicates, one application and its decision, the review period's control."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from reviews.models import Objective
from stakeholders import accreditation
from stakeholders.models import AccreditationApplication, Objection, SupportingDocument
from tests.personas import focal_point_of, reporter_of, secretariat_member
from tests.stakeholders.accrediting import application, organization
from tests.stakeholders.factories import EventFactory

pytestmark = pytest.mark.django_db
S = AccreditationApplication.Status


@pytest.fixture
def event():
    return EventFactory(slug="imrf-2026", accreditation_deadline=timezone.now() + timedelta(5))


@pytest.fixture
def staff(client):
    user = secretariat_member()
    client.force_login(user)
    return user


def list_url(event, **query):
    url = reverse("stakeholders:accreditation_applications", args=[event.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def names(response) -> list[str]:
    return [a.organization.name for a in response.context["applications"]]


def test_the_list_filters_by_status_type_region_and_objective(client, staff, event):
    kenya = application(event, organization("Kenya Voices", country="KEN"), S.APPLIED)
    kenya.objectives.set(Objective.objects.filter(number=7))
    application(event, organization("Paris Uni", category="academia", country="FRA"), S.APPLIED)
    application(event, organization("Recommended", country="FRA"), S.RECOMMENDED)
    assert names(client.get(list_url(event))) == ["Kenya Voices", "Paris Uni", "Recommended"]
    assert names(client.get(list_url(event, status="recommended"))) == ["Recommended"]
    assert names(client.get(list_url(event, category="academia"))) == ["Paris Uni"]
    assert names(client.get(list_url(event, region="ECA"))) == ["Kenya Voices"]
    assert names(client.get(list_url(event, objective=7))) == ["Kenya Voices"]
    # A bad value is a message at the field, not a 500: the list is then unfiltered.
    response = client.get(list_url(event, objective="x%00", status="nonsense"))
    assert response.status_code == 200
    assert len(names(response)) == 3


def test_the_duplicates_filter_shows_organisations_matching_another_by_name_or_website(
    client, staff, event
):
    # Made as two records (e.g. one imported, one applying under another website).
    first = organization("Migrant Voices", website="https://voices.example.org")
    twin = organization("MIGRANT-VOICES!", website="https://other.example.org")
    site = organization("Voces Migrantes", website="http://www.voices.example.org/")
    application(event, first, S.APPLIED)
    application(event, organization("Alone"), S.APPLIED)
    response = client.get(list_url(event, duplicates="on"))
    assert names(response) == ["Migrant Voices"]
    (row,) = response.context["applications"]
    assert sorted(o.pk for o in row.duplicates) == sorted([twin.pk, site.pk])
    assert "Voces Migrantes (http://www.voices.example.org/)" in response.content.decode()


def test_the_list_uses_a_constant_number_of_queries(client, staff, event):
    def make(n):
        for i in range(n):
            made = application(event, organization(f"Org {n}-{i}"), S.APPLIED)
            made.objectives.set(Objective.objects.filter(number__in=[1, 2]))

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(list_url(event)).status_code == 200
        return len(queries)

    make(1)
    count()  # warm the per-process caches
    one = count()
    make(3)
    assert count() == one


def test_recommend_through_the_page_and_a_stale_page_is_refused(client, staff, event):
    app = application(event, organization("A"), S.APPLIED)
    url = reverse("stakeholders:accreditation_decide", args=[event.slug, app.pk])
    response = client.post(url, {"decision": "recommend", "reason": "", "version": app.version})
    assert response.status_code == 302
    app.refresh_from_db()
    assert (app.status, app.version) == (S.RECOMMENDED, 2)
    stale = client.post(url, {"decision": "not_recommend", "reason": "Late.", "version": 1})
    assert stale.status_code == 409
    assert "This application changed since you opened it" in stale.content.decode()
    assert "Late." in stale.content.decode()  # what was typed is kept
    app.refresh_from_db()
    assert app.status == S.RECOMMENDED


def test_not_recommending_needs_a_reason_at_the_field(client, staff, event):
    app = application(event, organization("A"), S.APPLIED)
    url = reverse("stakeholders:accreditation_decide", args=[event.slug, app.pk])
    response = client.post(url, {"decision": "not_recommend", "reason": " ", "version": 1})
    assert response.status_code == 400
    assert response.context["form"].errors["reason"] == ["Give the reason for not recommending it."]


def test_the_application_page_shows_objections_documents_and_history(client, staff, event):
    app = application(event, organization("A"), S.RECOMMENDED)
    accreditation.open_review(event, by=staff, closes_at=timezone.now() + timedelta(days=7))
    person = focal_point_of("GHA")
    ghana = person.focal_point_memberships.get().member_state
    accreditation.object(app, member_state=ghana, by=person, reason="We do not know them.")
    doc = SupportingDocument.objects.create(
        application=app, title="Statutes", file=ContentFile(b"%PDF-1.4 x", name="statutes.pdf")
    )
    page = client.get(reverse("stakeholders:accreditation_application", args=[event.slug, app.pk]))
    html = page.content.decode()
    assert "<strong>Ghana</strong>" in html and "We do not know them." in html
    assert [e.label for e in page.context["application"].trail] == [
        "Sent to Member States for review"
    ]
    download = client.get(
        reverse("stakeholders:accreditation_document", args=[event.slug, app.pk, doc.pk])
    )
    assert (download.status_code, b"".join(download.streaming_content)) == (200, b"%PDF-1.4 x")
    other = EventFactory()
    wrong = reverse("stakeholders:accreditation_document", args=[other.slug, app.pk, doc.pk])
    assert client.get(wrong).status_code == 404


def test_the_review_is_sent_to_member_states_from_the_page(client, staff, event):
    app = application(event, organization("A"), S.RECOMMENDED)
    focal_point_of("GHA")
    url = reverse("stakeholders:accreditation_open_review", args=[event.slug])
    past = client.post(url, {"closes_at": "2001-01-01T10:00"})
    assert past.status_code == 400
    assert past.context["review_form"].errors["closes_at"] == [
        "The closing date must be in the future."
    ]
    when = (timezone.now() + timedelta(days=14)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(url, {"closes_at": when})
    assert response.status_code == 302
    app.refresh_from_db(), event.refresh_from_db()
    assert app.status == S.UNDER_REVIEW
    assert event.review_closes_at.strftime("%Y-%m-%dT%H:%M") == when
    page = client.get(list_url(event))
    assert "The recommended list was sent to Member States on" in page.content.decode()
    assert page.context["notices"] == {"E-mail waiting to be sent": 1}


@pytest.mark.parametrize("who", ["anonymous", "focal_point", "reporter"])
def test_only_the_secretariat_opens_the_pages(client, event, who):
    app = application(event, organization("A"), S.APPLIED)
    if who == "focal_point":
        client.force_login(focal_point_of("GHA"))
    elif who == "reporter":
        client.force_login(reporter_of(commission="ECE"))
    urls = [
        reverse("stakeholders:accreditation_events"),
        list_url(event),
        reverse("stakeholders:accreditation_application", args=[event.slug, app.pk]),
        reverse("stakeholders:accreditation_import"),
    ]
    expected = 302 if who == "anonymous" else 403
    assert [client.get(u).status_code for u in urls] == [expected] * 4
    post = client.post(
        reverse("stakeholders:accreditation_decide", args=[event.slug, app.pk]),
        {"decision": "recommend", "version": 1},
    )
    assert post.status_code == expected
    app.refresh_from_db()
    assert app.status == S.APPLIED
    assert Objection.objects.count() == 0


def test_bad_ids_and_values_are_404_or_a_message(client, staff, event):
    app = application(event, organization("A"), S.APPLIED)
    huge = "9" * 25
    base = f"/en/secretariat/accreditation/{event.slug}/"
    assert client.get(f"{base}{huge}/").status_code == 404
    assert client.get(f"{base}{app.pk}/documents/{huge}/").status_code == 404
    assert client.get("/en/secretariat/accreditation/no-such-imrf/").status_code == 404
    decide = reverse("stakeholders:accreditation_decide", args=[event.slug, app.pk])
    bad = client.post(decide, {"decision": "recommend\x00", "version": huge})
    assert bad.status_code == 400
    assert sorted(bad.context["form"].errors) == ["decision", "version"]
    app.refresh_from_db()
    assert app.status == S.APPLIED
