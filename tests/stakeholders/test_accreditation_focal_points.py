"""Member States' page of the recommended organisations: who sees it, objecting, and that a
State never sees another State's objection."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stakeholders import accreditation
from stakeholders.models import AccreditationApplication, Event, Objection
from tests.personas import authorizing_official_of, focal_point_of, reporter_of, secretariat_member
from tests.stakeholders.accrediting import application, organization
from tests.stakeholders.factories import EventFactory

pytestmark = pytest.mark.django_db
S = AccreditationApplication.Status


@pytest.fixture
def event():
    return EventFactory(slug="imrf-2026", accreditation_deadline=timezone.now() + timedelta(5))


@pytest.fixture
def listed(event):
    """Two recommended organisations, the list sent to Member States for a week."""
    first = application(event, organization("Alpha"), S.RECOMMENDED, purpose="Alpha's purpose.")
    second = application(event, organization("Beta"), S.RECOMMENDED)
    application(event, organization("Not listed"), S.APPLIED)
    accreditation.open_review(
        event, by=secretariat_member(), closes_at=timezone.now() + timedelta(7)
    )
    return first, second


def page_url(event):
    return reverse("stakeholders:accreditation_focal_points", args=[event.slug])


def object_url(event, app):
    return reverse("stakeholders:accreditation_object", args=[event.slug, app.pk])


def test_a_focal_point_sees_the_recommended_list_and_objects(client, event, listed):
    _first, second = listed
    person = focal_point_of("GHA")
    client.force_login(person)
    page = client.get(page_url(event))
    assert page.status_code == 200
    assert [r.organization.name for r in page.context["rows"]] == ["Alpha", "Beta"]
    assert "Alpha&#x27;s purpose." in page.content.decode()
    response = client.post(
        object_url(event, second),
        {f"a{second.pk}-member_state": "GHA", f"a{second.pk}-reason": "Unknown to us."},
    )
    assert response.status_code == 302
    assert list(Objection.objects.values_list("application", "member_state", "reason", "by")) == [
        (second.pk, "GHA", "Unknown to us.", person.pk)
    ]


def test_a_state_sees_its_own_objection_never_another_states(client, event, listed):
    first, _second = listed
    ghana, france = focal_point_of("GHA"), focal_point_of("FRA")
    gha = ghana.focal_point_memberships.get().member_state
    accreditation.object(first, member_state=gha, by=ghana, reason="Ghana's secret reason.")
    client.force_login(france)
    assert "Ghana&#x27;s secret reason." not in client.get(page_url(event)).content.decode()
    client.force_login(focal_point_of("GHA"))  # a colleague of the same State sees it
    assert "Ghana&#x27;s secret reason." in client.get(page_url(event)).content.decode()


def test_an_objection_needs_a_reason_and_a_state_of_ones_own(client, event, listed):
    first, _ = listed
    client.force_login(focal_point_of("GHA"))
    empty = client.post(object_url(event, first), {f"a{first.pk}-member_state": "GHA"})
    assert empty.status_code == 400
    assert "This field is required." in empty.content.decode()
    other = client.post(
        object_url(event, first),
        {f"a{first.pk}-member_state": "FRA", f"a{first.pk}-reason": "Not ours."},
    )
    assert other.status_code == 400
    assert Objection.objects.count() == 0


def test_after_the_close_the_list_is_read_only(client, event, listed):
    first, _ = listed
    Event.objects.filter(pk=event.pk).update(review_closes_at=timezone.now() - timedelta(1))
    client.force_login(authorizing_official_of("GHA"))
    page = client.get(page_url(event))
    assert page.status_code == 200
    assert "this list is read-only" in page.content.decode()
    assert all(not hasattr(r, "form") for r in page.context["rows"])
    late = client.post(
        object_url(event, first),
        {f"a{first.pk}-member_state": "GHA", f"a{first.pk}-reason": "Late."},
    )
    assert late.status_code == 400
    assert "Member States&#x27; review of this list is closed." in late.content.decode()
    assert Objection.objects.count() == 0


def test_who_may_open_the_page(client, event, listed):
    url = page_url(event)
    assert client.get(url).status_code == 302  # anonymous: log in
    client.force_login(reporter_of(commission="ECE"))
    assert client.get(url).status_code == 403
    client.force_login(secretariat_member())
    assert client.get(url).status_code == 403
    client.force_login(focal_point_of("GHA"))
    not_sent = EventFactory(accreditation_deadline=timezone.now() + timedelta(5))
    assert client.get(page_url(not_sent)).status_code == 404


def test_the_workspace_lists_the_open_review(client, event, listed):
    client.force_login(focal_point_of("GHA"))
    html = client.get(reverse("reviews:workspace")).content.decode()
    assert f'href="{page_url(event)}"' in html
    Event.objects.filter(pk=event.pk).update(review_closes_at=timezone.now() - timedelta(1))
    html = client.get(reverse("reviews:workspace")).content.decode()
    assert f'href="{page_url(event)}"' not in html
